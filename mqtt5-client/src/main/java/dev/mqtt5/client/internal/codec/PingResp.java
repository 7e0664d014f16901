package dev.mqtt5.client.internal.codec;

/** A received PINGRESP; it carries nothing, so one instance serves every connection. */
public final class PingResp {

    /** The only instance. */
    public static final PingResp INSTANCE = new PingResp();

    static final PacketDecoder DECODER = (body, flags) -> {
        WireReader.requireFullyRead(body, "PINGRESP");
        return INSTANCE;
    };

    private PingResp() {
    }

    @Override
    public String toString() {
        return "PINGRESP";
    }
}
