package dev.mqtt5.aws.iot.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An update of a job execution (UpdateJobExecution): its new status and details, and optionally
 * the version it applies to, the execution number, a new step timeout, and what the reply should
 * include. Immutable; built with {@link #builder(String, JobStatus)}.
 *
 * @param jobId the job's id
 * @param status the new status: {@code IN_PROGRESS}, {@code SUCCEEDED}, {@code FAILED} or {@code REJECTED}
 * @param statusDetails name-value pairs to report, empty for none
 * @param expectedVersion the execution version it applies to (else rejected with {@code VersionMismatch}), or null
 * @param executionNumber which execution of the job, or null for the latest
 * @param stepTimeout a new step timeout (whole minutes, 1 to 10,080), or null to keep the current one
 * @param includeJobExecutionState whether the reply carries the execution's new state
 * @param includeJobDocument whether the reply carries the job document
 * @param clientToken the client token to send, or null for a generated one
 */
public record JobExecutionUpdate(String jobId, JobStatus status, Map<String, String> statusDetails,
        Long expectedVersion, Long executionNumber, Duration stepTimeout, boolean includeJobExecutionState,
        boolean includeJobDocument, String clientToken) {

    /**
     * Checks and copies the fields.
     *
     * @param jobId the job's id
     * @param status the new status
     * @param statusDetails name-value pairs to report
     * @param expectedVersion the execution version it applies to
     * @param executionNumber which execution of the job
     * @param stepTimeout a new step timeout
     * @param includeJobExecutionState whether the reply carries the execution's state
     * @param includeJobDocument whether the reply carries the job document
     * @param clientToken the client token
     */
    public JobExecutionUpdate {
        Objects.requireNonNull(jobId, "jobId must not be null");
        Objects.requireNonNull(status, "status must not be null");
        if (status == JobStatus.UNKNOWN) {
            throw new IllegalArgumentException("status must be a status the service knows, was UNKNOWN");
        }
        statusDetails = statusDetails == null ? Map.of() : Map.copyOf(statusDetails);
        if (stepTimeout != null && (stepTimeout.toMinutes() < 1 || stepTimeout.toMinutes() > 10_080)) {
            throw new IllegalArgumentException("stepTimeout must be from 1 minute to 7 days, was " + stepTimeout);
        }
        // The service does not echo a token it refuses, so a reply could not be matched to the request.
        if (clientToken != null && clientToken.getBytes(StandardCharsets.UTF_8).length > 64) {
            throw new IllegalArgumentException("clientToken must be at most 64 bytes in UTF-8, was "
                    + clientToken.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    /**
     * A builder of an update.
     *
     * @param jobId the job's id
     * @param status the new status
     * @return a new builder
     */
    public static Builder builder(String jobId, JobStatus status) {
        return new Builder(jobId, status);
    }

    /** Builds a {@link JobExecutionUpdate}; not thread-safe. */
    public static final class Builder {

        private final String jobId;
        private final JobStatus status;
        private final Map<String, String> statusDetails = new LinkedHashMap<>();
        private Long expectedVersion;
        private Long executionNumber;
        private Duration stepTimeout;
        private boolean includeJobExecutionState;
        private boolean includeJobDocument;
        private String clientToken;

        private Builder(String jobId, JobStatus status) {
            this.jobId = jobId;
            this.status = status;
        }

        /**
         * Adds a status detail.
         *
         * @param name its name
         * @param value its value
         * @return this builder
         */
        public Builder statusDetail(String name, String value) {
            statusDetails.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Sets the execution version the update applies to.
         *
         * @param version the version read last
         * @return this builder
         */
        public Builder expectedVersion(long version) {
            this.expectedVersion = version;
            return this;
        }

        /**
         * Sets which execution of the job to update.
         *
         * @param executionNumber the execution number
         * @return this builder
         */
        public Builder executionNumber(long executionNumber) {
            this.executionNumber = executionNumber;
            return this;
        }

        /**
         * Sets a new step timeout, in whole minutes.
         *
         * @param stepTimeout from 1 minute to 7 days
         * @return this builder
         */
        public Builder stepTimeout(Duration stepTimeout) {
            this.stepTimeout = stepTimeout;
            return this;
        }

        /**
         * Asks for the execution's new state in the reply.
         *
         * @param include whether to include it
         * @return this builder
         */
        public Builder includeJobExecutionState(boolean include) {
            this.includeJobExecutionState = include;
            return this;
        }

        /**
         * Asks for the job document in the reply.
         *
         * @param include whether to include it
         * @return this builder
         */
        public Builder includeJobDocument(boolean include) {
            this.includeJobDocument = include;
            return this;
        }

        /**
         * Sets the client token (at most 64 bytes); without one the client generates it.
         *
         * @param clientToken the token
         * @return this builder
         */
        public Builder clientToken(String clientToken) {
            this.clientToken = clientToken;
            return this;
        }

        /**
         * Builds the update.
         *
         * @return the update
         */
        public JobExecutionUpdate build() {
            return new JobExecutionUpdate(jobId, status, statusDetails, expectedVersion, executionNumber, stepTimeout,
                    includeJobExecutionState, includeJobDocument, clientToken);
        }
    }
}
