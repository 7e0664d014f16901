package dev.mqtt5.aws.iot.jobs;

import java.time.Instant;

/**
 * A job execution in a list: pending executions, or an executions-changed event.
 *
 * @param jobId the job's id
 * @param queuedAt when it was queued, or null
 * @param startedAt when it started, or null
 * @param lastUpdatedAt when it was last updated, or null
 * @param versionNumber its version
 * @param executionNumber which execution of the job on this thing it is
 */
public record JobExecutionSummary(String jobId, Instant queuedAt, Instant startedAt, Instant lastUpdatedAt,
        long versionNumber, long executionNumber) {
}
