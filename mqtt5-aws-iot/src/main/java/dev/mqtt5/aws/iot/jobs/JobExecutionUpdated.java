package dev.mqtt5.aws.iot.jobs;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * The reply to an update of a job execution.
 *
 * @param executionState the execution's new state, when the update asked for it
 *     ({@code includeJobExecutionState}), else null
 * @param jobDocument the job document, when the update asked for it ({@code includeJobDocument}), else null
 * @param timestamp when the service sent it, or null
 * @param clientToken the request's client token
 */
public record JobExecutionUpdated(JobExecutionState executionState, JsonNode jobDocument, Instant timestamp,
        String clientToken) {
}
