package dev.mqtt5.client.internal.engine;

/** Whether the operation queue may write an operation now ({@code OperationQueue#admit}). */
enum Admission {
    /** Write it. */
    TAKE,
    /** A QoS 1/2 publish: the server's Receive Maximum is reached. */
    NO_SEND_QUOTA,
    /** Wait (packet identifiers or flow-control tokens). */
    WAIT,
    /** It can never be sent on this connection: fail it with the queue's rejection. */
    REJECT
}
