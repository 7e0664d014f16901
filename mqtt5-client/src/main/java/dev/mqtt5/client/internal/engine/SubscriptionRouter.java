package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.ManualAckPublishListener;
import dev.mqtt5.client.internal.codec.OutboundPacket;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.internal.codec.Topics;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UnsubAckPacket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Routes received publishes to per-subscription handlers: by Subscription Identifier when the
 * subscription has one (the server then names exactly the subscriptions that matched), otherwise
 * by matching the topic against the filter, {@code $share/group/} filters included. A publish no
 * handler claims goes to the client's publish-received listener.
 *
 * <p>It also keeps the client's Subscription Identifiers apart from the application's. The client
 * assigns identifiers to handler subscriptions from its own range, {@value #LAST_ASSIGNED} to
 * {@value #FIRST_ASSIGNED}, counting down and skipping every identifier in use on the client. The
 * application's subscriptions with an identifier in that range are recorded too (as routes
 * without a handler) for that purpose; identifiers below it need no record, as the client never
 * assigns them. An identifier is in use while a route holds it: until the filter is unsubscribed,
 * subscribed again, or the SUBSCRIBE is refused or fails. Event loop only.
 */
final class SubscriptionRouter {

    /** The first identifier the client assigns: the largest the protocol allows. */
    static final int FIRST_ASSIGNED = 268_435_455;
    /** The last identifier the client assigns before it starts again from {@link #FIRST_ASSIGNED}. */
    static final int LAST_ASSIGNED = 134_217_728;

    /**
     * A subscription the router knows: a handler's, or (handler null) the application's own, kept
     * only so that its identifier is not assigned.
     */
    private record Route(String filter, Integer subscriptionId, boolean assigned, ManualAckPublishListener handler) {
        boolean holds(int id) {
            return subscriptionId != null && subscriptionId == id;
        }
    }

    /**
     * The router of every client without per-subscription handlers: never given a route, so it
     * stays empty and is only read (any thread may share it).
     */
    static final SubscriptionRouter NONE = new SubscriptionRouter();

    /** Created with the first route. */
    private List<Route> routes;
    /** The next identifier to try assigning. */
    private int nextId = FIRST_ASSIGNED;

    boolean isEmpty() {
        return routes == null || routes.isEmpty();
    }

    /** Whether a SUBSCRIBE needs the router: it has a handler, or an identifier the client might otherwise assign. */
    static boolean tracks(SubscribeOperation op) {
        Integer id = op.packet.subscriptionIdentifier();
        return op.handler != null || (id != null && id >= LAST_ASSIGNED);
    }

    /**
     * Takes a SUBSCRIBE the router {@link #tracks}, in submission order: gives a handler
     * subscription without an identifier one of the client's (re-encoding the packet) when the
     * server may support them, then registers a route for every filter, replacing earlier routes
     * of the same filters as the server replaces the subscriptions.
     *
     * @return null, or the failure for a SUBSCRIBE whose own identifier the client assigned to a
     *     live handler subscription (publishes for either would reach the other's receiver)
     */
    IllegalArgumentException add(SubscribeOperation op, boolean serverHasIdentifiers) {
        if (this == NONE) {
            throw new IllegalStateException("the shared empty router takes no routes");
        }
        Integer own = op.packet.subscriptionIdentifier();
        if (own != null) {
            List<String> holders = assignedFilters(own);
            if (!holders.isEmpty()) {
                return new IllegalArgumentException("subscribe subscriptionIdentifier " + own + " is in use on this "
                        + "client: the client assigned it to the handler subscription of " + holders + ". The client "
                        + "assigns identifiers from " + FIRST_ASSIGNED + " down to " + LAST_ASSIGNED + " to "
                        + "subscriptions with handlers; choose one below " + LAST_ASSIGNED + ", or leave it unset");
            }
        } else if (op.handler != null && serverHasIdentifiers) {
            op.packet = new SubscribePacket(op.packet.subscriptions(), freeId(), op.packet.userProperties());
            op.encoded = PacketEncoders.subscribe(op.packet);
            op.assignedIdentifier = true;
        }
        if (routes == null) {
            routes = new ArrayList<>();
        }
        for (var subscription : op.packet.subscriptions()) {
            routes.removeIf(r -> r.filter.equals(subscription.topicFilter()));
            routes.add(new Route(subscription.topicFilter(), op.packet.subscriptionIdentifier(), op.assignedIdentifier,
                    op.handler));
        }
        op.routed = true;
        return null;
    }

    /** The filters of the live routes holding an identifier the client assigned. */
    private List<String> assignedFilters(int id) {
        List<String> filters = new ArrayList<>(1);
        if (routes != null) {
            for (Route route : routes) {
                if (route.assigned && route.holds(id)) {
                    filters.add(route.filter);
                }
            }
        }
        return filters;
    }

    /** The next identifier of the client's range that no route holds. */
    private int freeId() {
        // Of any routes.size() + 1 candidates one is free, so this ends.
        while (true) {
            int candidate = nextId;
            nextId = candidate == LAST_ASSIGNED ? FIRST_ASSIGNED : candidate - 1;
            if (!inUse(candidate)) {
                return candidate;
            }
        }
    }

    private boolean inUse(int id) {
        if (routes != null) {
            for (Route route : routes) {
                if (route.holds(id)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Removes the routes of subscriptions the server refused, or of the whole SUBSCRIBE when ack is null. */
    void removeRefused(SubscribePacket packet, ManualAckPublishListener handler, SubAckPacket ack) {
        if (routes == null) {
            return;
        }
        Integer id = packet.subscriptionIdentifier();
        for (int i = 0; i < packet.subscriptions().size(); i++) {
            if (ack == null || ack.reasonCodes().get(i).isError()) {
                String filter = packet.subscriptions().get(i).topicFilter();
                // Not the route of a later SUBSCRIBE of the same filter, which replaced this one.
                routes.removeIf(r -> r.filter.equals(filter) && r.handler == handler
                        && Objects.equals(r.subscriptionId, id));
            }
        }
    }

    /** Removes the routes of filters the server unsubscribed. */
    void removeUnsubscribed(List<String> filters, UnsubAckPacket ack) {
        if (routes == null) {
            return;
        }
        for (int i = 0; i < filters.size(); i++) {
            if (!ack.reasonCodes().get(i).isError()) {
                String filter = filters.get(i);
                routes.removeIf(r -> r.filter.equals(filter));
            }
        }
    }

    /**
     * The server does not support Subscription Identifiers: the SUBSCRIBE goes without the one the
     * client assigned, and its filters are routed by topic instead.
     *
     * @return the SUBSCRIBE encoded again
     */
    OutboundPacket dropAssignedIdentifier(SubscribeOperation op) {
        int id = op.packet.subscriptionIdentifier();
        op.packet = new SubscribePacket(op.packet.subscriptions(), null, op.packet.userProperties());
        op.assignedIdentifier = false;
        if (routes != null) {
            routes.replaceAll(r -> r.holds(id) ? new Route(r.filter, null, false, r.handler) : r);
        }
        return PacketEncoders.subscribe(op.packet);
    }

    /** The distinct handlers that claim the publish, in registration order; empty when none does. */
    List<ManualAckPublishListener> route(PublishPacket publish) {
        if (isEmpty()) {
            return List.of();
        }
        // Created on the first match: a publish for the listener costs no list.
        List<ManualAckPublishListener> handlers = null;
        for (Route route : routes) {
            if (route.handler == null) {
                continue;
            }
            boolean matches = route.subscriptionId != null
                    ? publish.subscriptionIdentifiers().contains(route.subscriptionId)
                    : Topics.matches(route.filter, publish.topic());
            if (matches) {
                if (handlers == null) {
                    handlers = new ArrayList<>(2);
                }
                if (!handlers.contains(route.handler)) {
                    handlers.add(route.handler);
                }
            }
        }
        return handlers == null ? List.of() : handlers;
    }
}
