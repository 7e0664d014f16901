package dev.mqtt5.client.packet;

import java.time.Duration;
import java.util.List;

/** Argument checks shared by the packet builders; each message names the field at fault. */
final class Checks {

    static final long MAX_FOUR_BYTE = 0xFFFF_FFFFL;

    private Checks() {
    }

    static List<UserProperty> userProperties(List<UserProperty> properties) {
        if (properties == null || properties.isEmpty()) {
            return List.of();
        }
        for (UserProperty property : properties) {
            if (property == null) {
                throw new IllegalArgumentException("userProperties must not contain null");
            }
        }
        return List.copyOf(properties);
    }

    static Duration seconds(String field, Duration value, long maxSeconds) {
        if (value == null) {
            return null;
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + value);
        }
        if (value.getSeconds() > maxSeconds) {
            throw new IllegalArgumentException(field + " must be at most " + maxSeconds + " seconds, was " + value);
        }
        return value;
    }

    static Integer range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static Long range(String field, Long value, long min, long max) {
        if (value != null && (value < min || value > max)) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static String bytesToString(byte[] bytes) {
        return bytes == null ? "null" : bytes.length + " bytes";
    }
}
