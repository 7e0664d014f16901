package dev.mqtt5.aws.iot.emulator;

/** The status of a job execution, as the AWS IoT Jobs service names it on the wire. */
public enum JobExecutionStatus {

    /** Waiting for the device to start it. */
    QUEUED,

    /** Started by the device. */
    IN_PROGRESS,

    /** The device reported success (terminal). */
    SUCCEEDED,

    /** The device reported failure (terminal). */
    FAILED,

    /** The step timer ran out before the device ended the execution (terminal). */
    TIMED_OUT,

    /** The device declined the job (terminal). */
    REJECTED,

    /** The thing was removed from the job's targets (terminal). */
    REMOVED,

    /** The job was canceled (terminal). */
    CANCELED;

    /**
     * Whether the execution can no longer change.
     *
     * @return true for every status but QUEUED and IN_PROGRESS
     */
    public boolean isTerminal() {
        return this != QUEUED && this != IN_PROGRESS;
    }

    /** Whether a device may set this status with UpdateJobExecution. */
    boolean isSettableByDevice() {
        return this == IN_PROGRESS || this == SUCCEEDED || this == FAILED || this == REJECTED;
    }
}
