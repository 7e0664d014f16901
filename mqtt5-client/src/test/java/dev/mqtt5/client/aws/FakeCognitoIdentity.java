package dev.mqtt5.client.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP server speaking the Cognito Identity JSON 1.1 protocol for {@code GetId} and
 * {@code GetCredentialsForIdentity}: identities it knows get numbered credentials valid for
 * {@link #lifetime} from {@link #now}; unknown ones get {@code ResourceNotFoundException}.
 */
final class FakeCognitoIdentity implements AutoCloseable {

    static final String POOL_ID = "eu-west-1:11111111-2222-3333-4444-555555555555";
    static final String IDENTITY_ID = "eu-west-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    private static final Pattern IDENTITY = Pattern.compile("\"IdentityId\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern POOL = Pattern.compile("\"IdentityPoolId\"\\s*:\\s*\"([^\"]*)\"");

    private final HttpServer server;
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final AtomicInteger issued = new AtomicInteger();
    volatile Supplier<Instant> now = Instant::now;
    volatile Duration lifetime = Duration.ofHours(1);

    FakeCognitoIdentity() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static String accessKeyId(int n) {
        return "ASIACOGNITO" + n;
    }

    static String secretKey(int n) {
        return "cognito-secret-" + n;
    }

    static String sessionToken(int n) {
        return "cognito-session-token-" + n;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(target);
        bodies.add(body);
        if ("AWSCognitoIdentityService.GetId".equals(target)) {
            Matcher pool = POOL.matcher(body);
            if (pool.find() && pool.group(1).equals(POOL_ID)) {
                reply(exchange, 200, "{\"IdentityId\":\"" + IDENTITY_ID + "\"}");
            } else {
                notFound(exchange, "IdentityPool not found.");
            }
            return;
        }
        if ("AWSCognitoIdentityService.GetCredentialsForIdentity".equals(target)) {
            Matcher identity = IDENTITY.matcher(body);
            if (!identity.find() || !identity.group(1).equals(IDENTITY_ID)) {
                notFound(exchange, "Identity '" + (identity.find(0) ? identity.group(1) : "") + "' not found.");
                return;
            }
            int n = issued.incrementAndGet();
            long expiration = now.get().plus(lifetime).getEpochSecond();
            reply(exchange, 200, "{\"IdentityId\":\"" + IDENTITY_ID + "\",\"Credentials\":{\"AccessKeyId\":\""
                    + accessKeyId(n) + "\",\"SecretKey\":\"" + secretKey(n) + "\",\"SessionToken\":\"" + sessionToken(n)
                    + "\",\"Expiration\":" + expiration + "}}");
            return;
        }
        reply(exchange, 400, "{\"__type\":\"UnknownOperationException\"}");
    }

    private static void notFound(HttpExchange exchange, String message) throws IOException {
        reply(exchange, 400, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"" + message + "\"}");
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
