package dev.mqtt5.client.config;

/**
 * How the client uses topic aliases on the publishes it sends. Aliases replace a topic name by a
 * small number on the wire after its first use on a connection; the server says how many it
 * accepts (Topic Alias Maximum in CONNACK, 0 when absent), and every connection starts with no
 * aliases bound.
 *
 * <ul>
 * <li>{@link #disabled()} (the default): never sends aliases; a publish that sets one is refused.</li>
 * <li>{@link #manual()}: sends the alias each publish carries, as the application chose it.</li>
 * <li>{@link #lru(int)}: the client picks aliases itself, keeping the most recently used topics,
 *     at most the given number and never more than the server allows.</li>
 * </ul>
 */
public final class TopicAliasingOptions {

    /** Who chooses outbound topic aliases. */
    public enum Mode {
        /** No outbound aliases. */
        DISABLED,
        /** The application sets {@code PublishPacket.topicAlias}. */
        MANUAL,
        /** The client assigns aliases to the most recently used topics. */
        LRU
    }

    private static final TopicAliasingOptions DISABLED = new TopicAliasingOptions(Mode.DISABLED, 0);
    private static final TopicAliasingOptions MANUAL = new TopicAliasingOptions(Mode.MANUAL, 0);

    private final Mode mode;
    private final int cacheSize;

    private TopicAliasingOptions(Mode mode, int cacheSize) {
        this.mode = mode;
        this.cacheSize = cacheSize;
    }

    /** No outbound topic aliases (the default). */
    public static TopicAliasingOptions disabled() {
        return DISABLED;
    }

    /** The application chooses aliases through {@code PublishPacket.Builder.topicAlias}. */
    public static TopicAliasingOptions manual() {
        return MANUAL;
    }

    /**
     * The client assigns aliases to the most recently used topics.
     *
     * @param cacheSize how many topics to keep aliased, 1 to 65535; the server's maximum also applies
     */
    public static TopicAliasingOptions lru(int cacheSize) {
        if (cacheSize < 1 || cacheSize > 65535) {
            throw new IllegalArgumentException("topic aliasing lru cacheSize must be between 1 and 65535, was "
                    + cacheSize);
        }
        return new TopicAliasingOptions(Mode.LRU, cacheSize);
    }

    /** Who chooses aliases. */
    public Mode mode() {
        return mode;
    }

    /** With {@link Mode#LRU}, how many topics are kept aliased; 0 otherwise. */
    public int cacheSize() {
        return cacheSize;
    }

    @Override
    public String toString() {
        return mode == Mode.LRU ? "TopicAliasingOptions[LRU, cacheSize=" + cacheSize + "]"
                : "TopicAliasingOptions[" + mode + "]";
    }
}
