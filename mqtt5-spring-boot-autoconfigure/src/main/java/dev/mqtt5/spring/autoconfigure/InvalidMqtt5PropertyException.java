package dev.mqtt5.spring.autoconfigure;

/**
 * An {@code aws.iot.mqtt5.*} property is missing, conflicts with another, or points at something
 * unusable. The message names the property and never holds its value, which may be a secret;
 * {@link Mqtt5PropertyFailureAnalyzer} turns it into a startup failure report with the fix.
 */
public class InvalidMqtt5PropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    private final String action;

    /**
     * Creates the exception.
     *
     * @param property the full name of the property at fault, such as {@code aws.iot.mqtt5.mtls.private-key}
     * @param problem what is wrong with it, without its value
     * @param action what to do about it
     */
    public InvalidMqtt5PropertyException(String property, String problem, String action) {
        this(property, problem, action, null);
    }

    /**
     * Creates the exception with the failure that revealed the problem.
     *
     * @param property the full name of the property at fault
     * @param problem what is wrong with it, without its value
     * @param action what to do about it
     * @param cause the underlying failure, or null
     */
    public InvalidMqtt5PropertyException(String property, String problem, String action, Throwable cause) {
        super(property + ": " + problem, cause);
        this.property = property;
        this.action = action;
    }

    /** The full name of the property at fault. */
    public String getProperty() {
        return this.property;
    }

    /** What to do about it. */
    public String getAction() {
        return this.action;
    }
}
