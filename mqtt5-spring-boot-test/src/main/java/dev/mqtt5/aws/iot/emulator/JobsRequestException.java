package dev.mqtt5.aws.iot.emulator;

import tools.jackson.databind.node.ObjectNode;

/** A Jobs request the service rejects: the error code, message and, for some codes, the execution state. */
final class JobsRequestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;

    private final transient ObjectNode executionState;

    JobsRequestException(String code, String message) {
        this(code, message, null);
    }

    JobsRequestException(String code, String message, ObjectNode executionState) {
        super(message, null, false, false);
        this.code = code;
        this.executionState = executionState;
    }

    String code() {
        return this.code;
    }

    ObjectNode executionState() {
        return this.executionState;
    }
}
