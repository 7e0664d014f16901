package dev.mqtt5.spring.autoconfigure;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where and as whom the client connects. The auto-configuration derives these from
 * {@code aws.iot.mqtt5.*}; define a bean of this type (as {@code @ServiceConnection} does for
 * other services, or a test broker) to override them. Every other property still applies.
 */
public interface Mqtt5ConnectionDetails extends ConnectionDetails {

    /** Host name of the broker. */
    String getEndpoint();

    /** Port of the broker, or null for the default of the transport. */
    default Integer getPort() {
        return null;
    }

    /** User name, or null. */
    default String getUsername() {
        return null;
    }

    /** Password, or null. */
    default String getPassword() {
        return null;
    }
}
