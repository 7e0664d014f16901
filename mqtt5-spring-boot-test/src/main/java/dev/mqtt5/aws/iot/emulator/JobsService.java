package dev.mqtt5.aws.iot.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.packet.QoS;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulated AWS IoT Jobs service, device side: jobs created from Java for a thing, executed by
 * the device over MQTT, kept in memory.
 *
 * <p>Emulated, on the documented topics and JSON: {@code get} (GetPendingJobExecutions:
 * {@code inProgressJobs} and {@code queuedJobs} summaries), {@code start-next}
 * (StartNextPendingJobExecution), {@code <jobId>/get} and {@code $next/get} (DescribeJobExecution,
 * {@code includeJobDocument}, {@code executionNumber}), {@code <jobId>/update} (UpdateJobExecution:
 * {@code status}, {@code statusDetails}, {@code expectedVersion}, {@code includeJobExecutionState},
 * {@code includeJobDocument}, {@code stepTimeoutInMinutes}); the statuses QUEUED, IN_PROGRESS and the
 * terminal SUCCEEDED, FAILED, REJECTED (set by the device), TIMED_OUT (the step timer), CANCELED and
 * REMOVED (set from Java); {@code notify} when the pending list changes and {@code notify-next} when
 * its first execution changes; errors {@code {code, message, clientToken, timestamp}} with the codes
 * InvalidTopic, InvalidJson, InvalidRequest, InvalidStateTransition and VersionMismatch (both with
 * {@code executionState}), ResourceNotFound, TerminalStateReached (describing an ended execution),
 * RequestThrottled and InternalError (raised by {@link AwsIotEmulator}). Timestamps are seconds.
 *
 * <p>Not emulated: the control plane (job targets, groups, rollouts, abort configurations,
 * scheduling, job templates), more than one execution of a job per thing (the execution number is
 * always 1), {@code notify} lists capped at 15, authorization, the CBOR variants.
 *
 * <p>Thread-safe.
 */
public final class JobsService {

    private final ServicePublisher publisher;

    private final Clock clock;

    private final ScheduledExecutorService timers;

    private final Map<String, Map<String, JobExecution>> executions = new HashMap<>();

    private final JobsRequests requests;

    JobsService(ServicePublisher publisher, Clock clock, ScheduledExecutorService timers) {
        this.publisher = publisher;
        this.clock = clock;
        this.timers = timers;
        this.requests = new JobsRequests(this, publisher);
    }

    /**
     * Queues a job for a thing, as creating a job that targets it would; publishes
     * {@code notify} and, when it is the thing's next job, {@code notify-next}.
     *
     * @param thingName the thing
     * @param jobId the job id
     * @param jobDocumentJson the job document, a JSON object
     * @throws IllegalArgumentException when the thing already has this job or the document is not a JSON object
     */
    public void createJob(String thingName, String jobId, String jobDocumentJson) {
        createJob(thingName, jobId, jobDocumentJson, null);
    }

    /**
     * Queues a job with a step timeout: an execution that stays IN_PROGRESS that long becomes TIMED_OUT.
     *
     * @param thingName the thing
     * @param jobId the job id
     * @param jobDocumentJson the job document, a JSON object
     * @param stepTimeout the step timeout, counted from each start (a device's {@code stepTimeoutInMinutes} replaces it), or null
     */
    public void createJob(String thingName, String jobId, String jobDocumentJson, Duration stepTimeout) {
        Objects.requireNonNull(thingName, "thingName must not be null");
        Objects.requireNonNull(jobId, "jobId must not be null");
        JsonNode document = Json.parse(jobDocumentJson, "jobDocumentJson");
        if (!document.isObject()) {
            throw new IllegalArgumentException("jobDocumentJson must be a JSON object, was " + jobDocumentJson);
        }
        synchronized (this) {
            Map<String, JobExecution> jobs = this.executions.computeIfAbsent(thingName, (t) -> new LinkedHashMap<>());
            if (jobs.containsKey(jobId)) {
                throw new IllegalArgumentException("thing " + thingName + " already has job " + jobId);
            }
            PendingView before = pendingView(thingName);
            jobs.put(jobId, new JobExecution(jobId, thingName, document, now(), stepTimeout));
            publishChanges(thingName, before);
        }
    }

    /**
     * Cancels a job's execution on a thing (status CANCELED), as canceling the job would.
     *
     * @param thingName the thing
     * @param jobId the job
     * @throws IllegalArgumentException when there is no such execution or it has ended
     */
    public void cancel(String thingName, String jobId) {
        end(thingName, jobId, JobExecutionStatus.CANCELED);
    }

