package dev.mqtt5.spring.autoconfigure;

/**
 * An AWS IoT authentication method (or the proxy) is configured, but this build cannot map it to
 * the client yet: the AWS builder it needs is not part of the client library in this build.
 */
public class AuthenticationMethodUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String property;

    /**
     * Creates the exception.
     *
     * @param property the property group that selected the method, such as {@code aws.iot.mqtt5.mtls}
     */
    public AuthenticationMethodUnavailableException(String property) {
        super(property + ".* is not available in this build yet: it needs AwsIotMqtt5ClientBuilder");
        this.property = property;
    }

    /** The property group that selected the method. */
    public String getProperty() {
        return this.property;
    }
}
