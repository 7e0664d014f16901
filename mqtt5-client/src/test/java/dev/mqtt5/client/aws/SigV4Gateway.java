package dev.mqtt5.client.aws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A loopback stand-in for the AWS IoT device gateway's WebSocket endpoint: it reads the HTTP
 * upgrade request, recomputes its SigV4 query signature (service {@code iotdevicegateway}) with
 * its own small implementation and the credentials it was told about, refuses a bad, stale or
 * incomplete one with HTTP 403, and otherwise replays the request to mosquitto's WebSocket
 * listener and relays bytes both ways.
 */
final class SigV4Gateway implements AutoCloseable {

    /** One accepted handshake. */
    record Accepted(String accessKeyId, String signature, String sessionToken) {
    }

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String region;
    private final int upstreamPort;
    private final ServerSocket server;
    private final Map<String, String[]> credentials = new ConcurrentHashMap<>();
    final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    final List<String> refusals = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    SigV4Gateway(String region, int upstreamPort) throws IOException {
        this.region = region;
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "sigv4-gateway");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Lets the gateway verify signatures made with this key; {@code sessionToken} must then come along (or null). */
    void allow(String accessKeyId, String secretKey, String sessionToken) {
        credentials.put(accessKeyId, new String[] {secretKey, sessionToken});
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread handler = new Thread(() -> handle(client), "sigv4-gateway-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void handle(Socket client) {
        try {
            byte[] head = readHead(client.getInputStream());
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String problem = verify(text);
            if (problem != null) {
                refusals.add(problem);
                OutputStream out = client.getOutputStream();
                out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                client.close();
                return;
            }
            Socket upstream = new Socket();
            sockets.add(upstream);
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
            upstream.getOutputStream().write(head);
            Thread back = new Thread(() -> pump(upstream, client), "sigv4-gateway-down");
            back.setDaemon(true);
            back.start();
            pump(client, upstream);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** Returns why the request is refused, or null when its signature is valid. */
    private String verify(String head) throws IOException {
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        String target = requestLine[1];
        String host = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("host")) {
                host = line.substring(colon + 1).trim();
            }
        }
        int q = target.indexOf('?');
        if (q < 0 || host == null) {
            return "no query string or no Host header";
        }
        String path = target.substring(0, q);
        Map<String, String> params = new TreeMap<>();
        for (String pair : target.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (!"AWS4-HMAC-SHA256".equals(params.get("X-Amz-Algorithm")) || !"host".equals(params.get("X-Amz-SignedHeaders"))) {
            return "wrong algorithm or signed headers";
        }
        String[] scope = params.getOrDefault("X-Amz-Credential", "").split("/");
        if (scope.length != 5 || !scope[2].equals(region) || !scope[3].equals("iotdevicegateway")
                || !scope[4].equals("aws4_request")) {
            return "wrong credential scope";
        }
        String[] known = credentials.get(scope[0]);
        if (known == null) {
            return "unknown access key";
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(params.get("X-Amz-Date")));
        long expires = Long.parseLong(params.get("X-Amz-Expires"));
        Instant now = Instant.now();
        if (now.isAfter(signedAt.plusSeconds(expires)) || signedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            return "stale signature: signed at " + signedAt + ", expires after " + expires + " s";
        }
        String token = params.get("X-Amz-Security-Token");
        if (known[1] != null && !known[1].equals(token)) {
            return "missing or wrong session token";
        }
        StringBuilder canonicalQuery = new StringBuilder();
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (p.getKey().equals("X-Amz-Signature") || p.getKey().equals("X-Amz-Security-Token")) {
                continue; // IoT: the token is appended after signing, so it is not part of the signature
            }
            canonicalQuery.append(canonicalQuery.length() == 0 ? "" : "&")
                    .append(uriEncode(p.getKey())).append('=').append(uriEncode(p.getValue()));
        }
        String canonicalRequest = "GET\n" + path + "\n" + canonicalQuery + "\nhost:" + host + "\n\nhost\n" + sha256Hex("");
        String credentialScope = scope[1] + "/" + scope[2] + "/" + scope[3] + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + params.get("X-Amz-Date") + "\n" + credentialScope + "\n"
                + sha256Hex(canonicalRequest);
        byte[] key = hmac(("AWS4" + known[0]).getBytes(StandardCharsets.UTF_8), scope[1]);
        key = hmac(hmac(hmac(key, scope[2]), scope[3]), "aws4_request");
        String expected = HexFormat.of().formatHex(hmac(key, stringToSign));
        if (!expected.equals(params.get("X-Amz-Signature"))) {
            return "signature mismatch";
        }
        accepted.add(new Accepted(scope[0], expected, token));
        return null;
    }

    private static String uriEncode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the request head");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toByteArray();
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        new ArrayList<>(sockets).forEach(SigV4Gateway::closeQuietly);
    }
}
