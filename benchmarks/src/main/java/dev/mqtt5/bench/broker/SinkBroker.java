package dev.mqtt5.bench.broker;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A loopback MQTT 5 sink, run as its own process (pinned to its own core): it reads everything a
 * client sends and answers CONNACK (Receive Maximum 20, like mosquitto), SUBACK, UNSUBACK, PUBACK,
 * PUBREC, PUBCOMP and PINGRESP at once, flushing its answers before any read that could block.
 * It routes nothing. One thread per connection. Prints {@code SINK-READY <port>} when listening.
 *
 * <p>Usage: {@code SinkBroker [port]} (0 or absent: a free port).
 */
public final class SinkBroker {

    private SinkBroker() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
            System.out.println("SINK-READY " + server.getLocalPort());
            System.out.flush();
            while (true) {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket), "sink-" + socket.getPort());
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setReceiveBufferSize(1 << 20);
            socket.setSendBufferSize(1 << 20);
            new Connection(socket.getInputStream(), socket.getOutputStream()).run();
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Parses packets out of one growing read buffer and answers each. */
    private static final class Connection {
        private final InputStream in;
        private final OutputStream out;
        private byte[] buf = new byte[256 * 1024];
        private int start;
        private int end;

        Connection(InputStream in, OutputStream raw) {
            this.in = in;
            this.out = new BufferedOutputStream(raw, 64 * 1024);
        }

        void run() throws IOException {
            while (true) {
                if (!answerCompletePackets()) {
                    return;
                }
                if (start > 0) {
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (in.available() == 0) {
                    out.flush();
                }
                if (end == buf.length) {
                    byte[] bigger = new byte[buf.length * 2];
                    System.arraycopy(buf, 0, bigger, 0, end);
                    buf = bigger;
                }
                int n = in.read(buf, end, buf.length - end);
                if (n < 0) {
                    out.flush();
                    return;
                }
                end += n;
            }
        }

        /** Answers every complete packet in the buffer; false after DISCONNECT. */
        private boolean answerCompletePackets() throws IOException {
            while (end - start >= 2) {
                int p = start + 1;
                int remaining = 0;
                int shift = 0;
                boolean complete = false;
                while (p < end) {
                    int b = buf[p++] & 0xFF;
                    remaining |= (b & 0x7F) << shift;
                    shift += 7;
                    if ((b & 0x80) == 0) {
                        complete = true;
                        break;
                    }
                }
                if (!complete || end - p < remaining) {
                    if (complete && p - start + remaining > buf.length) {
                        byte[] bigger = new byte[p - start + remaining];
                        System.arraycopy(buf, start, bigger, 0, end - start);
                        end -= start;
                        start = 0;
                        buf = bigger;
                    }
                    return true;
                }
                if (!answer(buf[start] & 0xFF, p, remaining)) {
                    return false;
                }
                start = p + remaining;
            }
            return true;
        }

        private boolean answer(int first, int body, int remaining) throws IOException {
            switch (first >> 4) {
                case 1 -> out.write(new byte[] {0x20, 6, 0, 0, 3, 0x21, 0, 20}); // CONNACK, Receive Maximum 20
                case 3 -> {
                    int qos = (first >> 1) & 3;
                    if (qos > 0) {
                        int topicLength = ((buf[body] & 0xFF) << 8) | (buf[body + 1] & 0xFF);
                        int id = body + 2 + topicLength;
                        out.write(qos == 1 ? 0x40 : 0x50);
                        out.write(2);
                        out.write(buf[id]);
                        out.write(buf[id + 1]);
                    }
                }
                case 6 -> out.write(new byte[] {0x70, 2, buf[body], buf[body + 1]}); // PUBREL -> PUBCOMP
                case 8, 10 -> subAck(first >> 4 == 8 ? 0x90 : 0xB0, body, remaining);
                case 12 -> out.write(new byte[] {(byte) 0xD0, 0});
                case 14 -> {
                    out.flush();
                    return false;
                }
                default -> {
                    // PUBACK, PUBREC, PUBCOMP, AUTH from a client: nothing to answer
                }
            }
            return true;
        }

        /** SUBACK or UNSUBACK granting every filter (the QoS asked for, or success). */
        private void subAck(int type, int body, int remaining) throws IOException {
            int p = body + 2;
            int propertyLength = 0;
            int shift = 0;
            int b;
            do {
                b = buf[p++] & 0xFF;
                propertyLength |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            p += propertyLength;
            int limit = body + remaining;
            byte[] codes = new byte[64];
            int n = 0;
            while (p < limit && n < codes.length) {
                int length = ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF);
                p += 2 + length;
                codes[n++] = type == 0x90 ? (byte) (buf[p++] & 3) : 0;
            }
            out.write(type);
            out.write(3 + n);
            out.write(buf[body]);
            out.write(buf[body + 1]);
            out.write(0);
            out.write(codes, 0, n);
        }
    }
}
