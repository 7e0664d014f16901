package dev.mqtt5.aws.iot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mqtt5.aws.iot.rr.RequestResponseOptions;
import dev.mqtt5.aws.iot.shadow.ShadowDocument;
import dev.mqtt5.aws.iot.shadow.ShadowUpdate;
import dev.mqtt5.aws.iot.testing.FakeShadowService;
import dev.mqtt5.aws.iot.testing.ScriptedResponder;
import dev.mqtt5.aws.iot.testing.TestClients;
import dev.mqtt5.client.Mqtt5Client;
import dev.mqtt5.client.testing.MosquittoBroker;
import dev.mqtt5.client.testing.MosquittoExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The entry point: the services share one request-response client, with the caller's mapper and options. */
@ExtendWith(MosquittoExtension.class)
class AwsIotServicesTest {

    record Pump(int flowRate, boolean primed) {
    }

    @Test
    void theServicesUseTheCallersJsonMapperAndShareOneBudget(MosquittoBroker broker) throws Exception {
        JsonMapper snakeCase = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        try (ScriptedResponder responder = ScriptedResponder.start(broker);
                Mqtt5Client device = TestClients.persistent(broker);
                AwsIotServices services = AwsIotServices.builder(device).jsonMapper(snakeCase)
                        .requestResponseOptions(RequestResponseOptions.builder()
                                .operationTimeout(Duration.ofSeconds(5)).build()).build()) {
            new FakeShadowService(responder, "$aws/things/pump-1/shadow");

            ShadowDocument<Pump> accepted = services.shadow("pump-1").update(ShadowUpdate.reported(new Pump(12, true)),
                    Pump.class).get(10, TimeUnit.SECONDS);

            assertThat(responder.received().get(0).body().get("state").get("reported").has("flow_rate")).isTrue();
            assertThat(accepted.state().reported()).isEqualTo(new Pump(12, true));
            assertThat(services.requestResponse().mapper()).isSameAs(snakeCase);
            assertThat(services.requestResponse().options().operationTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(services.jobs("pump-1").thingName()).isEqualTo("pump-1");
            assertThat(services.namedShadow("pump-1", "cfg").topicPrefix()).isEqualTo("$aws/things/pump-1/shadow/name/cfg");
        }
    }
}
