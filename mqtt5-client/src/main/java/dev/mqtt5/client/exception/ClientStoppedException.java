package dev.mqtt5.client.exception;

/** The operation did not complete because the client was stopped or closed. */
public class ClientStoppedException extends Mqtt5Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what was stopped */
    public ClientStoppedException(String message) {
        super(message);
    }
}
