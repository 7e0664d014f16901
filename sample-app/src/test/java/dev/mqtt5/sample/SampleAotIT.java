package dev.mqtt5.sample;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample, processed ahead of time ({@code spring-boot:process-aot} in its build),
 * started on the JVM in AOT mode ({@code -Dspring.aot.enabled=true}) as a separate process: it
 * starts from the generated bean definitions, connects to its embedded broker, the simulated
 * devices' telemetry reaches the {@code @Mqtt5Listener}, and on the AWS IoT emulator the service's
 * desired targets are applied by the {@code @ShadowDeltaHandler} methods and the startup set-mode
 * job by the {@code @JobHandler} (both invoked reflectively). GraalVM is not installed here, so no
 * native image is built; the hints a native image needs are tested on their own
 * ({@code Mqtt5ListenerRuntimeHintsTests}).
 */
class SampleAotIT {

    @Test
    void theAotProcessedSampleStartsConnectsAndDelivers() throws Exception {
        Path jar = Path.of(System.getProperty("sample.jar"));
        assertThat(jar).exists();
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process app = new ProcessBuilder(java, "-Dspring.aot.enabled=true", "-jar", jar.toString(),
                "--server.port=" + port, "--sample.telemetry-interval=200ms", "--sample.target-interval=500ms")
            .redirectErrorStream(true)
            .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception ex) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> !app.isAlive() || (has(lines, "Telemetry from thermostat-")
                        && has(lines, "applied, reported (version") && has(lines, "Job mode-1 set-mode eco on thermostat-1: ")));
            } catch (ConditionTimeoutException ex) {
                // the assertions below say what is missing, with the output
            }
            String output = String.join("\n", lines);
            assertThat(app.isAlive()).as("the AOT-processed sample is running; its output:%n%s", output).isTrue();
            assertThat(has(lines, "Starting AOT-processed SampleApplication")).as("started in AOT mode").isTrue();
            assertThat(has(lines, "Telemetry from thermostat-")).as("%s", output).isTrue();
            assertThat(lines).as("%s", output).anyMatch((line) -> line.matches(
                    ".*Shadow thermostat-\\d: desired target \\d+\\.5 applied, reported \\(version \\d+\\)"));
            assertThat(has(lines, "Job mode-1 set-mode eco on thermostat-1: SUCCEEDED")).as("%s", output).isTrue();
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("mqtt5").contains("\"awsIot\"")
                .contains("\"thermostat-1\":\"");
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    private static boolean has(List<String> lines, String text) {
        return lines.stream().anyMatch((line) -> line.contains(text));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
