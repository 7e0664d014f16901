package dev.mqtt5.aws.iot.rr;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One request from submission to its reply; guarded by the coordinator's lock except {@link #future}. */
final class PendingRequest {

    enum Stage { QUEUED, SUBSCRIBING, AWAITING_REPLY }

    final ServiceRequest request;
    /** The token its reply must carry; null for an uncorrelated request. */
    final String clientToken;
    final byte[] payload;
    final CompletableFuture<ServiceMessage> future = new CompletableFuture<>();
    final List<SubscriptionEntry> entries = new ArrayList<>(2);
    Stage stage = Stage.QUEUED;
    ScheduledFuture<?> deadline;
    boolean done;
    /** Awaiting its reply when the connection was lost: the reply is lost too if the session is. */
    boolean awaitingAtDisconnection;

    PendingRequest(ServiceRequest request, String clientToken, byte[] payload) {
        this.request = request;
        this.clientToken = clientToken;
        this.payload = payload;
    }

    boolean allSubscribed() {
        for (SubscriptionEntry entry : entries) {
            if (!entry.subscribed()) {
                return false;
            }
        }
        return true;
    }

    /** Whether it depends on the session of an earlier connection: its reply or a subscription. */
    boolean atRisk() {
        for (SubscriptionEntry entry : entries) {
            if (entry.atRisk) {
                return true;
            }
        }
        return awaitingAtDisconnection;
    }
}
