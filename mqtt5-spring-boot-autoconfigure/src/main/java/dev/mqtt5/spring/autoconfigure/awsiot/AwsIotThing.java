package dev.mqtt5.spring.autoconfigure.awsiot;

/**
 * The application's AWS IoT thing: {@code aws.iot.mqtt5.iot.thing-name}, or the MQTT client id.
 *
 * @param name the thing name
 */
public record AwsIotThing(String name) {
}
