package dev.mqtt5.client.internal.engine;

/** Describes a failure in one phrase for the messages the engine builds around it. */
final class Causes {

    private Causes() {
    }

    /** The exception's message, or its type when it has none. */
    static String describe(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
