package dev.mqtt5.spring.aws.iot;

/** Whether a shadow's reported state has caught up with its desired state, as far as this application knows. */
public enum ShadowSyncState {

    /** Not read yet: the stream is not established. */
    UNKNOWN,

    /** A delta is being handled or its reported state is being sent. */
    SYNCING,

    /** The last delta was applied and its state reported; no delta is pending. */
    IN_SYNC,

    /** Applying or reporting the last delta failed; the next delta or connection tries again. */
    OUT_OF_SYNC
}
