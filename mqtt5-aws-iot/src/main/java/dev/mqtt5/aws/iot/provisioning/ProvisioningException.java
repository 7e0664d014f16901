package dev.mqtt5.aws.iot.provisioning;

import dev.mqtt5.aws.iot.AwsIotException;

/**
 * The Fleet Provisioning service rejected a request: its error document, as received on the
 * {@code /rejected} topic ({@code statusCode}, {@code errorCode}, {@code errorMessage}).
 */
public final class ProvisioningException extends AwsIotException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String errorCode;
    private final String errorMessage;

    /**
     * Creates the exception from the service's error document.
     *
     * @param operation what was requested, for the message
     * @param statusCode the document's {@code statusCode}, an HTTP status such as 400 or 403
     * @param errorCode the document's {@code errorCode}, such as {@code InvalidCertificateOwnershipToken}
     * @param errorMessage the document's {@code errorMessage}
     */
    public ProvisioningException(String operation, int statusCode, String errorCode, String errorMessage) {
        super("Fleet Provisioning rejected the " + operation + ": " + statusCode + " " + errorCode + " "
                + errorMessage);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
    }

    /**
     * The HTTP status the service sent.
     *
     * @return the {@code statusCode} field, -1 when absent
     */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The service's error code.
     *
     * @return the {@code errorCode} field, or null
     */
    public String errorCode() {
        return errorCode;
    }

    /**
     * The service's message.
     *
     * @return the {@code errorMessage} field, or null
     */
    public String errorMessage() {
        return errorMessage;
    }
}
