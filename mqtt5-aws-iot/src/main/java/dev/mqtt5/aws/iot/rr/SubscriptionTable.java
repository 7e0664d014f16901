package dev.mqtt5.aws.iot.rr;

import dev.mqtt5.aws.iot.rr.SubscriptionEntry.Kind;
import dev.mqtt5.aws.iot.rr.SubscriptionEntry.State;
import dev.mqtt5.client.ManualAckPublishListener;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UnsubscribePacket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The client's service subscriptions, reference-counted: one SUBSCRIBE per topic filter whatever
 * the number of requests and streams using it, an UNSUBSCRIBE when the last one lets go, and a
 * SUBSCRIBE again if someone needs the filter before that UNSUBSCRIBE is acknowledged. Counts each
 * part of the budget. Every method is called with the coordinator's lock held; acknowledgements
 * come back through {@link Acks} on the callback executor.
 */
final class SubscriptionTable {

    /** What the coordinator hears from the server about a filter. */
    interface Acks {
        void subscribed(SubscriptionEntry entry, int attempt, Throwable failure);

        void released(SubscriptionEntry entry);
    }

    private final Mqtt5Client client;
    private final ManualAckPublishListener handler;
    private final Executor executor;
    private final Acks acks;
    private final Map<String, SubscriptionEntry> entries = new LinkedHashMap<>();

    SubscriptionTable(Mqtt5Client client, ManualAckPublishListener handler, Executor executor, Acks acks) {
        this.client = client;
        this.handler = handler;
        this.executor = executor;
        this.acks = acks;
    }

    /** How many of these filters would need a new subscription. */
    int missing(Collection<String> filters) {
        int missing = 0;
        for (String filter : filters) {
            if (!entries.containsKey(filter)) {
                missing++;
            }
        }
        return missing;
    }

    /** Subscriptions counting against one part of the budget, being unsubscribed included. */
    int count(Kind kind) {
        int count = 0;
        for (SubscriptionEntry entry : entries.values()) {
            if (entry.kind == kind) {
                count++;
            }
        }
        return count;
    }

    boolean contains(String filter) {
        return entries.containsKey(filter);
    }

    List<SubscriptionEntry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** Takes a share of the filter's subscription, subscribing if nobody holds it. */
    SubscriptionEntry acquire(String filter, Kind kind) {
        SubscriptionEntry entry = entries.get(filter);
        if (entry == null) {
            entry = new SubscriptionEntry(filter, kind);
            entries.put(filter, entry);
            subscribe(entry);
        }
        entry.users++;
        return entry;
    }

    /** Gives a share back; the last one unsubscribes (after the SUBACK, if it has not come yet). */
    void release(SubscriptionEntry entry) {
        entry.users--;
        if (entry.users == 0 && entry.state == State.SUBSCRIBED) {
            unsubscribe(entry);
        }
    }

    /** Records a SUBACK; false when it is stale or the entry failed (then it is gone). */
    boolean subscribed(SubscriptionEntry entry, int attempt, Throwable failure) {
        if (entry.removed && failure == null && !entries.containsKey(entry.filter)) {
            // Granted after the table was cleared (closed while subscribing): nobody will use it.
            unsubscribeQuietly(entry.filter);
            return false;
        }
        if (entry.removed || attempt != entry.attempt || entry.state != State.SUBSCRIBING) {
            return false;
        }
        if (failure != null) {
            remove(entry);
            return false;
        }
        entry.state = State.SUBSCRIBED;
        if (entry.users == 0) {
            unsubscribe(entry);
            return false;
        }
        return true;
    }

    /** Records an UNSUBACK (or its failure): the filter is gone, or subscribed again if someone needs it now. */
    void unsubscribed(SubscriptionEntry entry) {
        if (entry.removed || entry.state != State.UNSUBSCRIBING) {
            return;
        }
        if (entry.users > 0) {
            subscribe(entry);
        } else {
            remove(entry);
        }
    }

    /** Subscribes again after the session that held the subscription was lost. */
    void resubscribe(SubscriptionEntry entry) {
        entry.atRisk = false;
        subscribe(entry);
    }

    /** Forgets every entry, unsubscribing those in place; for close. */
    void clear() {
        for (SubscriptionEntry entry : entries()) {
            entry.users = 0;
            if (entry.state == State.SUBSCRIBED) {
                unsubscribe(entry);
            }
            remove(entry);
        }
    }

    private void remove(SubscriptionEntry entry) {
        entry.removed = true;
        entries.remove(entry.filter, entry);
    }

    private void subscribe(SubscriptionEntry entry) {
        entry.state = State.SUBSCRIBING;
        int attempt = ++entry.attempt;
        try {
            client.subscribe(SubscribePacket.of(entry.filter, QoS.AT_LEAST_ONCE), handler)
                    .whenCompleteAsync((ack, failure) -> acks.subscribed(entry, attempt, failure), executor);
        } catch (RuntimeException e) {
            executor.execute(() -> acks.subscribed(entry, attempt, e));
        }
    }

    private void unsubscribeQuietly(String filter) {
        try {
            client.unsubscribe(UnsubscribePacket.of(filter));
        } catch (RuntimeException ignored) {
            // the client is closed: the subscription went with its session
        }
    }

    private void unsubscribe(SubscriptionEntry entry) {
        entry.state = State.UNSUBSCRIBING;
        try {
            client.unsubscribe(UnsubscribePacket.of(entry.filter))
                    .whenCompleteAsync((ack, failure) -> acks.released(entry), executor);
        } catch (RuntimeException e) {
            executor.execute(() -> acks.released(entry));
        }
    }
}
