package dev.mqtt5.client.internal.engine;

import io.netty.util.concurrent.ScheduledFuture;

/** Cancels the engine's optional timers. */
final class Timers {

    private Timers() {
    }

    /** Cancels the timer if there is one; returns null, to clear the field that held it. */
    static ScheduledFuture<?> cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
        return null;
    }
}
