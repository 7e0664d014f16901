package dev.mqtt5.aws.iot.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A {@code notify} event: an execution was added to or removed from the thing's pending ones.
 *
 * @param jobs the pending executions by status ({@code QUEUED}, {@code IN_PROGRESS}); empty when none
 * @param timestamp when the service sent it, or null
 */
public record JobExecutionsChanged(Map<JobStatus, List<JobExecutionSummary>> jobs, Instant timestamp) {

    /**
     * Copies the map.
     *
     * @param jobs the pending executions by status
     * @param timestamp when the service sent it
     */
    public JobExecutionsChanged {
        jobs = Map.copyOf(jobs);
    }
}
