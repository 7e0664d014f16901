package dev.mqtt5.aws.iot.jobs;

import java.util.Map;

/**
 * The state of a job execution: in an update's reply, and in a {@code VersionMismatch} or
 * {@code InvalidStateTransition} rejection, as the service sends it.
 *
 * @param status the status
 * @param statusDetails the name-value pairs the device reported, empty when none
 * @param versionNumber the execution's version, for the next update's {@code expectedVersion}
 */
public record JobExecutionState(JobStatus status, Map<String, String> statusDetails, long versionNumber) {

    /**
     * Copies the details.
     *
     * @param status the status
     * @param statusDetails the name-value pairs
     * @param versionNumber the execution's version
     */
    public JobExecutionState {
        statusDetails = statusDetails == null ? Map.of() : Map.copyOf(statusDetails);
    }
}
