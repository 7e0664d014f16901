package dev.mqtt5.spring.listener;

import org.apache.commons.logging.Log;

/**
 * Runs a lifecycle's stop on a daemon thread of its own and then calls Spring's callback, so that
 * a stop that waits (for listeners, for in-flight operations) counts against
 * {@code spring.lifecycle.timeout-per-shutdown-phase} like other asynchronous stops, and a failure
 * is logged instead of leaving the phase waiting.
 */
public final class ShutdownThread {

    private ShutdownThread() {
    }

    /**
     * Starts the thread.
     *
     * @param name the thread's name
     * @param stop the stop to run
     * @param callback Spring's callback, run when the stop ends, also when it fails
     * @param logger where a failure is logged at WARN
     * @param failure the log line's text for a failure
     */
    public static void start(String name, Runnable stop, Runnable callback, Log logger, String failure) {
        Thread stopper = new Thread(() -> {
            try {
                stop.run();
            } catch (RuntimeException ex) {
                logger.warn(failure, ex);
            } finally {
                callback.run();
            }
        }, name);
        stopper.setDaemon(true);
        stopper.start();
    }
}
