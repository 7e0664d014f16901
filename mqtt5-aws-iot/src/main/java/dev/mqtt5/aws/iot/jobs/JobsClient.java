package dev.mqtt5.aws.iot.jobs;

import dev.mqtt5.aws.iot.rr.RequestResponseClient;
import dev.mqtt5.aws.iot.rr.ServiceMessage;
import dev.mqtt5.aws.iot.rr.ServiceRequest;
import dev.mqtt5.aws.iot.rr.StreamingOperation;
import dev.mqtt5.aws.iot.rr.SubscriptionStatusEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Jobs service for one thing, over MQTT: list pending executions, start the next, describe
 * one, update one, and streams of the next execution ({@code notify-next}) and of changes to the
 * pending ones ({@code notify}).
 *
 * <p>Every request completes its future on the request-response client's callback executor:
 * normally with the service's accepted reply, exceptionally with {@link JobsException} (its
 * {@link JobsErrorCode}, and the execution state for {@code VersionMismatch} and
 * {@code InvalidStateTransition}) when the service rejects it, or with the request-response
 * core's {@code RequestTimeoutException} / {@code RequestFailedException}. Thread-safe.
 */
public final class JobsClient {

    /** The job id that {@link #describe} understands as "the next pending execution". */
    public static final String NEXT = "$next";

    private final RequestResponseClient rr;
    private final String thingName;
    private final String prefix;
    private final JobsCodec codec;

    private JobsClient(RequestResponseClient rr, String thingName) {
        this.rr = Objects.requireNonNull(rr, "rr must not be null");
        this.thingName = requireName("thingName", thingName);
        this.prefix = "$aws/things/" + thingName + "/jobs";
        this.codec = new JobsCodec(rr.mapper());
    }

    /**
     * The Jobs service of a thing.
     *
     * @param rr the request-response client to send through
     * @param thingName the thing's name
     * @return its jobs client
     */
    public static JobsClient forThing(RequestResponseClient rr, String thingName) {
        return new JobsClient(rr, thingName);
    }

    private static String requireName(String field, String name) {
        Objects.requireNonNull(name, field + " must not be null");
        if (name.isEmpty() || name.contains("/") || name.contains("+") || name.contains("#")) {
            throw new IllegalArgumentException(field + " must be a non-empty name without '/', '+' or '#', was '"
                    + name + "'");
        }
        return name;
    }

    /**
     * The thing's name.
     *
     * @return the name
     */
    public String thingName() {
        return thingName;
    }

    /**
     * Lists the thing's executions that are queued or in progress (GetPendingJobExecutions).
     *
     * @return the pending executions
     */
    public CompletableFuture<PendingJobExecutions> getPendingExecutions() {
        return request("get-pending request", prefix + "/get", rr.mapper().createObjectNode(),
                reply -> codec.pending(reply.body()));
    }

    /**
     * Starts the next pending execution: it becomes {@code IN_PROGRESS} (StartNextPendingJobExecution).
     *
     * @param statusDetails name-value pairs to report, or an empty map
     * @param stepTimeout how long the device has to finish (whole minutes, 1 to 10,080), or null for none
     * @return the started execution, or null when none is pending
     */
    public CompletableFuture<JobExecution> startNext(Map<String, String> statusDetails, Duration stepTimeout) {
        ObjectNode payload = rr.mapper().createObjectNode();
        if (statusDetails != null && !statusDetails.isEmpty()) {
            ObjectNode details = payload.putObject("statusDetails");
            statusDetails.forEach(details::put);
        }
        if (stepTimeout != null) {
            if (stepTimeout.toMinutes() < 1 || stepTimeout.toMinutes() > 10_080) {
                throw new IllegalArgumentException("stepTimeout must be from 1 minute to 7 days, was " + stepTimeout);
            }
            payload.put("stepTimeoutInMinutes", stepTimeout.toMinutes());
        }
        return request("start-next request", prefix + "/start-next", payload,
                reply -> codec.execution(reply.body().get("execution")));
    }

    /**
     * Describes an execution (DescribeJobExecution).
     *
     * @param jobId the job's id, or {@link #NEXT} for the next pending execution
     * @param executionNumber which execution, or null for the latest
     * @param includeJobDocument whether to include the job document
     * @return the execution, or null when {@link #NEXT} finds none
     */
    public CompletableFuture<JobExecution> describe(String jobId, Long executionNumber, boolean includeJobDocument) {
        String id = NEXT.equals(jobId) ? NEXT : requireName("jobId", jobId);
        ObjectNode payload = rr.mapper().createObjectNode();
        if (executionNumber != null) {
            payload.put("executionNumber", executionNumber);
        }
        payload.put("includeJobDocument", includeJobDocument);
        return request("describe request of job '" + id + "'", prefix + "/" + id + "/get", payload,
                reply -> codec.execution(reply.body().get("execution")));
    }

    /**
     * Updates an execution (UpdateJobExecution).
     *
     * @param update the new status, details and options
     * @return the reply: the new execution state and job document when asked for; exceptionally
     *     {@link JobsException} with {@code VersionMismatch} or {@code InvalidStateTransition} and
     *     the execution's current state
     */
    public CompletableFuture<JobExecutionUpdated> update(JobExecutionUpdate update) {
        Objects.requireNonNull(update, "update must not be null");
        String id = requireName("jobId", update.jobId());
        return request("update of job '" + id + "'", prefix + "/" + id + "/update", codec.updateRequest(update),
                reply -> codec.updated(reply.body()));
    }

    /**
     * Streams the thing's next pending execution whenever it changes ({@code notify-next}). See
     * {@link StreamingOperation} for the status events and threads.
     *
     * @param handler receives each change, in order
     * @param statusHandler receives subscription-status events, or null
     * @return the open stream
     */
    public StreamingOperation nextExecutionChanged(Consumer<NextJobExecutionChanged> handler,
            Consumer<SubscriptionStatusEvent> statusHandler) {
        Objects.requireNonNull(handler, "handler must not be null");
        return rr.openStream(prefix + "/notify-next", message -> handler.accept(codec.nextChanged(message.body())),
                statusHandler);
    }

    /**
     * Streams the thing's pending executions whenever one is added or removed ({@code notify}).
     *
     * @param handler receives each change, in order
     * @param statusHandler receives subscription-status events, or null
     * @return the open stream
     */
    public StreamingOperation executionsChanged(Consumer<JobExecutionsChanged> handler,
            Consumer<SubscriptionStatusEvent> statusHandler) {
        Objects.requireNonNull(handler, "handler must not be null");
        return rr.openStream(prefix + "/notify", message -> handler.accept(codec.executionsChanged(message.body())),
                statusHandler);
    }

    private <T> CompletableFuture<T> request(String operation, String topic, ObjectNode payload,
            Function<ServiceMessage, T> decode) {
        String what = operation + " for thing '" + thingName + "'";
        return rr.submit(ServiceRequest.correlated(topic, payload)).thenApply(reply -> {
            if (reply.rejected()) {
                throw JobsCodec.rejection(what, reply);
            }
            return decode.apply(reply);
        });
    }

    @Override
    public String toString() {
        return "JobsClient[" + prefix + "]";
    }
}