    /**
     * Removes a thing from a job's targets (status REMOVED).
     *
     * @param thingName the thing
     * @param jobId the job
     * @throws IllegalArgumentException when there is no such execution or it has ended
     */
    public void remove(String thingName, String jobId) {
        end(thingName, jobId, JobExecutionStatus.REMOVED);
    }

    /**
     * Returns a job execution's status.
     *
     * @param thingName the thing
     * @param jobId the job
     * @return the status, or empty when the thing has no such job
     */
    public synchronized Optional<JobExecutionStatus> status(String thingName, String jobId) {
        return Optional.ofNullable(find(thingName, jobId)).map((execution) -> execution.status);
    }

    /**
     * Returns a job execution as DescribeJobExecution shows it (JobExecutionData with the document).
     *
     * @param thingName the thing
     * @param jobId the job
     * @return the execution's JSON, or empty when the thing has no such job
     */
    public synchronized Optional<String> execution(String thingName, String jobId) {
        return Optional.ofNullable(find(thingName, jobId)).map((execution) -> Json.text(execution.data(true)));
    }

    void handle(ServiceRequest request) {
        this.requests.handle(request);
    }

    void reject(ServiceRequest request, String code, String message) {
        this.requests.reject(request, new JobsRequestException(code, message));
    }

    private synchronized void end(String thingName, String jobId, JobExecutionStatus status) {
        JobExecution execution = find(thingName, jobId);
        if (execution == null || execution.status.isTerminal()) {
            throw new IllegalArgumentException("thing " + thingName + " has no pending job " + jobId);
        }
        PendingView before = pendingView(thingName);
        execution.transition(status, null, now());
        publishChanges(thingName, before);
    }

    /** The execution, or null. Callers hold the lock. */
    JobExecution find(String thingName, String jobId) {
        Map<String, JobExecution> jobs = this.executions.get(thingName);
        return (jobs != null) ? jobs.get(jobId) : null;
    }

    /** The pending executions: IN_PROGRESS ones first, then QUEUED ones, each in the order queued. */
    List<JobExecution> pending(String thingName) {
        List<JobExecution> pending = new ArrayList<>();
        for (JobExecution execution : this.executions.getOrDefault(thingName, Map.of()).values()) {
            if (!execution.status.isTerminal()) {
                pending.add(execution);
            }
        }
        pending.sort(Comparator.comparing((JobExecution execution) -> execution.status != JobExecutionStatus.IN_PROGRESS));
        return pending;
    }

    /** What the notifications compare: the pending executions' ids and statuses, in order. */
    PendingView pendingView(String thingName) {
        List<String> view = new ArrayList<>();
        for (JobExecution execution : pending(thingName)) {
            view.add(execution.jobId + "=" + execution.status);
        }
        return new PendingView(view);
    }

    /**
     * Publishes {@code notify} when the pending list changed since {@code before} and
     * {@code notify-next} when its first execution changed.
     */
    void publishChanges(String thingName, PendingView before) {
        PendingView after = pendingView(thingName);
        if (after.equals(before)) {
            return;
        }
        List<JobExecution> pending = pending(thingName);
        long now = now();
        ObjectNode lists = Json.object();
        for (JobExecution execution : pending) {
            lists.withArray(execution.status.name()).add(execution.summary());
        }
        ObjectNode notify = Json.object();
        notify.set("jobs", lists);
        notify.put("timestamp", now);
        String prefix = "$aws/things/" + thingName + "/jobs/";
        this.publisher.publish(prefix + "notify", notify, QoS.AT_LEAST_ONCE);
        if (!after.nextJobId().equals(before.nextJobId())) {
            ObjectNode next = Json.object();
            if (!pending.isEmpty()) {
                next.set("execution", pending.get(0).data(true));
            }
            next.put("timestamp", now);
            this.publisher.publish(prefix + "notify-next", next, QoS.AT_LEAST_ONCE);
        }
    }

    /** (Re)starts an IN_PROGRESS execution's step timer; at its end the execution is TIMED_OUT. */
    void startStepTimer(JobExecution execution, Duration timeout) {
        execution.cancelStepTimer();
        if (timeout == null) {
            return;
        }
        execution.stepTimer = this.timers.schedule(() -> {
            synchronized (this) {
                if (execution.status == JobExecutionStatus.IN_PROGRESS) {
                    PendingView before = pendingView(execution.thingName);
                    execution.transition(JobExecutionStatus.TIMED_OUT, null, now());
                    publishChanges(execution.thingName, before);
                }
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    long now() {
        return this.clock.instant().getEpochSecond();
    }

    /** The pending executions as "jobId=STATUS" strings, first one next. */
    record PendingView(List<String> entries) {

        String nextJobId() {
            return entries.isEmpty() ? "" : entries.get(0).substring(0, entries.get(0).lastIndexOf('='));
        }
    }
}
