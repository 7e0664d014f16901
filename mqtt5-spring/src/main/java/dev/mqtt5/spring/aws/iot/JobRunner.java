package dev.mqtt5.spring.aws.iot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.mqtt5.aws.iot.jobs.JobExecution;
import dev.mqtt5.aws.iot.jobs.JobExecutionUpdate;
import dev.mqtt5.aws.iot.jobs.JobStatus;
import dev.mqtt5.aws.iot.jobs.JobsClient;
import dev.mqtt5.aws.iot.rr.StreamingOperation;
import dev.mqtt5.aws.iot.rr.SubscriptionStatusEvent;
import dev.mqtt5.aws.iot.rr.SubscriptionStatusEventType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * Runs a thing's jobs through the {@link JobHandler} methods, one at a time: starts the next
 * pending execution, calls the method its document's {@code operation} names, and reports the
 * outcome; again until none is pending, whenever the service notifies a next job or the stream is
 * (re)established.
 */
final class JobRunner extends HandlerStream {

    private static final Log logger = LogFactory.getLog(JobRunner.class);

    /** The Jobs service limits status detail values to 1,024 characters. */
    private static final int MAX_DETAIL = 1024;

    private final JobsClient jobs;

    private final Map<String, HandlerMethod> handlers;

    private final Duration timeout;

    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private final AtomicLong succeeded = new AtomicLong();

    private final AtomicLong failed = new AtomicLong();

    JobRunner(JobsClient jobs, Map<String, HandlerMethod> handlers, Duration timeout) {
        super("mqtt5-jobs-" + jobs.thingName());
        this.jobs = jobs;
        this.handlers = Map.copyOf(handlers);
        this.timeout = timeout;
    }

    String thingName() {
        return this.jobs.thingName();
    }

    long succeeded() {
        return this.succeeded.get();
    }

    long failed() {
        return this.failed.get();
    }

    @Override
    StreamingOperation open() {
        return this.jobs.nextExecutionChanged((changed) -> {
            if (changed.execution() != null) {
                drainSoon();
            }
        }, this::statusChanged);
    }

    private void statusChanged(SubscriptionStatusEvent event) {
        if (event.type() == SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED) {
            drainSoon();
        }
        else if (event.type() == SubscriptionStatusEventType.SUBSCRIPTION_HALTED) {
            logger.warn("Jobs of " + thingName() + ": the notify-next subscription failed for good, no job runs: "
                    + event.error());
        }
    }

    /** Schedules one drain; a notification during a drain schedules the next one after it. */
    private void drainSoon() {
        if (this.drainScheduled.compareAndSet(false, true)) {
            submit(() -> {
                this.drainScheduled.set(false);
                drain();
            });
        }
    }

    private void drain() {
        String previous = null;
        while (!isStopped()) {
            JobExecution execution;
            try {
                execution = awaitRead(this.jobs.startNext(Map.of(), null), this.timeout);
            }
            catch (java.util.concurrent.CancellationException ex) {
                return; // stopped
            }
            catch (Exception ex) {
                logger.warn("Jobs of " + thingName() + ": starting the next job failed: "
                        + ShadowDeltaEndpoint.unwrap(ex));
                return;
            }
            if (execution == null) {
                return;
            }
            String key = execution.jobId() + "#" + execution.executionNumber();
            if (key.equals(previous)) {
                return; // its update did not take: the next notification or connection tries again
            }
            previous = key;
            if (!run(execution)) {
                return;
            }
        }
    }

    /** Runs one execution and reports its outcome; false when the report failed. */
    private boolean run(JobExecution execution) {
        JsonNode document = execution.jobDocument();
        String operation = document.path("operation").asString("");
        HandlerMethod handler = this.handlers.get(operation);
        JobStatus status;
        Map<String, String> details = new LinkedHashMap<>();
        if (handler == null) {
            status = JobStatus.REJECTED;
            details.put("reason", "no @JobHandler for operation '" + operation + "'; handled: " + this.handlers.keySet());
        }
        else {
            try {
                Object result = handler.invoke(document, execution);
                status = JobStatus.SUCCEEDED;
                if (result instanceof Map<?, ?> map) {
                    map.forEach((name, value) -> details.put(String.valueOf(name), detail(value)));
                }
                else if (result != null) {
                    details.put("result", detail(result));
                }
            }
            catch (Exception ex) {
                status = JobStatus.FAILED;
                details.put("reason", detail((ex.getMessage() != null) ? ex.getMessage() : ex.toString()));
                logger.warn("Job " + execution.jobId() + " (" + operation + ") on " + thingName() + " failed in "
                        + handler.describe() + ": " + ex);
            }
        }
        JobExecutionUpdate.Builder update = JobExecutionUpdate.builder(execution.jobId(), status)
            .executionNumber(execution.executionNumber());
        details.forEach(update::statusDetail);
        try {
            this.jobs.update(update.build()).get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception ex) {
            logger.warn("Job " + execution.jobId() + " on " + thingName() + ": reporting " + status + " failed: "
                    + ShadowDeltaEndpoint.unwrap(ex));
            return false;
        }
        ((status == JobStatus.SUCCEEDED) ? this.succeeded : this.failed).incrementAndGet();
        return true;
    }

    private static String detail(Object value) {
        String text = String.valueOf(value);
        return (text.length() > MAX_DETAIL) ? text.substring(0, MAX_DETAIL) : text;
    }
}
