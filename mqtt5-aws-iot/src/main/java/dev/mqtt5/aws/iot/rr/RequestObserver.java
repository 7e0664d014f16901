package dev.mqtt5.aws.iot.rr;

/**
 * Told of each request a {@link RequestResponseClient} finished, for metrics; see
 * {@link RequestResponseOptions.Builder#requestObserver(RequestObserver)}.
 */
@FunctionalInterface
public interface RequestObserver {

    /**
     * Called once per request, on the callback executor, when its future completes.
     *
     * @param outcome what the request was and how it ended
     */
    void requestFinished(RequestOutcome outcome);
}
