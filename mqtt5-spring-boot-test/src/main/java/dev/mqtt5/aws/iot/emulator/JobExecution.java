package dev.mqtt5.aws.iot.emulator;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One job's execution on one thing, and its views in the Jobs API's JSON: the summary, the
 * execution data and the execution state. Not thread-safe: the {@link JobsService} lock guards it.
 */
final class JobExecution {

    final String jobId;

    final String thingName;

    final JsonNode jobDocument;

    final long queuedAt;

    final Duration defaultStepTimeout;

    JobExecutionStatus status = JobExecutionStatus.QUEUED;

    ObjectNode statusDetails;

    Long startedAt;

    long lastUpdatedAt;

    long versionNumber = 1;

    final long executionNumber = 1;

    ScheduledFuture<?> stepTimer;

    JobExecution(String jobId, String thingName, JsonNode jobDocument, long queuedAt, Duration defaultStepTimeout) {
        this.jobId = jobId;
        this.thingName = thingName;
        this.jobDocument = jobDocument;
        this.queuedAt = queuedAt;
        this.lastUpdatedAt = queuedAt;
        this.defaultStepTimeout = defaultStepTimeout;
    }

    /** Moves to {@code next}, replacing the status details when given, and counts a new version. */
    void transition(JobExecutionStatus next, ObjectNode details, long now) {
        if (this.status == JobExecutionStatus.QUEUED && next == JobExecutionStatus.IN_PROGRESS) {
            this.startedAt = now;
        }
        this.status = next;
        if (details != null) {
            this.statusDetails = details.deepCopy();
        }
        this.lastUpdatedAt = now;
        this.versionNumber++;
        if (next.isTerminal()) {
            cancelStepTimer();
        }
    }

    void cancelStepTimer() {
        if (this.stepTimer != null) {
            this.stepTimer.cancel(false);
            this.stepTimer = null;
        }
    }

    /** A JobExecutionSummary: what {@code get} and {@code notify} list. */
    ObjectNode summary() {
        ObjectNode summary = Json.object().put("jobId", this.jobId).put("queuedAt", this.queuedAt);
        if (this.startedAt != null) {
            summary.put("startedAt", this.startedAt);
        }
        return summary.put("lastUpdatedAt", this.lastUpdatedAt).put("versionNumber", this.versionNumber)
                .put("executionNumber", this.executionNumber);
    }

    /** A JobExecutionData: what {@code start-next}, {@code get} of one job and {@code notify-next} carry. */
    ObjectNode data(boolean includeJobDocument) {
        ObjectNode data = Json.object().put("jobId", this.jobId).put("thingName", this.thingName);
        if (includeJobDocument) {
            data.set("jobDocument", this.jobDocument.deepCopy());
        }
        data.put("status", this.status.name());
        if (this.statusDetails != null) {
            data.set("statusDetails", this.statusDetails.deepCopy());
        }
        data.put("queuedAt", this.queuedAt);
        if (this.startedAt != null) {
            data.put("startedAt", this.startedAt);
        }
        return data.put("lastUpdatedAt", this.lastUpdatedAt).put("versionNumber", this.versionNumber)
                .put("executionNumber", this.executionNumber);
    }

    /** A JobExecutionState: what {@code update} returns and the VersionMismatch and InvalidStateTransition errors carry. */
    ObjectNode state() {
        ObjectNode state = Json.object().put("status", this.status.name());
        if (this.statusDetails != null) {
            state.set("statusDetails", this.statusDetails.deepCopy());
        }
        return state.put("versionNumber", this.versionNumber);
    }
}
