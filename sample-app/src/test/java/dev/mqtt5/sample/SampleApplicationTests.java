package dev.mqtt5.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.emulator.JobExecutionStatus;
import dev.mqtt5.spring.listener.Mqtt5ListenerEndpointRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole sample on its embedded broker: simulated thermostats report, the listener receives
 * their telemetry, commands are answered over request/response, health is UP and the client's
 * gauges are exposed over HTTP; on the AWS IoT emulator, a desired target set over HTTP is applied
 * and reported in the thermostat's shadow, and set-mode jobs end SUCCEEDED with their status
 * details (or FAILED with the reason). The service's own desired targets are off here, so that
 * they do not race the test's; {@code SampleAotIT} sees them in the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "sample.telemetry-interval=100ms", "sample.command-interval=300ms",
                "sample.target-interval=1h" })
class SampleApplicationTests {

    @Autowired
    private FleetState fleet;

    @Autowired
    private Mqtt5ListenerEndpointRegistry listeners;

    @Autowired
    private AwsIotEmulator aws;

    @Autowired
    private JsonMapper json;

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

    @Test
    void aDesiredTargetSetOverHttpIsAppliedAndReportedInTheThermostatsShadow() throws Exception {
        assertThat(post("/thermostats/thermostat-2/target", "{\"target\":99}").statusCode()).isEqualTo(400);
        HttpResponse<String> set = post("/thermostats/thermostat-2/target", "{\"target\":24.5}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(202);
        assertThat(this.json.readTree(set.body()).path("version").asLong()).isPositive();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode state = this.json.readTree(this.aws.shadows().document("thermostat-2", null).orElseThrow())
                .path("state");
            assertThat(state.path("desired").path("target").asDouble()).isEqualTo(24.5);
            assertThat(state.path("reported").path("target").asDouble()).isEqualTo(24.5);
            assertThat(state.has("delta")).as("no delta left: %s", state).isFalse();
        });
        JsonNode awsIot = this.json.readTree(get("/actuator/health").body()).path("components").path("awsIot");
        assertThat(awsIot.path("status").asString()).isEqualTo("UP");
        assertThat(awsIot.path("details").path("thingName").asString()).isEqualTo("fleet-service");
        assertThat(awsIot.path("details").path("shadows").path("thermostat-2").asString()).isEqualTo("IN_SYNC");
    }

    @Test
    void setModeJobsSucceedWithTheirStatusDetailsOrFailWithTheReason() throws Exception {
        // queued at startup
        await().atMost(Duration.ofSeconds(10))
            .until(() -> this.aws.jobs().status("fleet-service", "mode-1"), isPresentAnd(JobExecutionStatus.SUCCEEDED));

        HttpResponse<String> queued = post("/thermostats/thermostat-3/jobs/set-mode", "{\"mode\":\"eco\"}");
        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        String jobId = this.json.readTree(queued.body()).path("jobId").asString();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> this.aws.jobs().status("fleet-service", jobId), isPresentAnd(JobExecutionStatus.SUCCEEDED));
        assertThat(statusDetails(jobId)).isEqualTo(Map.of("thermostat", "thermostat-3", "mode", "eco"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "eco".equals(this.fleet.latest().get("thermostat-3").preset()));

        String turbo = this.json.readTree(post("/thermostats/thermostat-3/jobs/set-mode", "{\"mode\":\"turbo\"}").body())
            .path("jobId")
            .asString();
        await().atMost(Duration.ofSeconds(10))
            .until(() -> this.aws.jobs().status("fleet-service", turbo), isPresentAnd(JobExecutionStatus.FAILED));
        assertThat(statusDetails(turbo).get("reason")).contains("unknown mode 'turbo'");
    }

    private Map<String, String> statusDetails(String jobId) {
        JsonNode details = this.json.readTree(this.aws.jobs().execution("fleet-service", jobId).orElseThrow())
            .path("statusDetails");
        Map<String, String> map = new LinkedHashMap<>();
        details.properties().forEach((field) -> map.put(field.getKey(), field.getValue().asString()));
        return map;
    }

    private static Predicate<Optional<JobExecutionStatus>> isPresentAnd(JobExecutionStatus status) {
        return (actual) -> actual.isPresent() && actual.get() == status;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
