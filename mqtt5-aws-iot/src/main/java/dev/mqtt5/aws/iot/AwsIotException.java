package dev.mqtt5.aws.iot;

/**
 * The root of every failure of the AWS IoT service clients: a request that timed out or could not
 * be sent ({@code dev.mqtt5.aws.iot.rr}), or a rejection by a service, which each service reports
 * with an exception of its own carrying the service's error code ({@code ShadowException},
 * {@code JobsException}, {@code ProvisioningException}). Futures complete exceptionally with it.
 */
public class AwsIotException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and, where it helps, the setting to change
     */
    public AwsIotException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what failed and, where it helps, the setting to change
     * @param cause the underlying failure, such as the MQTT client's
     */
    public AwsIotException(String message, Throwable cause) {
        super(message, cause);
    }
}
