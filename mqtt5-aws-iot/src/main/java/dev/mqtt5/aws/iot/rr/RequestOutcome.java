package dev.mqtt5.aws.iot.rr;

import java.time.Duration;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A finished request, as a {@link RequestObserver} sees it.
 *
 * @param service {@code shadow}, {@code jobs}, {@code provisioning}, or {@code other}
 * @param operation the operation, such as {@code update}, {@code start-next}, {@code register-thing}
 * @param result how it ended
 * @param latency from submission to completion
 */
public record RequestOutcome(String service, String operation, Result result, Duration latency) {

    private static final Logger log = LoggerFactory.getLogger(RequestOutcome.class);

    /** How a request ended. */
    public enum Result {
        /** The service accepted it. */
        ACCEPTED,
        /** The service rejected it (its error document arrived). */
        REJECTED,
        /** No reply within the operation timeout. */
        TIMED_OUT,
        /** It could not be sent or its session was lost, or it was cancelled. */
        FAILED
    }

    static void report(RequestObserver observer, String topic, ServiceMessage reply, Throwable failure, long nanos) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        Result result = cause == null ? (reply.rejected() ? Result.REJECTED : Result.ACCEPTED)
                : cause instanceof RequestTimeoutException ? Result.TIMED_OUT
                : Result.FAILED;
        String[] operation = ServiceTopics.operation(topic);
        try {
            observer.requestFinished(new RequestOutcome(operation[0], operation[1], result, Duration.ofNanos(nanos)));
        } catch (RuntimeException e) {
            log.warn("The request observer failed: {}", e.toString());
        }
    }
}
