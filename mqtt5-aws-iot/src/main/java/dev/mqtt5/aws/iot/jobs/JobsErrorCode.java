package dev.mqtt5.aws.iot.jobs;

/** The error codes the Jobs service sends on {@code /rejected} topics (the {@code code} field). */
public enum JobsErrorCode {
    /** The request went to a topic of the Jobs namespace that maps to no operation. */
    INVALID_TOPIC("InvalidTopic"),
    /** The request was not valid UTF-8 JSON. */
    INVALID_JSON("InvalidJson"),
    /** The request's contents were invalid, such as bad status details; the message says which. */
    INVALID_REQUEST("InvalidRequest"),
    /** The update would move the execution to a status its current one does not allow; carries the execution state. */
    INVALID_STATE_TRANSITION("InvalidStateTransition"),
    /** No such job execution. */
    RESOURCE_NOT_FOUND("ResourceNotFound"),
    /** The update's {@code expectedVersion} is not the execution's current one; carries the execution state. */
    VERSION_MISMATCH("VersionMismatch"),
    /** An internal service failure; retry later. */
    INTERNAL_ERROR("InternalError"),
    /** Too many requests; retry later. */
    REQUEST_THROTTLED("RequestThrottled"),
    /** The job execution is already in a terminal state. */
    TERMINAL_STATE_REACHED("TerminalStateReached"),
    /** A code this library does not know; see {@link JobsException#wireCode()}. */
    UNKNOWN("");

    private final String wireName;

    JobsErrorCode(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The code as the service sends it, such as {@code VersionMismatch}; empty for {@link #UNKNOWN}.
     *
     * @return the wire name
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The constant for a wire name.
     *
     * @param wireName the {@code code} of a rejection
     * @return its constant, or {@link #UNKNOWN}
     */
    public static JobsErrorCode of(String wireName) {
        for (JobsErrorCode code : values()) {
            if (code != UNKNOWN && code.wireName.equals(wireName)) {
                return code;
            }
        }
        return UNKNOWN;
    }
}
