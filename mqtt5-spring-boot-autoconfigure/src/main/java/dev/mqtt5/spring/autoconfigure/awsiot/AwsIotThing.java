package dev.mqtt5.spring.autoconfigure.awsiot;

import dev.mqtt5.spring.autoconfigure.InvalidMqtt5PropertyException;

/**
 * The application's AWS IoT thing: {@code aws.iot.mqtt5.iot.thing-name}, or the MQTT client id.
 * An application that uses no service of its thing may have neither (a client id the broker
 * assigns): then only asking for the name fails, naming the property to set.
 */
public final class AwsIotThing {

    private final String name;

    AwsIotThing(String name) {
        this.name = name;
    }

    /**
     * The thing name.
     *
     * @return the name
     * @throws InvalidMqtt5PropertyException when neither the thing name nor the client id is set
     */
    public String name() {
        if (this.name == null) {
            throw new InvalidMqtt5PropertyException("aws.iot.mqtt5.iot.thing-name", "is not set and the client id is empty",
                    "Set aws.iot.mqtt5.iot.thing-name, or aws.iot.mqtt5.client-id (the thing name by default).");
        }
        return this.name;
    }

    /** Whether a thing name is known. */
    public boolean isKnown() {
        return this.name != null;
    }

    @Override
    public String toString() {
        return "AwsIotThing[" + ((this.name != null) ? this.name : "unknown") + "]";
    }
}
