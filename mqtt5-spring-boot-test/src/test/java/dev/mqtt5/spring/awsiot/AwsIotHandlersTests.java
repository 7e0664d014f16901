package dev.mqtt5.spring.awsiot;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mqtt5.aws.iot.AwsIotServices;
import dev.mqtt5.aws.iot.emulator.AwsIotEmulator;
import dev.mqtt5.aws.iot.emulator.JobExecutionStatus;
import dev.mqtt5.aws.iot.jobs.JobExecution;
import dev.mqtt5.aws.iot.shadow.ShadowClient;
import dev.mqtt5.aws.iot.shadow.ShadowDocument;
import dev.mqtt5.aws.iot.shadow.ShadowException;
import dev.mqtt5.aws.iot.shadow.ShadowUpdate;
import dev.mqtt5.spring.autoconfigure.awsiot.AwsIotShadows;
import dev.mqtt5.spring.aws.iot.AwsIotHandlerRegistry;
import dev.mqtt5.spring.aws.iot.JobHandler;
import dev.mqtt5.spring.aws.iot.ShadowDeltaHandler;
import dev.mqtt5.spring.aws.iot.ShadowSyncState;
import dev.mqtt5.spring.test.EmbeddedMqtt5Broker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import org.assertj.core.api.InstanceOfAssertFactories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code @ShadowDeltaHandler} and {@code @JobHandler} methods of a device application, against the
 * AWS IoT emulator on the embedded broker: a desired temperature set from outside is applied and
 * reported, a delta set while the handlers were stopped is caught up, jobs run by operation and
 * report SUCCEEDED, FAILED or REJECTED, and health shows the thing and the shadow's sync state.
 */
