package dev.mqtt5.client.aws;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the CONNECT username AWS IoT Core expects for a custom authorizer: the user's name, then
 * a query string with {@code x-amz-customauthorizer-name}, and for a signing authorizer the token
 * ({@code <tokenKeyName>=<tokenValue>}) and {@code x-amz-customauthorizer-signature} (URL-encoded
 * unless it already is). Parameters are joined with {@code ?} or {@code &} depending on whether
 * the username already has a query string.
 */
final class CustomAuthorizerUsername {

    private CustomAuthorizerUsername() {
    }

    /**
     * Builds the username.
     *
     * @param username the user's name, possibly with a query string, or {@code null}
     * @param authorizerName the authorizer's name, or {@code null} for the endpoint's default authorizer
     * @param signature the token signature, or {@code null} for an unsigned authorizer
     * @param tokenKeyName the query key that carries the token, or {@code null}
     * @param tokenValue the token, or {@code null}
     * @throws IllegalArgumentException when only some of the three signing fields are set
     */
    static String build(String username, String authorizerName, String signature, String tokenKeyName,
            String tokenValue) {
        int signingFields = (signature != null ? 1 : 0) + (tokenKeyName != null ? 1 : 0) + (tokenValue != null ? 1 : 0);
        if (signingFields != 0 && signingFields != 3) {
            throw new IllegalArgumentException("aws.iot.mqtt5 custom-authorizer signing needs all three of signature, "
                    + "tokenKeyName and tokenValue, or none of them; set: "
                    + (signature != null ? "signature " : "") + (tokenKeyName != null ? "tokenKeyName " : "")
                    + (tokenValue != null ? "tokenValue" : "").strip());
        }
        StringBuilder result = new StringBuilder(username != null ? username : "");
        if (authorizerName != null) {
            append(result, "x-amz-customauthorizer-name", authorizerName);
        }
        if (signingFields == 3) {
            append(result, tokenKeyName, tokenValue);
            append(result, "x-amz-customauthorizer-signature", encodeOnce(signature));
        }
        return result.toString();
    }

    private static void append(StringBuilder username, String key, String value) {
        int query = username.indexOf("?");
        if (query < 0) {
            username.append('?');
        } else if (query < username.length() - 1 && username.charAt(username.length() - 1) != '&') {
            username.append('&');
        }
        username.append(key).append('=').append(value);
    }

    /** URL-encodes a base64 signature unless it is already percent-encoded. */
    private static String encodeOnce(String signature) {
        if (signature.indexOf('%') >= 0) {
            return signature;
        }
        return URLEncoder.encode(signature, StandardCharsets.UTF_8);
    }
}
