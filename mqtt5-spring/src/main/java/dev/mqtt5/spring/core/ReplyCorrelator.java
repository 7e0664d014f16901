package dev.mqtt5.spring.core;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.packet.SubscribePacket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The requester's side of MQTT 5 request/response: one reply subscription per client (made on
 * first use, and again when a connection comes up without a session), a fresh Correlation Data
 * per request, and a table of pending requests that replies complete. A reply nobody waits for
 * (it came after the timeout) is logged at DEBUG and dropped. Thread-safe.
 */
final class ReplyCorrelator {

    private static final Log logger = LogFactory.getLog(ReplyCorrelator.class);

    private final Mqtt5Client client;

    private final String replyTopicPrefix;

    private final Map<String, CompletableFuture<PublishPacket>> pending = new ConcurrentHashMap<>();

    private String replyTopic;

    private CompletableFuture<Void> subscription;

    ReplyCorrelator(Mqtt5Client client, String replyTopicPrefix) {
        this.client = client;
        this.replyTopicPrefix = replyTopicPrefix;
    }

    /**
     * Sends a request and completes with the reply, within one deadline for everything: the reply
     * topic's subscription, the broker's acknowledgement of the request, and the reply.
     *
     * @param request the request without response topic and correlation data (they are set here)
     * @param send publishes the finished request
     * @param timeout the deadline of the whole request, from this call
     * @return completed with the reply publish; exceptionally with a {@link Mqtt5ReplyTimeoutException}
     *     at the deadline, saying how far the request got, or with the failure of the subscription or
     *     the publish
     */
    CompletableFuture<PublishPacket> request(PublishPacket.Builder request, Function<PublishPacket, CompletableFuture<?>> send,
            String requestTopic, Duration timeout) {
        long start = System.nanoTime();
        byte[] correlation = HexFormat.of().parseHex(UUID.randomUUID().toString().replace("-", ""));
        String key = HexFormat.of().formatHex(correlation);
        CompletableFuture<PublishPacket> reply = new CompletableFuture<>();
        this.pending.put(key, reply);
        reply.whenComplete((result, ex) -> this.pending.remove(key));
        AtomicReference<String> progress = new AtomicReference<>("the subscription to the reply topic was not "
                + "acknowledged yet");
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .execute(() -> reply.completeExceptionally(new Mqtt5ReplyTimeoutException("no reply on '" + getReplyTopic()
                    + "' within " + timeout + " to the request published to '" + requestTopic + "': "
                    + progress.get())));
        ensureSubscribed().thenCompose((ignored) -> {
            progress.set("the broker had not acknowledged the request yet (is the client connected?)");
            PublishPacket packet = request.responseTopic(this.replyTopic).correlationData(correlation).build();
            return send.apply(packet);
        }).whenComplete((sent, ex) -> {
            if (ex != null) {
                reply.completeExceptionally(ex);
            } else {
                progress.set("the broker acknowledged the request after "
                        + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms; check that a responder "
                        + "subscribes to that topic and publishes to the request's response topic with its "
                        + "correlation data");
            }
        });
        return reply;
    }

    /** The response topic of this client's requests, or null before the first request. */
    synchronized String getReplyTopic() {
        return this.replyTopic;
    }

    /**
     * A connection came up: subscribe again if the session was lost and a subscription was made.
     *
     * @param rejoinedSession whether the broker resumed the session
     */
    synchronized void connectionUp(boolean rejoinedSession) {
        if (!rejoinedSession && this.subscription != null) {
            this.subscription = null;
            ensureSubscribed();
        }
    }

    private synchronized CompletableFuture<Void> ensureSubscribed() {
        if (this.subscription != null && !this.subscription.isCompletedExceptionally()) {
            return this.subscription;
        }
        if (this.replyTopic == null) {
            String clientId = (this.client.negotiatedSettings() != null) ? this.client.negotiatedSettings().clientId()
                    : this.client.options().connectOptions().clientId();
            this.replyTopic = this.replyTopicPrefix + "/" + ((clientId != null && !clientId.isEmpty()) ? clientId
                    : UUID.randomUUID().toString());
        }
        CompletableFuture<Void> subscribed = this.client
            .subscribe(SubscribePacket.of(this.replyTopic, QoS.AT_LEAST_ONCE), this::onReply)
            .thenApply((subAck) -> (Void) null);
        this.subscription = subscribed;
        return subscribed;
    }

    private void onReply(PublishPacket reply) {
        if (reply.correlationData() == null) {
            logger.debug("dropped a publish on reply topic '" + reply.topic() + "' without correlation data");
            return;
        }
        CompletableFuture<PublishPacket> waiting = this.pending.get(HexFormat.of().formatHex(reply.correlationData()));
        if (waiting == null) {
            logger.debug("dropped a reply on '" + reply.topic() + "' that nobody waits for (late or duplicate)");
            return;
        }
        waiting.complete(reply);
    }
}
