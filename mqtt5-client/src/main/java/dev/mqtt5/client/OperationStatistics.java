package dev.mqtt5.client;

/**
 * A snapshot of the client's operation queue. Sizes are encoded packet sizes in bytes.
 *
 * @param incompleteOperationCount operations submitted and not yet complete (queued or awaiting an ack)
 * @param incompleteOperationSize their total size
 * @param unackedOperationCount operations written to the socket and awaiting an ack (QoS 1/2 publishes, subscribes, unsubscribes)
 * @param unackedOperationSize their total size
 */
public record OperationStatistics(long incompleteOperationCount, long incompleteOperationSize,
        long unackedOperationCount, long unackedOperationSize) {

    /** All zero. */
    public static final OperationStatistics EMPTY = new OperationStatistics(0, 0, 0, 0);
}
