package dev.mqtt5.bench.jmh;

import dev.mqtt5.client.internal.codec.WellFormedUtf8;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How to check that a publish's payload is the UTF-8 its Payload Format Indicator promises
 * (issue 13): the client's hand-written {@code WellFormedUtf8} against the JDK's decoder with
 * {@code REPORT}, once reused (a decoder and output buffer kept per thread) and once fresh per
 * call. Run with {@code -prof gc} for the bytes each allocates. Only publishes that set
 * {@code PayloadFormat.UTF8} pay any of this; others compare one field.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Utf8PayloadBenchmark {

    @Param({"64", "16384"})
    public int payloadSize;

    /** {@code ascii}: JSON-like ASCII text; {@code mixed}: one non-ASCII character in about every eight. */
    @Param({"ascii", "mixed"})
    public String text;

    private byte[] payload;
    private CharsetDecoder reusedDecoder;
    private CharBuffer reusedOutput;

    @Setup(Level.Trial)
    public void setUp() {
        String unit = text.equals("ascii") ? "{\"temperature\":21.5,\"unit\":\"C\",\"id\":7}" : "température 21,5 °C, Zürich 😀 ";
        StringBuilder builder = new StringBuilder();
        while (builder.toString().getBytes(StandardCharsets.UTF_8).length < payloadSize) {
            builder.append(unit);
        }
        byte[] all = builder.toString().getBytes(StandardCharsets.UTF_8);
        int end = payloadSize;
        while ((all[end] & 0xC0) == 0x80) {
            end--; // do not cut a character in two
        }
        payload = java.util.Arrays.copyOf(all, end);
        if (WellFormedUtf8.firstMalformed(payload) != -1) {
            throw new IllegalStateException("the benchmark payload must be well-formed");
        }
        reusedDecoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        reusedOutput = CharBuffer.allocate(payloadSize);
    }

    @Benchmark
    public int handWritten() {
        return WellFormedUtf8.firstMalformed(payload);
    }

    @Benchmark
    public boolean jdkDecoderReused() {
        reusedDecoder.reset();
        reusedOutput.clear();
        return reusedDecoder.decode(ByteBuffer.wrap(payload), reusedOutput, true).isError();
    }

    @Benchmark
    public Object jdkDecoderFresh() throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload));
    }
}
