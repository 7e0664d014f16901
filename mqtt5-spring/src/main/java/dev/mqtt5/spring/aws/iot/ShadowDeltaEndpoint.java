package dev.mqtt5.spring.aws.iot;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import dev.mqtt5.aws.iot.rr.StreamingOperation;
import dev.mqtt5.aws.iot.rr.SubscriptionStatusEvent;
import dev.mqtt5.aws.iot.rr.SubscriptionStatusEventType;
import dev.mqtt5.aws.iot.shadow.ShadowClient;
import dev.mqtt5.aws.iot.shadow.ShadowDelta;
import dev.mqtt5.aws.iot.shadow.ShadowDocument;
import dev.mqtt5.aws.iot.shadow.ShadowErrorCode;
import dev.mqtt5.aws.iot.shadow.ShadowException;
import dev.mqtt5.aws.iot.shadow.ShadowUpdate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@link ShadowDeltaHandler} method on its shadow: the delta stream, the catch-up read when the
 * stream is (re)established, the method called on a thread of its own, and the reported state.
 */
final class ShadowDeltaEndpoint extends HandlerStream {

    private static final Log logger = LogFactory.getLog(ShadowDeltaEndpoint.class);

    private final ShadowClient shadow;

    private final HandlerMethod method;

    private final JsonMapper mapper;

    private final Duration timeout;

    private volatile ShadowSyncState state = ShadowSyncState.UNKNOWN;

    ShadowDeltaEndpoint(ShadowClient shadow, HandlerMethod method, JsonMapper mapper, Duration timeout) {
        super("mqtt5-shadow-" + shadow.thingName() + shadow.shadowName().map((n) -> "/" + n).orElse(""));
        this.shadow = shadow;
        this.method = method;
        this.mapper = mapper;
        this.timeout = timeout;
    }

    /** The shadow's name in health and logs: {@code thing} or {@code thing/shadow}. */
    String name() {
        return this.shadow.thingName() + this.shadow.shadowName().map((n) -> "/" + n).orElse("");
    }

    ShadowSyncState state() {
        return this.state;
    }

    @Override
    StreamingOperation open() {
        return this.shadow.deltas(JsonNode.class, (delta) -> submit(() -> apply(delta.state(), delta)),
                this::statusChanged);
    }

    private void statusChanged(SubscriptionStatusEvent event) {
        if (event.type() == SubscriptionStatusEventType.SUBSCRIPTION_ESTABLISHED) {
            submit(this::catchUp);
        }
        else if (event.type() == SubscriptionStatusEventType.SUBSCRIPTION_LOST) {
            this.state = ShadowSyncState.UNKNOWN;
        }
        else if (event.type() == SubscriptionStatusEventType.SUBSCRIPTION_HALTED) {
            this.state = ShadowSyncState.OUT_OF_SYNC;
            logger.warn("Shadow " + name() + ": the delta subscription failed for good, deltas are not applied: "
                    + event.error());
        }
    }

    /** Reads the shadow and applies a delta that arrived while this application was not listening. */
    private void catchUp() {
        ShadowDocument<JsonNode> document;
        try {
            document = awaitRead(this.shadow.get(), this.timeout);
        }
        catch (java.util.concurrent.CancellationException ex) {
            return; // stopped
        }
        catch (Exception ex) {
            Throwable cause = unwrap(ex);
            if (cause instanceof ShadowException rejected && rejected.code() == ShadowErrorCode.NOT_FOUND) {
                this.state = ShadowSyncState.IN_SYNC; // no shadow, nothing desired
                return;
            }
            this.state = ShadowSyncState.OUT_OF_SYNC;
            logger.warn("Shadow " + name() + ": reading it to catch up failed: " + cause);
            return;
        }
        JsonNode delta = document.state().delta();
        if (delta == null || delta.isMissingNode() || delta.isEmpty()) {
            this.state = ShadowSyncState.IN_SYNC;
            return;
        }
        apply(delta, new ShadowDelta<>(delta, document.metadata(), document.version(), document.timestamp(), null));
    }

    private void apply(JsonNode delta, ShadowDelta<JsonNode> event) {
        this.state = ShadowSyncState.SYNCING;
        Object result;
        try {
            result = this.method.invoke(delta, event);
        }
        catch (Exception ex) {
            this.state = ShadowSyncState.OUT_OF_SYNC;
            logger.warn("Shadow " + name() + ": " + this.method.describe() + " failed on the delta of version "
                    + event.version() + ", nothing reported: " + ex);
            return;
        }
        JsonNode reported = ReportedState.of(this.method.isVoid() ? delta : result, this.mapper);
        try {
            this.shadow.update(ShadowUpdate.reported(reported)).get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
            this.state = ShadowSyncState.IN_SYNC;
        }
        catch (Exception ex) {
            this.state = ShadowSyncState.OUT_OF_SYNC;
            logger.warn("Shadow " + name() + ": reporting the state " + this.method.describe() + " returned failed: "
                    + unwrap(ex));
        }
    }

    static Throwable unwrap(Throwable ex) {
        Throwable cause = ex;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
