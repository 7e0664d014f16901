package dev.mqtt5.aws.iot.jobs;

import java.time.Instant;
import java.util.List;

/**
 * The reply to get-pending: the thing's executions that are not in a terminal status.
 *
 * @param inProgressJobs executions in progress
 * @param queuedJobs executions queued
 * @param timestamp when the service sent it, or null
 * @param clientToken the request's client token
 */
public record PendingJobExecutions(List<JobExecutionSummary> inProgressJobs, List<JobExecutionSummary> queuedJobs,
        Instant timestamp, String clientToken) {

    /**
     * Copies the lists.
     *
     * @param inProgressJobs executions in progress
     * @param queuedJobs executions queued
     * @param timestamp when the service sent it
     * @param clientToken the request's client token
     */
    public PendingJobExecutions {
        inProgressJobs = List.copyOf(inProgressJobs);
        queuedJobs = List.copyOf(queuedJobs);
    }
}