@SpringBootTest(properties = { "aws.iot.mqtt5.client-id=thermostat-1", "aws.iot.mqtt5.iot.shadow-names=config" })
@EmbeddedMqtt5Broker(awsIot = true)
class AwsIotHandlersTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final JsonMapper JSON = new JsonMapper();

    @Autowired
    private AwsIotEmulator emulator;

    @Autowired
    private Thermostat thermostat;

    @Autowired
    private ShadowClient shadow;

    @Autowired
    private AwsIotHandlerRegistry registry;

    @Autowired
    private AwsIotServices services;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private AwsIotShadows shadows;

    @Autowired
    @Qualifier("awsIotHealthIndicator")
    private HealthIndicator health;

    private JsonNode document() {
        return JSON.readTree(this.emulator.shadows().document("thermostat-1", null).orElseThrow());
    }

    @Test
    void aDesiredTargetIsAppliedAndTheReturnedStateReportedWithoutItsNullFields() {
        this.emulator.shadows().update("thermostat-1", null,
                "{\"state\":{\"reported\":{\"target\":18.0,\"mode\":\"comfort\"}}}");
        this.emulator.shadows().updateDesired("thermostat-1", null, "{\"target\":21.5}");
        await().atMost(WAIT).until(() -> document().at("/state/reported/target").asDouble() == 21.5);
        assertThat(this.thermostat.applied).contains(new Settings(21.5, null));
        JsonNode state = document().get("state");
        assertThat(state.at("/reported/mode").asString()).isEqualTo("comfort"); // not deleted by a null
        assertThat(state.has("delta")).isFalse();
        await().atMost(WAIT).until(() -> this.registry.shadowStates().get("thermostat-1") == ShadowSyncState.IN_SYNC);
        Health health = this.health.health(true);
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("thingName", "thermostat-1");
        assertThat(health.getDetails().get("shadows")).asInstanceOf(InstanceOfAssertFactories.MAP)
            .containsEntry("thermostat-1", ShadowSyncState.IN_SYNC)
            .containsKey("thermostat-1/settings");
    }

    @Test
    void aDeltaSetWhileTheHandlersWereStoppedIsAppliedWhenTheyStart() {
        this.registry.stop();
        this.emulator.shadows().updateDesired("thermostat-1", null, "{\"target\":16.0}");
        this.registry.start();
        await().atMost(WAIT).until(() -> document().at("/state/reported/target").asDouble() == 16.0);
        assertThat(this.thermostat.applied).contains(new Settings(16.0, null));
    }

    @Test
    void aFailingHandlerLeavesTheShadowOutOfSyncAndHealthSaysSo() {
        this.emulator.shadows().updateDesired("thermostat-1", null, "{\"target\":99.0}");
        await().atMost(WAIT)
            .until(() -> this.registry.shadowStates().get("thermostat-1") == ShadowSyncState.OUT_OF_SYNC);
        assertThat(this.health.health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(document().at("/state/delta/target").asDouble()).isEqualTo(99.0);
        this.emulator.shadows().updateDesired("thermostat-1", null, "{\"target\":20.0}");
        await().atMost(WAIT).until(() -> this.registry.shadowStates().get("thermostat-1") == ShadowSyncState.IN_SYNC);
    }

    @Test
    void jobsRunByOperationAndReportTheirOutcome() {
        this.emulator.jobs().createJob("thermostat-1", "mode-1", "{\"operation\":\"set-mode\",\"mode\":\"eco\"}");
        this.emulator.jobs().createJob("thermostat-1", "broken-1", "{\"operation\":\"calibrate\"}");
        this.emulator.jobs().createJob("thermostat-1", "unknown-1", "{\"operation\":\"reboot\"}");
        await().atMost(WAIT).until(() -> this.emulator.jobs().status("thermostat-1", "unknown-1")
            .filter((s) -> s != JobExecutionStatus.QUEUED && s != JobExecutionStatus.IN_PROGRESS).isPresent());
        assertThat(this.emulator.jobs().status("thermostat-1", "mode-1")).contains(JobExecutionStatus.SUCCEEDED);
        assertThat(this.emulator.jobs().execution("thermostat-1", "mode-1").orElseThrow()).contains("\"mode\":\"eco\"");
        assertThat(this.thermostat.modes).containsExactly("eco:mode-1");
        assertThat(this.emulator.jobs().status("thermostat-1", "broken-1")).contains(JobExecutionStatus.FAILED);
        assertThat(this.emulator.jobs().execution("thermostat-1", "broken-1").orElseThrow()).contains("valve stuck");
        assertThat(this.emulator.jobs().status("thermostat-1", "unknown-1")).contains(JobExecutionStatus.REJECTED);
        assertThat(this.emulator.jobs().execution("thermostat-1", "unknown-1").orElseThrow())
            .contains("no @JobHandler for operation 'reboot'");
    }

    @Test
    void theInjectedShadowClientIsTheThingsClassicShadow() throws Exception {
        this.emulator.shadows().updateDesired("thermostat-1", null, "{\"target\":19.0}");
        await().atMost(WAIT).until(() -> document().at("/state/reported/target").asDouble() == 19.0);
        ShadowDocument<Settings> read = this.shadow.get(Settings.class).get();
        assertThat(read.state().reported().target()).isEqualTo(19.0);
        assertThat(this.shadow.thingName()).isEqualTo("thermostat-1");
    }

    @Test
    void requestsAreTimedByServiceOperationAndOutcome() throws Exception {
        this.shadow.update(ShadowUpdate.reported(Map.of("firmware", "1.2"))).get();
        assertThatThrownBy(() -> this.services.namedShadow("thermostat-1", "never-made").get().get())
            .hasCauseInstanceOf(ShadowException.class);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(this.meters.find("mqtt5.aws.iot.requests").tags("service", "shadow", "operation", "update",
                    "outcome", "accepted").timer()).isNotNull().satisfies((t) -> assertThat(t.count()).isPositive());
            assertThat(this.meters.find("mqtt5.aws.iot.requests").tags("service", "shadow", "operation", "get",
                    "outcome", "rejected").timer()).isNotNull().satisfies((t) -> assertThat(t.count()).isPositive());
        });
    }

    @Test
    void namedShadowsComeFromTheListAndAMistypedNameFailsNamingTheProperty() throws Exception {
        this.shadows.named("config").update(ShadowUpdate.reported(Map.of("interval", 30))).get();
        assertThat(this.emulator.shadows().document("thermostat-1", "config").orElseThrow()).contains("\"interval\":30");
        assertThat(this.shadows.classic().thingName()).isEqualTo("thermostat-1");
        assertThatThrownBy(() -> this.shadows.named("cofig"))
            .hasMessageContaining("'cofig' is not in aws.iot.mqtt5.iot.shadow-names [config]");
    }

    @Test
    void aJsonNodeReturnedIsReportedAsItIsSoAnExplicitNullDeletesAField() {
        this.emulator.shadows().update("thermostat-1", "settings", "{\"state\":{\"reported\":{\"legacy\":1}}}");
        this.emulator.shadows().updateDesired("thermostat-1", "settings", "{\"interval\":10}");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode reported = JSON.readTree(this.emulator.shadows().document("thermostat-1", "settings").orElseThrow())
                .at("/state/reported");
            assertThat(reported.path("interval").asInt()).isEqualTo(10);
            assertThat(reported.has("legacy")).isFalse();
        });
    }

    record Settings(Double target, String mode) {
    }

    record ModeJob(String operation, String mode) {
    }

    static class Thermostat {

        final List<Settings> applied = new CopyOnWriteArrayList<>();

        final List<String> modes = new CopyOnWriteArrayList<>();

        @ShadowDeltaHandler
        Settings apply(Settings delta) {
            if (delta.target() != null && delta.target() > 50) {
                throw new IllegalArgumentException("target " + delta.target() + " out of range");
            }
            this.applied.add(delta);
            return new Settings(delta.target(), null);
        }

        @ShadowDeltaHandler(shadowName = "settings")
        JsonNode settings(JsonNode delta) {
            ObjectNode reported = (ObjectNode) delta.deepCopy();
            reported.putNull("legacy");                  // sent as it is: deletes the reported field
            return reported;
        }

        @JobHandler("set-mode")
        Map<String, String> setMode(ModeJob job, JobExecution execution) {
            this.modes.add(job.mode() + ":" + execution.jobId());
            return Map.of("mode", job.mode());
        }

        @JobHandler("calibrate")
        void calibrate(JsonNode document) {
            throw new IllegalStateException("valve stuck");
        }
    }

    @SpringBootApplication
    @Import(Thermostat.class)
    static class TestApplication {

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

    }
}
