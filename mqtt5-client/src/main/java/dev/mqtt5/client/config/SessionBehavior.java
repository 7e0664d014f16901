package dev.mqtt5.client.config;

/** How the client asks the server to treat session state on each connection attempt (the Clean Start flag). */
public enum SessionBehavior {
    /** Always start a clean session: Clean Start 1 on every connection. */
    CLEAN,
    /**
     * Clean Start until the first successful connection, then rejoin the session on every
     * reconnect. {@code stop()} resets it, so the next {@code start()} begins clean. The default.
     */
    REJOIN_POST_SUCCESS,
    /** Always try to rejoin an existing session: Clean Start 0 on every connection, the first included. */
    REJOIN_ALWAYS
}
