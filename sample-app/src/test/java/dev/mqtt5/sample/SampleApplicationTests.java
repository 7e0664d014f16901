package dev.mqtt5.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.mqtt5.spring.listener.Mqtt5ListenerEndpointRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole sample on its embedded broker: simulated thermostats report, the listener receives
 * their telemetry, commands are answered over request/response, health is UP and the client's
 * gauges are exposed over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "sample.telemetry-interval=100ms", "sample.command-interval=300ms" })
class SampleApplicationTests {

    @Autowired
    private FleetState fleet;

    @Autowired
    private Mqtt5ListenerEndpointRegistry listeners;

    @Value("${local.server.port}")
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void telemetryIsReceivedCommandsAreAnsweredHealthIsUpAndGaugesArePresent() throws Exception {
        assertThat(this.listeners.getListenerContainer("telemetry").getEndpoint().filters())
            .containsExactly("fleet/+/telemetry");
        await().atMost(Duration.ofSeconds(10)).until(() -> this.fleet.latest().size() == 3);
        assertThat(this.fleet.latest()).containsKeys("thermostat-1", "thermostat-2", "thermostat-3");
        await().atMost(Duration.ofSeconds(10)).until(() -> this.fleet.commandsAnswered() >= 2);
        assertThat(this.fleet.commandsFailed()).isZero();

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("mqtt5");

        HttpResponse<String> gauge = get("/actuator/metrics/mqtt5.client.operations.incomplete.count");
        assertThat(gauge.statusCode()).isEqualTo(200);
        assertThat(gauge.body()).contains("\"name\":\"mqtt5.client.operations.incomplete.count\"");
        assertThat(get("/actuator/metrics/mqtt5.client.connected").body()).contains("\"value\":1.0");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
