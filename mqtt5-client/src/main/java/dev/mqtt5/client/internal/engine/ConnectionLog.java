package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.exception.ConnectionRefusedException;
import dev.mqtt5.client.exception.Mqtt5Exception;
import dev.mqtt5.client.exception.MqttConnectionException;
import dev.mqtt5.client.exception.MqttProtocolException;
import dev.mqtt5.client.exception.ServerDisconnectedException;
import dev.mqtt5.client.internal.codec.WellFormedUtf8;
import dev.mqtt5.client.lifecycle.NegotiatedSettings;
import dev.mqtt5.client.packet.PublishPacket;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators what happens to a client's connection, through SLF4J: each connection at INFO;
 * each failed attempt and each lost connection at WARN, in one line with its cause; repeated
 * failures summarised; the recovery with its downtime, and the stop, at INFO. One per client,
 * owned by the engine, called on its event loop at connection events and for received publishes
 * the client does not deliver (refused for their payload, or withheld): nothing here runs on the
 * paths of publishes sent or delivered.
 *
 * <p>Every client writes to one logger, {@value #LOGGER_NAME}, named after the class users
 * create: operators configure one name however many clients an application runs, and no logger
 * is created per client (the logging framework keeps every logger it creates, so an application
 * with thousands of short-lived client ids would keep thousands of them). Each line names the
 * client id and the endpoint instead. No MDC either: the lines are written on an event loop
 * that many clients share.
 *
 * <p>Summarising: the first failed attempt of an outage is logged at once, then at most one line
 * per {@link #SUMMARY_INTERVAL} with the number of attempts since the last line and the last
 * cause. A different cause (another exception type or reason code) is logged at once, at most
 * once per interval, so that causes that alternate cannot flood the log either.
 *
 * <p>Stack traces: expected failures (network and TLS errors, the client's own MQTT exceptions)
 * are logged in one line, their stack trace only at DEBUG; anything else is a bug and keeps its
 * stack trace at WARN. Lines pass through {@link SecretRedaction}.
 */
final class ConnectionLog {

    /** The logger's name. */
    static final String LOGGER_NAME = "dev.mqtt5.client.Mqtt5Client";
    /** At most one line per interval while the connection keeps failing for the same cause. */
    static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(LOGGER_NAME);
    private static final Timing DEFAULT_TIMING = new Timing(SUMMARY_INTERVAL.toNanos(), System::nanoTime);

    private final Mqtt5ClientOptions options;
    private final Timing timing;
    /** The id the server assigned, while the client uses it; the configured id otherwise. */
    private String assignedClientId;
    private boolean connected;
    /** Whether the client was connected since it was started: a later connection is a reconnection. */
    private boolean connectedSinceStart;
    /** When the current connection got its CONNACK, or, before the first one, when the client started. */
    private long since;
    /** Held only while connection attempts fail: a connected client keeps no outage state. */
    private Outage outage;
    /** Created with the first received publish refused for its payload. */
    private Repeats refusals;
    /** Created with the first received publish withheld (acknowledgeUnroutedPublishes false). */
    private Repeats withheld;
    /** The client ends its connection to reconnect at once (Mqtt5Client#reconnect): not a failure. */
    private boolean reconnecting;

    ConnectionLog(Mqtt5ClientOptions options) {
        this.options = options;
        this.timing = DEFAULT_TIMING;
    }

    /** For tests: a shorter summary interval, a clock of their own ({@link System#nanoTime()} units). */
    ConnectionLog(Mqtt5ClientOptions options, Duration summaryInterval, LongSupplier nanoClock) {
        this.options = options;
        this.timing = new Timing(summaryInterval.toNanos(), nanoClock);
    }

    /** The client starts connecting. */
    void starting() {
        since = timing.clock().getAsLong();
        if (log.isDebugEnabled()) {
            log.debug(line(" starting: connecting to " + endpoint()));
        }
    }

    /** A CONNACK accepted the connection. */
    void connected(NegotiatedSettings negotiated) {
        long now = timing.clock().getAsLong();
        boolean assigned = options.connectOptions().clientId().isEmpty();
        assignedClientId = assigned ? negotiated.clientId() : null;
        if (log.isInfoEnabled()) {
            // Built only when it is logged: this runs on every connect, a cold JVM's first ones interpreted.
            log.info(line(connectedText(negotiated, assigned, now)));
        }
        connected = true;
        connectedSinceStart = true;
        since = now;
        outage = null;
    }

    private String connectedText(NegotiatedSettings negotiated, boolean assigned, long now) {
        String details = " (" + (assigned ? "client id assigned by the server, " : "") + "session present: "
                + negotiated.rejoinedSession() + ", keep-alive: " + keepAlive(negotiated.serverKeepAlive()) + ")";
        if (connectedSinceStart) {
            long downSince = outage != null ? outage.since : since;
            return " reconnected to " + endpoint() + " after " + duration(now - downSince) + " down, "
                    + attempts(outage != null ? outage.failedAttempts : 0) + details;
        }
        if (outage != null) {
            return " connected to " + endpoint() + " after " + duration(now - outage.since) + " and "
                    + attempts(outage.failedAttempts) + details;
        }
        return " connected to " + endpoint() + details;
    }

    /** The client ends its connection (or attempt) on purpose to connect again at once. */
    void reconnecting() {
        reconnecting = true;
    }

    /** A connection or connection attempt ended; {@code stopping} when the user stopped the client. */
    void ended(Throwable cause, boolean stopping) {
        long now = timing.clock().getAsLong();
        if (stopping) {
            // The client's own DISCONNECT, or an attempt cut short: normal, and told by stopped().
            if (log.isDebugEnabled()) {
                log.debug(line(" ended its connection to " + endpoint() + " to stop: " + describe(cause)));
            }
            return;
        }
        String text = describe(cause);
        if (reconnecting) {
            reconnecting = false;
            if (log.isInfoEnabled()) {
                log.info(line(" closed its connection to " + endpoint() + " to reconnect at once"
                        + (connected ? " after " + duration(now - since) + " connected" : "")));
            }
            connected = false;
            since = now;
            return;
        }
        String kind = kind(cause);
        if (connected) {
            warn(" disconnected from " + endpoint() + " after " + duration(now - since) + " connected: " + text,
                    cause, true);
            connected = false;
            since = now;
            outage = new Outage(now, now, kind, text, timing.intervalNanos());
            return;
        }
        if (outage == null) {
            outage = new Outage(since, now, kind, text, timing.intervalNanos());
        }
        Outage o = outage;
        o.failedAttempts++;
        o.unreported++;
        o.lastCause = text;
        boolean newKind = !kind.equals(o.lastKind);
        if (o.failedAttempts == 1) {
            warn(" could not connect to " + endpoint() + ": " + text, cause, true);
        } else if (newKind && now - o.lastChangeAt >= timing.intervalNanos()) {
            o.lastChangeAt = now;
            warn(" could not connect to " + endpoint() + ": " + text + " (" + attempts(o.failedAttempts) + ", down "
                    + duration(now - o.since) + ")", cause, true);
        } else if (now - o.lastLineAt >= timing.intervalNanos()) {
            warn(" still cannot connect to " + endpoint() + ": " + o.unreported + " more failed attempt"
                    + (o.unreported == 1 ? "" : "s") + " in the last " + duration(now - o.lastLineAt) + ", down "
                    + duration(now - o.since) + "; last cause: " + text, cause, newKind);
        } else {
            if (log.isDebugEnabled()) {
                log.debug(line(" could not connect to " + endpoint() + " (summarised at WARN): " + text),
                        SecretRedaction.redact(cause, options));
            }
            return;
        }
        o.lastLineAt = now;
        o.unreported = 0;
        o.lastKind = kind;
    }

    /**
     * The client gave up on an operation the server kept ending the connection for
     * ({@link PoisonOperations}); its future failed with this.
     */
    void operationRefused(Throwable failure) {
        if (log.isWarnEnabled()) {
            log.warn(line(" gave up on an operation: " + failure.getMessage()));
        }
    }

    /**
     * A received publish was not delivered: its Payload Format Indicator says UTF-8 and its payload
     * is not. Summarised like failed connection attempts: the first at once, then at most one line
     * per interval with the count since the last line.
     */
    void payloadRefused(PublishPacket publish) {
        if (refusals == null) {
            refusals = new Repeats();
        }
        int more = refusals.due(timing);
        if (more < 0 || !log.isWarnEnabled()) {
            return;
        }
        int qos = publish.qos().value();
        log.warn(line(" did not deliver a QoS " + qos + " publish on topic '" + publish.topic() + "' from "
                + endpoint() + ": its Payload Format Indicator says UTF-8, but the payload is not well-formed "
                + "UTF-8 at byte offset " + WellFormedUtf8.firstMalformed(publish.payload()) + "; "
                + (qos == 0 ? "dropped" : "answered with " + (qos == 1 ? "PUBACK" : "PUBREC")
                + " reason code 0x99 (Payload format invalid)") + since(more)));
    }

    /**
     * A received QoS 1 or 2 publish that no handler or listener takes was withheld: not
     * acknowledged, so that the server sends it again on the next connection of the session.
     * Summarised like {@link #payloadRefused}, on a count of its own.
     */
    void publishWithheld(PublishPacket publish) {
        if (withheld == null) {
            withheld = new Repeats();
        }
        int more = withheld.due(timing);
        if (more < 0 || !log.isWarnEnabled()) {
            return;
        }
        log.warn(line(" withheld a QoS " + publish.qos().value() + " publish on topic '" + publish.topic()
                + "' that no handler or listener takes: not acknowledged; the server sends it again on the next "
                + "connection of the session (acknowledgeUnroutedPublishes=false)" + since(more)));
    }

    private static String since(int more) {
        return more > 0 ? " (" + more + " more such publishes since the last line)" : "";
    }

    /** The client stopped; the next start begins a new story. */
    void stopped() {
        reconnecting = false;
        long now = timing.clock().getAsLong();
        String text;
        if (connected) {
            text = " stopped; it was connected to " + endpoint() + " for " + duration(now - since);
        } else if (outage != null) {
            text = " stopped; it was not connected to " + endpoint() + " for " + duration(now - outage.since) + ", "
                    + attempts(outage.failedAttempts) + (outage.lastCause != null ? ", last cause: " + outage.lastCause : "");
        } else {
            text = " stopped (" + endpoint() + ")";
        }
        if (log.isInfoEnabled()) {
            log.info(line(text));
        }
        connected = false;
        connectedSinceStart = false;
        outage = null;
        assignedClientId = null;
    }

    // ---- the text of a line ------------------------------------------------------------------

    /** Writes a WARN line; the stack trace goes with it for an unexpected failure the log did not show yet. */
    private void warn(String text, Throwable cause, boolean newKind) {
        if (!log.isWarnEnabled()) {
            return;
        }
        String line = line(text);
        if (newKind && !expected(cause)) {
            log.warn(line, SecretRedaction.redact(cause, options));
            return;
        }
        log.warn(line);
        if (log.isDebugEnabled()) {
            log.debug(line(": the stack trace of the failure above"), SecretRedaction.redact(cause, options));
        }
    }

    /** The client, the text, in one line and without secrets. */
    private String line(String text) {
        String id = assignedClientId != null ? assignedClientId : options.connectOptions().clientId();
        String client = id.isEmpty() ? "MQTT client (no client id yet)" : "MQTT client '" + id + "'";
        return SecretRedaction.redact(oneLine(client + text), options);
    }

    private String endpoint() {
        return options.hostName() + ":" + options.port();
    }

    /**
     * The failure in one phrase. The engine wraps a transport failure in a connection exception
     * that only adds the endpoint to its message ("could not connect to host:port: ..."): the line
     * names the endpoint already, so the wrapped failure's message is used.
     */
    private String describe(Throwable cause) {
        if (cause instanceof MqttProtocolException violation) {
            return "protocol violation by the server (" + violation.reasonCode()
                    + String.format(" 0x%02X", violation.reasonCode().code()) + "): " + violation.getMessage();
        }
        String text = Causes.describe(cause);
        Throwable inner = cause.getCause();
        if (cause instanceof MqttConnectionException && inner != null && inner != cause) {
            String innerText = Causes.describe(inner);
            if (text.endsWith(innerText) && text.substring(0, text.length() - innerText.length()).contains(endpoint())) {
                return innerText;
            }
        }
        return text;
    }

    /** What kind of failure it is, for "the cause changed": the exception types, and the reason code if any. */
    private static String kind(Throwable cause) {
        StringBuilder kind = new StringBuilder();
        int depth = 0;
        for (Throwable t = cause; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
            kind.append(t.getClass().getName()).append(' ');
        }
        if (cause instanceof ConnectionRefusedException refused) {
            kind.append(refused.connAck().reasonCode());
        } else if (cause instanceof ServerDisconnectedException disconnected) {
            kind.append(disconnected.disconnect().reasonCode());
        }
        return kind.toString();
    }

    /**
     * Whether the failure is one a network and a broker produce, as opposed to a bug: every
     * exception in its chain is an I/O or TLS failure, a timeout or one of the client's own
     * exceptions (a Netty decoder exception only wraps one of these, such as a TLS failure).
     */
    static boolean expected(Throwable cause) {
        int depth = 0;
        for (Throwable t = cause; t != null && depth < 16; t = t.getCause() == t ? null : t.getCause(), depth++) {
            boolean known = t instanceof IOException || t instanceof GeneralSecurityException
                    || t instanceof TimeoutException || t instanceof Mqtt5Exception
                    || t instanceof DecoderException && t.getCause() != null;
            if (!known) {
                return false;
            }
        }
        return true;
    }

    /** Control characters (a reason string is the server's text) cannot start a line of their own. */
    private static String oneLine(String text) {
        StringBuilder line = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                if (line == null) {
                    line = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                line.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : "?");
            } else if (line != null) {
                line.append(c);
            }
        }
        return line == null ? text : line.toString();
    }

    private static String attempts(int count) {
        return count + " failed attempt" + (count == 1 ? "" : "s");
    }

    private static String keepAlive(Duration keepAlive) {
        return keepAlive.isZero() ? "off" : keepAlive.toSeconds() + "s";
    }

    /** {@code 850ms}, {@code 4.2s}, {@code 3m12s}, {@code 1h0m5s}, {@code 2d3h0m0s}. */
    static String duration(long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(Math.max(0, nanos));
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return millis / 1_000 + "." + millis % 1_000 / 100 + "s";
        }
        long seconds = millis / 1_000;
        long days = seconds / 86_400;
        long hours = seconds / 3_600 % 24;
        StringBuilder text = new StringBuilder();
        if (days > 0) {
            text.append(days).append('d');
        }
        if (days > 0 || hours > 0) {
            text.append(hours).append('h');
        }
        return text.append(seconds / 60 % 60).append('m').append(seconds % 60).append('s').toString();
    }

    /** The summary interval and the clock: one shared instance unless a test brings its own. */
    private record Timing(long intervalNanos, LongSupplier clock) {
    }

    /** Occurrences of one kind, logged at most once per interval: when the last line was written, how many since. */
    private static final class Repeats {
        private boolean written;
        private long lastLineAt;
        private int unreported;

        /** -1 when a line was written within the interval (this one is counted), else how many were counted before it. */
        int due(Timing timing) {
            long now = timing.clock().getAsLong();
            if (written && now - lastLineAt < timing.intervalNanos()) {
                unreported++;
                return -1;
            }
            int more = unreported;
            written = true;
            lastLineAt = now;
            unreported = 0;
            return more;
        }
    }

    /** Failed attempts since the connection was lost or the client started. */
    private static final class Outage {
        final long since;
        int failedAttempts;
        /** Failed attempts since the last line. */
        int unreported;
        long lastLineAt;
        long lastChangeAt;
        String lastKind;
        String lastCause;

        Outage(long since, long lastLineAt, String lastKind, String lastCause, long intervalNanos) {
            this.since = since;
            this.lastLineAt = lastLineAt;
            this.lastChangeAt = lastLineAt - intervalNanos;
            this.lastKind = lastKind;
            this.lastCause = lastCause;
        }
    }
}
