package dev.mqtt5.spring.listener;

import java.util.concurrent.TimeUnit;

import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.packet.PublishPacket;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Invokes a failed listener again after each interval of a {@link BackOff}, and when the backoff
 * is exhausted (or the failure cannot succeed on retry: an unreadable or invalid payload)
 * publishes the original payload and properties to a dead-letter topic, with user properties
 * {@code mqtt5-dlt-original-topic}, {@code mqtt5-dlt-listener} and {@code mqtt5-dlt-exception}.
 * Without a dead-letter topic the failure is logged. Retries block the listener thread.
 *
 * <p>The values of those user properties are one line of at most {@value #MAX_HEADER_LENGTH}
 * characters, without the characters brokers refuse (control characters, Unicode
 * non-characters): {@code mqtt5-dlt-exception} is the exception's class and the first line of
 * its message. A multi-line stack or message would make brokers such as mosquitto drop the
 * connection for the dead letter (and the client would refuse to send it).
 */
public final class RetryingErrorHandler implements Mqtt5ListenerErrorHandler {

    private static final Log logger = LogFactory.getLog(RetryingErrorHandler.class);

    /** The longest value of a user property the handler writes, in UTF-16 characters. */
    static final int MAX_HEADER_LENGTH = 256;

    private final BackOff backOff;

    private final Mqtt5Client client;

    private final String deadLetterTopic;

    /**
     * Creates the handler.
     *
     * @param backOff the intervals between attempts, and how many
     * @param client the client that publishes to the dead-letter topic, or null for none
     * @param deadLetterTopic the dead-letter topic, {@code {topic}} replaced by the original topic; or null
     */
    public RetryingErrorHandler(BackOff backOff, Mqtt5Client client, String deadLetterTopic) {
        this.backOff = backOff;
        this.client = client;
        this.deadLetterTopic = (deadLetterTopic != null && !deadLetterTopic.isEmpty()) ? deadLetterTopic : null;
        if (this.deadLetterTopic != null && client == null) {
            throw new IllegalArgumentException("a dead-letter topic needs a client to publish with");
        }
    }

    @Override
    public void handle(FailedDelivery failure) {
        BackOffExecution execution = this.backOff.start();
        while (isRetryable(failure.getCause())) {
            long interval = execution.nextBackOff();
            if (interval == BackOffExecution.STOP) {
                break;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(interval);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            if (failure.retry()) {
                return;
            }
        }
        if (this.deadLetterTopic == null) {
            logger.error("MQTT listener '" + failure.getListenerId() + "' failed on a publish to '"
                    + failure.getPublish().topic() + "' after " + failure.getAttempts() + " attempt(s)", failure.getCause());
            return;
        }
        deadLetter(failure);
    }

    private void deadLetter(FailedDelivery failure) {
        PublishPacket original = failure.getPublish();
        String topic = this.deadLetterTopic.replace("{topic}", original.topic());
        Throwable cause = failure.getCause();
        String exception = cause.getClass().getName()
                + ((cause.getMessage() != null) ? ": " + firstLine(cause.getMessage()) : "");
        PublishPacket dead = original.toBuilder()
            .topic(topic)
            .retain(false)
            .topicAlias(null)
            .subscriptionIdentifiers(java.util.List.of())
            .userProperty("mqtt5-dlt-original-topic", headerValue(original.topic()))
            .userProperty("mqtt5-dlt-listener", headerValue(failure.getListenerId()))
            .userProperty("mqtt5-dlt-exception", headerValue(exception))
            .build();
        logger.warn("MQTT listener '" + failure.getListenerId() + "' failed on a publish to '" + original.topic()
                + "' after " + failure.getAttempts() + " attempt(s); publishing it to dead-letter topic '" + topic
                + "': " + exception);
        try {
            this.client.publish(dead).join();
        } catch (RuntimeException ex) {
            logger.error("could not publish to dead-letter topic '" + topic
                    + "' (aws.iot.mqtt5.listener.error-handler.dead-letter-topic)", ex);
        }
    }

    private static boolean isRetryable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof MessageConversionException || t instanceof MethodArgumentResolutionException) {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return text.substring(0, i);
            }
        }
        return text;
    }

    /**
     * A user property value every broker takes: control characters, Unicode non-characters and
     * unpaired surrogates become {@code ?}, and text past {@link #MAX_HEADER_LENGTH} characters is cut
     * (never inside a surrogate pair) and ends with {@code ...}.
     */
    static String headerValue(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_HEADER_LENGTH + 3));
        for (int i = 0; i < text.length(); i++) {
            int codePoint = text.codePointAt(i);
            int chars = Character.charCount(codePoint);
            if (out.length() + chars > MAX_HEADER_LENGTH) {
                return out.append("...").toString();
            }
            boolean refused = codePoint < 0x20 || (codePoint >= 0x7F && codePoint < 0xA0)
                    || (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE
                    || (chars == 1 && Character.isSurrogate((char) codePoint));
            if (refused) {
                out.append('?');
            } else {
                out.appendCodePoint(codePoint);
            }
            i += chars - 1;
        }
        return out.toString();
    }
}
