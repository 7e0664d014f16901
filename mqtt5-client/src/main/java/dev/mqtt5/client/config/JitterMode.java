package dev.mqtt5.client.config;

/** How randomness is added to reconnect delays, so that a fleet of clients does not reconnect in lockstep. */
public enum JitterMode {
    /** No randomness: the delay doubles from the minimum up to the maximum. */
    NONE,
    /** A uniformly random delay between zero and the doubled delay. The default. */
    FULL,
    /** A random delay between the minimum and three times the previous delay, capped at the maximum. */
    DECORRELATED
}
