package dev.mqtt5.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mqtt5.client.exception.MqttProtocolException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Feeds arbitrary bytes to the decoder. Whatever arrives, the only failure allowed out is a
 * {@link MqttProtocolException} (Netty wraps it in a {@link DecoderException}); and the result must not depend
 * on how the bytes were split across reads. Without {@code JAZZER_FUZZ=1} this replays the committed corpus in
 * {@code src/test/resources/.../DecoderFuzzTestInputs/decoderRaisesOnlyProtocolExceptions/}.
 */
class DecoderFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void decoderRaisesOnlyProtocolExceptions(byte[] input) {
        Outcome whole = decode(input, input.length == 0 ? 1 : input.length, Mqtt5Decoder.NO_LIMIT);
        Outcome chunked = decode(input, 3, Mqtt5Decoder.NO_LIMIT);
        assertThat(chunked.packets).isEqualTo(whole.packets);
        assertThat(chunked.error).isEqualTo(whole.error);
        decode(input, input.length == 0 ? 1 : input.length, 48);
    }

    @Test
    void theSeedCorpusHoldsValidPacketsThatDecodeAndBrokenOnesThatFail() throws Exception {
        Path corpus = Path.of(DecoderFuzzTest.class
                .getResource("DecoderFuzzTestInputs/decoderRaisesOnlyProtocolExceptions").toURI());
        List<Path> seeds;
        try (Stream<Path> files = Files.list(corpus)) {
            seeds = files.filter(f -> f.getFileName().toString().matches("(valid|broken)-.*")).toList();
        }
        assertThat(seeds).hasSizeGreaterThanOrEqualTo(12);
        for (Path seed : seeds) {
            Outcome outcome = decode(Files.readAllBytes(seed), Integer.MAX_VALUE, Mqtt5Decoder.NO_LIMIT);
            if (seed.getFileName().toString().startsWith("valid-")) {
                assertThat(outcome.error).as(seed.toString()).isNull();
                assertThat(outcome.packets).as(seed.toString()).isNotEmpty();
            } else {
                assertThat(outcome.error).as(seed.toString()).isNotNull();
            }
        }
    }

    private record Outcome(List<Object> packets, String error) {
    }

    private static Outcome decode(byte[] input, int chunkSize, long maximumPacketSize) {
        EmbeddedChannel channel = new EmbeddedChannel(new Mqtt5Decoder(maximumPacketSize));
        String error = null;
        for (int from = 0; from < input.length; from += chunkSize) {
            byte[] chunk = Arrays.copyOfRange(input, from, (int) Math.min(input.length, (long) from + chunkSize));
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(chunk));
            } catch (DecoderException e) {
                if (!(e.getCause() instanceof MqttProtocolException protocol)) {
                    throw e;
                }
                assertThat(error).as("a second exception after " + error).isNull();
                error = protocol.reasonCode() + ": " + protocol.getMessage();
            }
        }
        List<Object> packets = new ArrayList<>();
        for (Object packet; (packet = channel.readInbound()) != null; ) {
            packets.add(packet);
            ReferenceCountUtil.release(packet);
        }
        channel.finishAndReleaseAll();
        return new Outcome(packets, error);
    }
}
