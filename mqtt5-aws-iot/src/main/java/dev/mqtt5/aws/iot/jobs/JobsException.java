package dev.mqtt5.aws.iot.jobs;

import dev.mqtt5.aws.iot.ServiceRejectedException;
import java.time.Instant;

/**
 * The Jobs service rejected a request: its error document, as received on the {@code /rejected}
 * topic. For {@link JobsErrorCode#VERSION_MISMATCH} and {@link JobsErrorCode#INVALID_STATE_TRANSITION}
 * it carries the execution's current state, as the service sent it.
 */
public final class JobsException extends ServiceRejectedException {

    private static final long serialVersionUID = 1L;

    private final String wireCode;
    private final transient JobExecutionState executionState;

    /**
     * Creates the exception from the service's error document.
     *
     * @param operation what was requested, for the message
     * @param wireCode the document's {@code code}, such as {@code VersionMismatch}
     * @param errorMessage the document's {@code message}
     * @param clientToken the document's {@code clientToken}, or null
     * @param timestamp the document's {@code timestamp}, or null
     * @param executionState the document's {@code executionState}, or null
     */
    public JobsException(String operation, String wireCode, String errorMessage, String clientToken, Instant timestamp,
            JobExecutionState executionState) {
        super("Jobs rejected the " + operation + ": " + wireCode + " " + errorMessage
                + (executionState == null ? "" : " (execution is " + executionState.status() + ", version "
                        + executionState.versionNumber() + ")"), errorMessage, clientToken, timestamp);
        this.wireCode = wireCode;
        this.executionState = executionState;
    }

    /**
     * The error code.
     *
     * @return the code, {@link JobsErrorCode#UNKNOWN} for one this library does not know
     */
    public JobsErrorCode code() {
        return JobsErrorCode.of(wireCode);
    }

    /**
     * The code as the service sent it.
     *
     * @return the {@code code} field
     */
    public String wireCode() {
        return wireCode;
    }




    /**
     * The execution's current state, sent with {@code VersionMismatch} and {@code InvalidStateTransition}.
     *
     * @return the state, or null when the service sent none
     */
    public JobExecutionState executionState() {
        return executionState;
    }
}
