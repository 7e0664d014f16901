package dev.mqtt5.aws.iot;

import java.time.Instant;

/**
 * A service's rejection of a request, from the error document on its {@code /rejected} topic:
 * what Device Shadow and Jobs errors have in common (the message, the request's client token, the
 * time). Each service adds its code.
 */
public abstract class ServiceRejectedException extends AwsIotException {

    private static final long serialVersionUID = 1L;

    private final String errorMessage;
    private final String clientToken;
    private final transient Instant timestamp;

    /**
     * Creates the exception.
     *
     * @param message the exception's message
     * @param errorMessage the document's {@code message}
     * @param clientToken the document's {@code clientToken}, or null
     * @param timestamp the document's {@code timestamp}, or null
     */
    protected ServiceRejectedException(String message, String errorMessage, String clientToken, Instant timestamp) {
        super(message);
        this.errorMessage = errorMessage;
        this.clientToken = clientToken;
        this.timestamp = timestamp;
    }

    /**
     * The service's message, such as "Version conflict".
     *
     * @return the {@code message} field
     */
    public String errorMessage() {
        return errorMessage;
    }

    /**
     * The request's client token.
     *
     * @return the token, or null
     */
    public String clientToken() {
        return clientToken;
    }

    /**
     * When the service rejected it.
     *
     * @return the timestamp, or null
     */
    public Instant timestamp() {
        return timestamp;
    }
}
