package dev.mqtt5.client.packet;

import java.util.Objects;

/**
 * One User Property: a name and value pair of UTF-8 strings. The same name may appear more than
 * once in a packet, and the order of properties is kept.
 *
 * @param name the name, not null
 * @param value the value, not null
 */
public record UserProperty(String name, String value) {

    /** Checks that neither part is null. */
    public UserProperty {
        Objects.requireNonNull(name, "user property name must not be null");
        Objects.requireNonNull(value, "user property value must not be null");
    }

    /** Shorthand for {@code new UserProperty(name, value)}. */
    public static UserProperty of(String name, String value) {
        return new UserProperty(name, value);
    }
}
