package dev.mqtt5.aws.iot.rr;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Settings of a {@link RequestResponseClient}; immutable, built with {@link #builder()}.
 *
 * <p><b>The subscription budget.</b> AWS IoT Core allows 50 subscriptions per connection, the
 * application's own included. The client splits what it may use in two parts, as the AWS IoT
 * Device SDK does: {@link #maxRequestResponseSubscriptions()} for the response topics of requests
 * in progress (a request usually needs two, {@code /accepted} and {@code /rejected}; concurrent
 * requests of the same kind share them; they are unsubscribed as soon as no request uses them), and
 * {@link #maxStreamingSubscriptions()} for streams (one per distinct topic; streams on the same
 * topic share it). A request that needs more request-response subscriptions than are free waits
 * in the order it was submitted until requests in progress finish; a stream that finds its part
 * full fails at once ({@link SubscriptionStatusEventType#SUBSCRIPTION_HALTED}). The two parts
 * together may not exceed 50; leave room in that for the application's subscriptions.
 */
public final class RequestResponseOptions {

    /** AWS IoT Core's limit of subscriptions per connection. */
    public static final int IOT_CORE_SUBSCRIPTIONS_PER_CONNECTION = 50;

    private final int maxRequestResponseSubscriptions;
    private final int maxStreamingSubscriptions;
    private final Duration operationTimeout;
    private final Executor callbackExecutor;
    private final boolean deliverToClientListener;
    private final RequestObserver requestObserver;

    private RequestResponseOptions(Builder builder) {
        this.maxRequestResponseSubscriptions = builder.maxRequestResponseSubscriptions;
        this.maxStreamingSubscriptions = builder.maxStreamingSubscriptions;
        this.operationTimeout = builder.operationTimeout;
        this.callbackExecutor = builder.callbackExecutor;
        this.deliverToClientListener = builder.deliverToClientListener;
        this.requestObserver = builder.requestObserver;
    }

    /**
     * The defaults: 4 request-response and 10 streaming subscriptions, a 60 s operation timeout.
     *
     * @return default options
     */
    public static RequestResponseOptions defaults() {
        return builder().build();
    }

    /**
     * A builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * How many response-topic subscriptions requests in progress may hold at once (default 4).
     *
     * @return the request-response part of the budget
     */
    public int maxRequestResponseSubscriptions() {
        return maxRequestResponseSubscriptions;
    }

    /**
     * How many distinct topics open streams may be subscribed to at once (default 10).
     *
     * @return the streaming part of the budget
     */
    public int maxStreamingSubscriptions() {
        return maxStreamingSubscriptions;
    }

    /**
     * The deadline of each request, from its submission to its reply (default 60 s).
     *
     * @return the operation timeout
     */
    public Duration operationTimeout() {
        return operationTimeout;
    }

    /**
     * Where request futures complete and stream handlers run; null for the library's shared pool
     * of daemon threads.
     *
     * @return the executor, or null
     */
    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    /**
     * Whether service replies and stream events also reach the MQTT client's own publish-received
     * listener (default false: they go only to the request or stream they belong to).
     *
     * @return true to deliver them there too
     */
    public boolean deliverToClientListener() {
        return deliverToClientListener;
    }

    /**
     * What is told of each finished request (for metrics), or null.
     *
     * @return the observer, or null
     */
    public RequestObserver requestObserver() {
        return requestObserver;
    }

    @Override
    public String toString() {
        return "RequestResponseOptions[maxRequestResponseSubscriptions=" + maxRequestResponseSubscriptions
                + ", maxStreamingSubscriptions=" + maxStreamingSubscriptions + ", operationTimeout=" + operationTimeout
                + ", deliverToClientListener=" + deliverToClientListener + "]";
    }

    /** Builds {@link RequestResponseOptions}; not thread-safe. */
    public static final class Builder {

        private int maxRequestResponseSubscriptions = 4;
        private int maxStreamingSubscriptions = 10;
        private Duration operationTimeout = Duration.ofSeconds(60);
        private Executor callbackExecutor;
        private boolean deliverToClientListener;
        private RequestObserver requestObserver;

        private Builder() {
        }

        /**
         * Sets how many response-topic subscriptions requests may hold at once; at least 2 (a
         * request needs its {@code /accepted} and {@code /rejected} topics).
         *
         * @param max the request-response part of the budget
         * @return this builder
         */
        public Builder maxRequestResponseSubscriptions(int max) {
            if (max < 2) {
                throw new IllegalArgumentException("maxRequestResponseSubscriptions must be at least 2 (a request "
                        + "subscribes to its /accepted and /rejected topics), was " + max);
            }
            this.maxRequestResponseSubscriptions = max;
            return this;
        }

        /**
         * Sets how many distinct topics streams may be subscribed to at once; 0 forbids streams.
         *
         * @param max the streaming part of the budget
         * @return this builder
         */
        public Builder maxStreamingSubscriptions(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxStreamingSubscriptions must not be negative, was " + max);
            }
            this.maxStreamingSubscriptions = max;
            return this;
        }

        /**
         * Sets the deadline of each request, covering queueing, subscribing, publishing and the reply.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder operationTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "operationTimeout must not be null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("operationTimeout must be positive, was " + timeout);
            }
            this.operationTimeout = timeout;
            return this;
        }

        /**
         * Sets where futures complete and stream handlers run (null: the library's shared daemon pool).
         * Stream handlers of one stream still run one at a time, in order.
         *
         * @param executor the executor, or null
         * @return this builder
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = executor;
            return this;
        }

        /**
         * Sets whether replies and stream events also reach the MQTT client's publish-received listener.
         *
         * @param deliver true to deliver them there too
         * @return this builder
         */
        public Builder deliverToClientListener(boolean deliver) {
            this.deliverToClientListener = deliver;
            return this;
        }

        /**
         * Sets what is told of each finished request: its service, operation, outcome and latency
         * (for metrics). Called on the callback executor as the request's future completes; keep
         * it quick.
         *
         * @param observer the observer, or null for none
         * @return this builder
         */
        public Builder requestObserver(RequestObserver observer) {
            this.requestObserver = observer;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException when the two parts of the budget exceed AWS IoT Core's 50
         */
        public RequestResponseOptions build() {
            if (maxRequestResponseSubscriptions + maxStreamingSubscriptions > IOT_CORE_SUBSCRIPTIONS_PER_CONNECTION) {
                throw new IllegalArgumentException("maxRequestResponseSubscriptions (" + maxRequestResponseSubscriptions
                        + ") + maxStreamingSubscriptions (" + maxStreamingSubscriptions + ") must not exceed "
                        + IOT_CORE_SUBSCRIPTIONS_PER_CONNECTION + ", AWS IoT Core's subscriptions per connection");
            }
            return new RequestResponseOptions(this);
        }
    }
}
