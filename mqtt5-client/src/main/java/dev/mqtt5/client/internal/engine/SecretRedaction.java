package dev.mqtt5.client.internal.engine;

import dev.mqtt5.client.Mqtt5ClientOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Hides secrets in a line of text before it is logged: the query string of any URL (a presigned
 * SigV4 WebSocket URL carries its signature and session token there), signature, token and
 * password parameters wherever they appear, and the secrets of the client's own configuration
 * (CONNECT password and authentication data, the query of a custom-authorizer user name, the
 * proxy password), should a server or a library echo one in a message.
 */
final class SecretRedaction {

    static final String REDACTED = "<redacted>";

    /**
     * Configured values shorter than this are not searched for: they would match ordinary words
     * and port numbers and garble the line, and a server does not quote them by accident.
     */
    private static final int MIN_SECRET_LENGTH = 4;

    /** A URL's query string, unless it was already redacted ({@code ?<query redacted>}). */
    private static final Pattern URL_QUERY = Pattern.compile("(?i)\\b((?:wss?|https?)://[^\\s?#]*)\\?(?!<)\\S*");

    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)\\b(x-amz-signature|x-amz-security-token"
            + "|x-amz-credential|x-amz-customauthorizer-signature|token|password|passwd|secret)=[^&\\s]+");

    private SecretRedaction() {
    }

    /** The text with every secret it may hold replaced by {@value #REDACTED}. */
    static String redact(String text, Mqtt5ClientOptions options) {
        String result = URL_QUERY.matcher(text).replaceAll("$1?" + REDACTED);
        result = SECRET_PARAMETER.matcher(result).replaceAll("$1=" + REDACTED);
        for (String secret : configuredSecrets(options)) {
            result = result.replace(secret, REDACTED);
        }
        return result;
    }

    /**
     * The failure itself if no message in its chain holds a secret; otherwise a copy for the log,
     * printed as {@code RedactedFailure: <original type>: <redacted message>} with the original
     * stack traces, and the same for each cause.
     */
    static Throwable redact(Throwable failure, Mqtt5ClientOptions options) {
        boolean clean = true;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause() == t ? null : t.getCause(), depth++) {
            clean &= t.getMessage() == null || t.getMessage().equals(redact(t.getMessage(), options));
        }
        return clean ? failure : copy(failure, options, 0);
    }

    private static Throwable copy(Throwable failure, Mqtt5ClientOptions options, int depth) {
        Throwable cause = failure.getCause();
        Throwable copiedCause = cause == null || cause == failure || depth >= 16 ? null : copy(cause, options, depth + 1);
        String message = failure.getMessage() == null ? "" : ": " + redact(failure.getMessage(), options);
        RedactedFailure copy = new RedactedFailure(failure.getClass().getName() + message, copiedCause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** A failure whose message had a secret in it, as logged. */
    static final class RedactedFailure extends Exception {

        private static final long serialVersionUID = 1L;

        RedactedFailure(String message, Throwable cause) {
            super(message, cause, false, true);
        }
    }

    /** The client's configured secrets, longest first, so that a secret is not half replaced through a part of it. */
    private static List<String> configuredSecrets(Mqtt5ClientOptions options) {
        List<String> secrets = new ArrayList<>();
        ConnectPacket connect = options.connectOptions();
        if (connect.password() != null) {
            secrets.add(new String(connect.password(), StandardCharsets.UTF_8));
        }
        if (connect.authenticationData() != null) {
            secrets.add(new String(connect.authenticationData(), StandardCharsets.UTF_8));
        }
        String username = connect.username();
        int query = username == null ? -1 : username.indexOf('?');
        if (query >= 0) {
            secrets.add(username.substring(query + 1));
            for (String parameter : username.substring(query + 1).split("&")) {
                String value = parameter.substring(parameter.indexOf('=') + 1);
                secrets.add(value);
                secrets.add(decoded(value));
            }
        }
        if (options.httpProxy() != null) {
            options.httpProxy().password().ifPresent(secrets::add);
        }
        secrets.removeIf(secret -> secret.length() < MIN_SECRET_LENGTH);
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return secrets;
    }

    private static String decoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value; // not percent-encoded after all: the raw value is searched for already
        }
    }
}
