package dev.mqtt5.bench.jmh;

import dev.mqtt5.client.internal.codec.OutboundPacket;
import dev.mqtt5.client.internal.codec.PacketEncoders;
import dev.mqtt5.client.packet.PublishPacket;
import dev.mqtt5.client.packet.QoS;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Workload 5: our PUBLISH encode path, run with JMH's GC profiler for bytes allocated per
 * operation. {@code encode} is what the engine does per publish ({@code PacketEncoders.publish}
 * at submission, {@code writeTo} into the batch buffer); {@code writeOnly} reuses one encoder;
 * {@code buildAndEncode} adds the {@code PublishPacket} the application builds. The payload array
 * is made once in setup, so every byte counted is the encode path's own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EncodeBenchmark {

    @Param({"0", "1"})
    public int qos;

    @Param({"64", "16384"})
    public int payloadSize;

    private byte[] payload;
    private PublishPacket packet;
    private OutboundPacket encoder;
    private ByteBuf buffer;

    @Setup(Level.Trial)
    public void setUp() {
        payload = new byte[payloadSize];
        packet = PublishPacket.builder().topic("bench/throughput").payload(payload).qos(QoS.fromValue(qos)).build();
        encoder = PacketEncoders.publish(packet);
        buffer = PooledByteBufAllocator.DEFAULT.directBuffer(payloadSize + 64);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        buffer.release();
    }

    @Benchmark
    public ByteBuf encode() {
        buffer.clear();
        PacketEncoders.publish(packet).writeTo(buffer, 1, false);
        return buffer;
    }

    @Benchmark
    public ByteBuf writeOnly() {
        buffer.clear();
        encoder.writeTo(buffer, 1, false);
        return buffer;
    }

    @Benchmark
    public ByteBuf buildAndEncode() {
        buffer.clear();
        PublishPacket p = PublishPacket.builder().topic("bench/throughput").payload(payload).qos(QoS.fromValue(qos)).build();
        PacketEncoders.publish(p).writeTo(buffer, 1, false);
        return buffer;
    }
}
