package dev.mqtt5.client.internal.engine;

/**
 * A node of a lock-free stack of submissions: producers push with one compare-and-set each
 * (newest first), the consumer takes the whole stack at once and reverses it into submission
 * order. The link lives in the submitted object itself, so a submission allocates no node.
 *
 * @param <N> the node type
 */
abstract class SubmissionNode<N extends SubmissionNode<N>> {

    /** The node submitted before this one while on the stack; the one submitted after it once taken. */
    N next;

    /** Reverses a stack taken whole (newest first) into submission order; returns the oldest. */
    static <N extends SubmissionNode<N>> N oldestFirst(N newest) {
        N oldest = null;
        while (newest != null) {
            N older = newest.next;
            newest.next = oldest;
            oldest = newest;
            newest = older;
        }
        return oldest;
    }
}
