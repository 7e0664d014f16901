package dev.mqtt5.spring.autoconfigure;

/** {@link Mqtt5ConnectionDetails} read from {@link Mqtt5Properties}. */
final class PropertiesMqtt5ConnectionDetails implements Mqtt5ConnectionDetails {

    private final Mqtt5Properties properties;

    PropertiesMqtt5ConnectionDetails(Mqtt5Properties properties) {
        this.properties = properties;
    }

    @Override
    public String getEndpoint() {
        return this.properties.getEndpoint();
    }

    @Override
    public Integer getPort() {
        return this.properties.getPort();
    }

    @Override
    public String getUsername() {
        return this.properties.getUsername();
    }

    @Override
    public String getPassword() {
        return this.properties.getPassword();
    }

    @Override
    public String toString() {
        return "PropertiesMqtt5ConnectionDetails[endpoint=" + getEndpoint() + ", port=" + getPort() + "]";
    }
}
