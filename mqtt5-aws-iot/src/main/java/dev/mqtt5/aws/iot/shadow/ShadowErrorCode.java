package dev.mqtt5.aws.iot.shadow;

/**
 * The error codes the Device Shadow service sends on {@code /rejected} topics (the {@code code}
 * field, an HTTP status), as AWS documents them under "Device Shadow error messages".
 */
public enum ShadowErrorCode {
    /** 400: invalid JSON, a missing or malformed {@code state} node, an invalid version or client token. */
    BAD_REQUEST(400),
    /** 401: the connection is not authorised. */
    UNAUTHORIZED(401),
    /** 403: the policy forbids the request. */
    FORBIDDEN(403),
    /** 404: no such thing, or no shadow of that name. */
    NOT_FOUND(404),
    /** 409: the update's {@code version} is not the shadow's current one; see {@link ShadowVersionConflictException}. */
    VERSION_CONFLICT(409),
    /** 413: the document exceeds the maximum size. */
    PAYLOAD_TOO_LARGE(413),
    /** 415: the document is not UTF-8. */
    UNSUPPORTED_MEDIA_TYPE(415),
    /** 422: the service failed to process the request. */
    UNPROCESSABLE(422),
    /** 429: more than 10 requests in flight on the connection; retry later. */
    TOO_MANY_REQUESTS(429),
    /** 500: an internal service failure; retry later. */
    INTERNAL_ERROR(500),
    /** 503: the service is unavailable; retry later. */
    SERVICE_UNAVAILABLE(503),
    /** A code this library does not know; see {@link ShadowException#statusCode()}. */
    UNKNOWN(-1);

    private final int statusCode;

    ShadowErrorCode(int statusCode) {
        this.statusCode = statusCode;
    }

    /**
     * The HTTP status the service sends for it; -1 for {@link #UNKNOWN}.
     *
     * @return the status code
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The constant for a status code.
     *
     * @param statusCode the {@code code} of a rejection
     * @return its constant, or {@link #UNKNOWN}
     */
    public static ShadowErrorCode of(int statusCode) {
        for (ShadowErrorCode code : values()) {
            if (code.statusCode == statusCode) {
                return code;
            }
        }
        return UNKNOWN;
    }
}
