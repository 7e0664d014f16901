package dev.mqtt5.client.internal.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds expected wire bytes by hand, field by field, the way the specification lays them out. */
final class Bytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bytes of(int... bytes) {
        return new Bytes().b(bytes);
    }

    /** A whole packet: first byte, Remaining Length, then the body. */
    static byte[] packet(int firstByte, Bytes body) {
        byte[] b = body.array();
        return new Bytes().b(firstByte).vbi(b.length).raw(b).array();
    }

    Bytes b(int... bytes) {
        for (int x : bytes) {
            out.write(x);
        }
        return this;
    }

    Bytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    Bytes u16(int v) {
        return b(v >>> 8, v & 0xFF);
    }

    Bytes u32(long v) {
        return b((int) (v >>> 24) & 0xFF, (int) (v >>> 16) & 0xFF, (int) (v >>> 8) & 0xFF, (int) v & 0xFF);
    }

    Bytes vbi(int v) {
        do {
            int digit = v & 0x7F;
            v >>>= 7;
            out.write(v > 0 ? digit | 0x80 : digit);
        } while (v > 0);
        return this;
    }

    /** A UTF-8 Encoded String: two-byte length then the bytes. */
    Bytes str(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return u16(bytes.length).raw(bytes);
    }

    /** Binary Data: two-byte length then the bytes. */
    Bytes bin(byte[] bytes) {
        return u16(bytes.length).raw(bytes);
    }

    /** A Properties block: Property Length then the given properties. */
    Bytes props(Bytes properties) {
        byte[] b = properties.array();
        return vbi(b.length).raw(b);
    }

    byte[] array() {
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
