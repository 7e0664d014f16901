package dev.mqtt5.aws.iot.jobs;

/** The status of a job execution, as the Jobs service names it on the wire. */
public enum JobStatus {
    /** Waiting for the device to start it. */
    QUEUED,
    /** The device is working on it. */
    IN_PROGRESS,
    /** The device completed it. */
    SUCCEEDED,
    /** The device failed to complete it. */
    FAILED,
    /** Its step timer expired before the device reported completion. */
    TIMED_OUT,
    /** The device refused it. */
    REJECTED,
    /** It was removed from the thing. */
    REMOVED,
    /** It was cancelled. */
    CANCELED,
    /** A status this library does not know. */
    UNKNOWN;

    /**
     * The constant for a status name.
     *
     * @param name the wire name, such as {@code IN_PROGRESS}
     * @return its constant, or {@link #UNKNOWN} (also for null)
     */
    public static JobStatus of(String name) {
        if (name == null) {
            return UNKNOWN;
        }
        for (JobStatus status : values()) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
