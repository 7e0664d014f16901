package dev.mqtt5.client.exception;

/** Enhanced authentication failed: the authenticator refused or failed, or the server ended the exchange. */
public class AuthenticationException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public AuthenticationException(String message) {
        super(message);
    }

    /** @param message what failed @param cause the underlying failure */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
