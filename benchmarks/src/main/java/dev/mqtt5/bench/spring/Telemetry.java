package dev.mqtt5.bench.spring;

/**
 * The record every Spring-level contender sends and receives as JSON: a sequence number (negative
 * for the readiness probe) and padding that brings its JSON to the cell's size (64 B or 1 KiB).
 */
public record Telemetry(String device, long seq, double value, String pad) {

    /** Sequence numbers start here, so that every record of a cell has the same JSON length. */
    public static final long FIRST_SEQ = 100_000;

    /** Padding that makes the JSON of a record with a 6-digit sequence number {@code jsonBytes} long. */
    public static String padFor(int jsonBytes) {
        // {"device":"bench-1","seq":123456,"value":21.5,"pad":""} is 56 bytes.
        return "x".repeat(Math.max(0, jsonBytes - 56));
    }
}
