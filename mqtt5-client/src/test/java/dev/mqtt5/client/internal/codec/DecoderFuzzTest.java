package dev.mqtt5.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mqtt5.client.exception.MqttProtocolException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    private record Outcome(List<Object> packets, String error) {
    }

    private static Outcome decode(byte[] input, int chunkSize, long maximumPacketSize) {
        EmbeddedChannel channel = new EmbeddedChannel(new Mqtt5Decoder(maximumPacketSize));
        String error = null;
        for (int from = 0; from < input.length; from += chunkSize) {
            byte[] chunk = Arrays.copyOfRange(input, from, Math.min(input.length, from + chunkSize));
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
