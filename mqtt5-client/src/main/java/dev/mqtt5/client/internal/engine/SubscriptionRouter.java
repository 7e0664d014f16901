package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.ManualAckPublishListener;
import dev.mqtt5.client.internal.codec.Topics;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.SubAckPacket;
import dev.mqtt5.client.packet.SubscribePacket;
import dev.mqtt5.client.packet.UnsubAckPacket;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes received publishes to per-subscription handlers: by Subscription Identifier when the
 * subscription has one (the server then names exactly the subscriptions that matched), otherwise
 * by matching the topic against the filter, {@code $share/group/} filters included. A publish no
 * handler claims goes to the client's publish-received listener. Event loop only.
 */
final class SubscriptionRouter {

    private record Route(String filter, Integer subscriptionId, ManualAckPublishListener handler) {
    }

    /**
     * The router of every client without per-subscription handlers: never given a route, so it
     * stays empty and is only read (any thread may share it).
     */
    static final SubscriptionRouter NONE = new SubscriptionRouter();

    /** Created with the first route. */
    private List<Route> routes;

    boolean isEmpty() {
        return routes == null || routes.isEmpty();
    }

    /** Registers the handler for every filter of the SUBSCRIBE, replacing earlier routes of the same filters. */
    void add(SubscribePacket packet, ManualAckPublishListener handler) {
        if (this == NONE) {
            throw new IllegalStateException("the shared empty router takes no routes");
        }
        if (routes == null) {
            routes = new ArrayList<>();
        }
        for (var subscription : packet.subscriptions()) {
            routes.removeIf(r -> r.filter.equals(subscription.topicFilter()));
            routes.add(new Route(subscription.topicFilter(), packet.subscriptionIdentifier(), handler));
        }
    }

    /** Removes the routes of subscriptions the server refused, or of the whole SUBSCRIBE when ack is null. */
    void removeRefused(SubscribePacket packet, ManualAckPublishListener handler, SubAckPacket ack) {
        if (routes == null) {
            return;
        }
        for (int i = 0; i < packet.subscriptions().size(); i++) {
            if (ack == null || ack.reasonCodes().get(i).isError()) {
                String filter = packet.subscriptions().get(i).topicFilter();
                routes.removeIf(r -> r.filter.equals(filter) && r.handler == handler);
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

    /** The server does not support Subscription Identifiers: route this one's filters by topic instead. */
    void forgetSubscriptionId(int subscriptionId) {
        if (routes == null) {
            return;
        }
        routes.replaceAll(r -> r.subscriptionId != null && r.subscriptionId == subscriptionId
                ? new Route(r.filter, null, r.handler) : r);
    }

    /** The distinct handlers that claim the publish, in registration order; empty when none does. */
    List<ManualAckPublishListener> route(PublishPacket publish) {
        if (isEmpty()) {
            return List.of();
        }
        List<ManualAckPublishListener> handlers = new ArrayList<>(2);
        for (Route route : routes) {
            boolean matches = route.subscriptionId != null
                    ? publish.subscriptionIdentifiers().contains(route.subscriptionId)
                    : Topics.matches(route.filter, publish.topic());
            if (matches && !handlers.contains(route.handler)) {
                handlers.add(route.handler);
            }
        }
        return handlers;
    }
}
