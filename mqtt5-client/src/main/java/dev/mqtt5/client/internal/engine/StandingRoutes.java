package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.HandlerRegistration;
import dev.mqtt5.client.ManualAckPublishListener;
import dev.mqtt5.client.internal.codec.Topics;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Handlers registered by topic filter without a subscription ({@code Mqtt5Client.addHandler}):
 * they take the received publishes that match and that no subscription's handler claims, such as
 * the messages a resumed session delivers before the application subscribes again. Registered
 * and removed from any thread, lock-free: a copy-on-write array behind a volatile field, which
 * the event loop reads once per publish (an empty array while there are none, so a client without
 * standing routes pays a field read and allocates nothing).
 */
final class StandingRoutes {

    private static final Route[] NONE = new Route[0];
    private static final VarHandle ROUTES;

    static {
        try {
            ROUTES = MethodHandles.lookup().findVarHandle(StandingRoutes.class, "routes", Route[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** In registration order; replaced whole, never changed in place. */
    private volatile Route[] routes = NONE;

    /** Registers a route; the filters were checked. Publishes processed after it returns see it. */
    HandlerRegistration add(String[] filters, ManualAckPublishListener handler) {
        Route route = new Route(filters, handler);
        while (true) {
            Route[] current = routes;
            Route[] next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = route;
            if (ROUTES.compareAndSet(this, current, next)) {
                return route;
            }
        }
    }

    private void remove(Route route) {
        while (true) {
            Route[] current = routes;
            int index = -1;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == route) {
                    index = i;
                    break;
                }
            }
            if (index < 0) {
                return;
            }
            Route[] next = NONE;
            if (current.length > 1) {
                next = new Route[current.length - 1];
                System.arraycopy(current, 0, next, 0, index);
                System.arraycopy(current, index + 1, next, index, current.length - index - 1);
            }
            if (ROUTES.compareAndSet(this, current, next)) {
                return;
            }
        }
    }

    /** The distinct handlers whose filters match the topic, in registration order; empty when none does. */
    List<ManualAckPublishListener> route(String topic) {
        Route[] current = routes;
        // Created on the first match: a publish no route takes costs no list.
        List<ManualAckPublishListener> handlers = null;
        for (Route route : current) {
            if (route.matches(topic)) {
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

    /** One registration: its filters and handler; closing it removes it. */
    private final class Route implements HandlerRegistration {
        private final String[] filters;
        private final ManualAckPublishListener handler;

        Route(String[] filters, ManualAckPublishListener handler) {
            this.filters = filters;
            this.handler = handler;
        }

        boolean matches(String topic) {
            for (String filter : filters) {
                // A shared filter, $share/group/filter, matches on the filter after the group.
                if (Topics.matches(filter, topic)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void close() {
            remove(this);
        }

        @Override
        public String toString() {
            return "HandlerRegistration" + Arrays.toString(filters);
        }
    }
}
