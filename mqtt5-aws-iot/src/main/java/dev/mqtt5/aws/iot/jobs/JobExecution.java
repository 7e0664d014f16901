package dev.mqtt5.aws.iot.jobs;

import java.time.Instant;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A job execution on a thing, as the Jobs service describes it.
 *
 * @param jobId the job's id
 * @param thingName the thing
 * @param jobDocument the job document, as sent (a {@code MissingNode} when not included)
 * @param status the status
 * @param statusDetails the name-value pairs the device reported, empty when none
 * @param queuedAt when it was queued, or null
 * @param startedAt when it started, or null
 * @param lastUpdatedAt when it was last updated, or null
 * @param versionNumber its version, for an update's {@code expectedVersion}
 * @param executionNumber which execution of the job on this thing it is
 */
public record JobExecution(String jobId, String thingName, JsonNode jobDocument, JobStatus status,
        Map<String, String> statusDetails, Instant queuedAt, Instant startedAt, Instant lastUpdatedAt,
        long versionNumber, long executionNumber) {

    /**
     * Copies the details.
     *
     * @param jobId the job's id
     * @param thingName the thing
     * @param jobDocument the job document
     * @param status the status
     * @param statusDetails the name-value pairs
     * @param queuedAt when it was queued
     * @param startedAt when it started
     * @param lastUpdatedAt when it was last updated
     * @param versionNumber its version
     * @param executionNumber which execution it is
     */
    public JobExecution {
        statusDetails = statusDetails == null ? Map.of() : Map.copyOf(statusDetails);
    }
}
