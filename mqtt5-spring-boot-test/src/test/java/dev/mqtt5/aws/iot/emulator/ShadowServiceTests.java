package dev.mqtt5.aws.iot.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import dev.mqtt5.client.packet.QoS;
import dev.mqtt5.client.testing.MosquittoExtension;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/** The Device Shadow service from a device's point of view, on mosquitto: every operation and its results. */
class ShadowServiceTests {

    @RegisterExtension
    static final MosquittoExtension MOSQUITTO = new MosquittoExtension();

    static AwsIotEmulator emulator;

    TestDevice device;

    String thing;

    String prefix;

    @BeforeAll
    static void startEmulator() {
        emulator = AwsIotEmulator.builder().host(MOSQUITTO.broker().host()).port(MOSQUITTO.broker().tcpPort())
                .build().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void connectDevice() {
        thing = "thing-" + UUID.randomUUID();
        prefix = "$aws/things/" + thing + "/shadow";
        device = TestDevice.connect(MOSQUITTO.broker().host(), MOSQUITTO.broker().tcpPort());
        device.subscribe(prefix + "/get/accepted", prefix + "/get/rejected", prefix + "/update/accepted",
                prefix + "/update/rejected", prefix + "/update/delta", prefix + "/update/documents",
                prefix + "/delete/accepted", prefix + "/delete/rejected");
    }

    @AfterEach
    void closeDevice() {
        device.close();
    }

    @Test
    void getOfAShadowThatDoesNotExistIsRejectedWith404NamingIt() {
        JsonNode error = device.request(prefix + "/get", "{\"clientToken\":\"t-1\"}", prefix + "/get/rejected");

        assertThat(error.get("code").asInt()).isEqualTo(404);
        assertThat(error.get("message").asString()).isEqualTo("No shadow exists with name: '" + thing + "'");
        assertThat(error.get("clientToken").asString()).isEqualTo("t-1");
        assertThat(error.get("timestamp").asLong()).isCloseTo(nowSeconds(), Offset.offset(5L));
    }

    @Test
    void updateIsAcceptedWithTheRequestStateLeafMetadataVersionAndClientToken() {
        JsonNode accepted = device.request(prefix + "/update",
                "{\"state\":{\"reported\":{\"color\":\"red\",\"light\":{\"level\":3}}},\"clientToken\":\"t-2\"}",
                prefix + "/update/accepted");

        assertThat(accepted.at("/state/reported/color").asString()).isEqualTo("red");
        assertThat(accepted.at("/metadata/reported/color/timestamp").asLong()).isPositive();
        assertThat(accepted.at("/metadata/reported/light/level/timestamp").asLong()).isPositive();
        assertThat(accepted.get("version").asLong()).isEqualTo(1);
        assertThat(accepted.get("clientToken").asString()).isEqualTo("t-2");

        JsonNode second = device.request(prefix + "/update", "{\"state\":{\"reported\":{\"color\":\"blue\"}}}",
                prefix + "/update/accepted");
        assertThat(second.get("version").asLong()).isEqualTo(2);
        assertThat(second.has("clientToken")).isFalse();
    }

    @Test
    void getReturnsDesiredReportedTheirDeltaMetadataAndVersion() {
        device.request(prefix + "/update", "{\"state\":{\"reported\":{\"color\":\"red\",\"light\":{\"level\":3,\"on\":true}}}}",
                prefix + "/update/accepted");
        device.request(prefix + "/update", "{\"state\":{\"desired\":{\"color\":\"green\",\"light\":{\"level\":3,\"on\":false}}}}",
                prefix + "/update/accepted");

        JsonNode shadow = device.request(prefix + "/get", "{\"clientToken\":\"t-3\"}", prefix + "/get/accepted");

        assertThat(shadow.at("/state/desired/color").asString()).isEqualTo("green");
        assertThat(shadow.at("/state/reported/color").asString()).isEqualTo("red");
        assertThat(shadow.at("/state/delta").toString()).isEqualTo("{\"color\":\"green\",\"light\":{\"on\":false}}");
        assertThat(shadow.at("/metadata/desired/light/on/timestamp").asLong()).isPositive();
        assertThat(shadow.at("/metadata/reported/light/level/timestamp").asLong()).isPositive();
        assertThat(shadow.get("version").asLong()).isEqualTo(2);
        assertThat(shadow.get("clientToken").asString()).isEqualTo("t-3");
        assertThat(emulator.shadows().document(thing, null)).hasValueSatisfying(
                (json) -> assertThat(json).contains("\"delta\":{\"color\":\"green\""));
    }

    @Test
    void anEmptyGetPayloadIsAccepted() {
        device.request(prefix + "/update", "{\"state\":{\"reported\":{\"on\":true}}}", prefix + "/update/accepted");

        JsonNode shadow = device.request(prefix + "/get", "", prefix + "/get/accepted");

        assertThat(shadow.at("/state/reported/on").asBoolean()).isTrue();
        assertThat(shadow.has("clientToken")).isFalse();
    }

    @Test
    void settingDesiredPublishesTheDeltaAndPreviousAndCurrentDocuments() {
        device.request(prefix + "/update", "{\"state\":{\"reported\":{\"color\":\"red\"}}}", prefix + "/update/accepted");
        JsonNode firstDocuments = device.await(prefix + "/update/documents");
        assertThat(firstDocuments.has("previous")).isFalse();
        assertThat(firstDocuments.at("/current/state/reported/color").asString()).isEqualTo("red");

        device.publish(prefix + "/update", "{\"state\":{\"desired\":{\"color\":\"green\"}},\"clientToken\":\"t-4\"}");

        JsonNode delta = device.await(prefix + "/update/delta");
        assertThat(delta.get("state").toString()).isEqualTo("{\"color\":\"green\"}");
        assertThat(delta.at("/metadata/color/timestamp").asLong()).isPositive();
        assertThat(delta.get("version").asLong()).isEqualTo(2);
        assertThat(delta.get("clientToken").asString()).isEqualTo("t-4");
        JsonNode documents = device.await(prefix + "/update/documents");
        assertThat(documents.at("/previous/version").asLong()).isEqualTo(1);
        assertThat(documents.at("/previous/state").toString()).isEqualTo("{\"reported\":{\"color\":\"red\"}}");
        assertThat(documents.at("/current/version").asLong()).isEqualTo(2);
        assertThat(documents.at("/current/state/desired/color").asString()).isEqualTo("green");
        assertThat(documents.get("clientToken").asString()).isEqualTo("t-4");
    }

    @Test
    void noDeltaIsPublishedWhenReportedAlreadyMatchesDesired() throws InterruptedException {
        device.request(prefix + "/update", "{\"state\":{\"reported\":{\"color\":\"red\"}}}", prefix + "/update/accepted");

        device.request(prefix + "/update", "{\"state\":{\"desired\":{\"color\":\"red\"}}}", prefix + "/update/accepted");

        device.assertNothingOn(prefix + "/update/delta", Duration.ofMillis(300));
    }

    @Test
    void aNullValueDeletesItsKeyAndANullDesiredSectionClearsIt() {
        device.request(prefix + "/update", "{\"state\":{\"desired\":{\"a\":1,\"b\":{\"c\":2}},\"reported\":{\"a\":1}}}",
                prefix + "/update/accepted");

        device.request(prefix + "/update", "{\"state\":{\"desired\":{\"a\":null,\"b\":{\"c\":null}}}}",
                prefix + "/update/accepted");
        JsonNode afterNulls = device.request(prefix + "/get", "{}", prefix + "/get/accepted");
        assertThat(afterNulls.at("/state/desired").toString()).isEqualTo("{}");
        assertThat(afterNulls.at("/state/reported/a").asInt()).isEqualTo(1);
        assertThat(afterNulls.at("/state").has("delta")).isFalse();

        device.request(prefix + "/update", "{\"state\":{\"desired\":{\"x\":1}}}", prefix + "/update/accepted");
        device.request(prefix + "/update", "{\"state\":{\"desired\":null}}", prefix + "/update/accepted");
        JsonNode cleared = device.request(prefix + "/get", "{}", prefix + "/get/accepted");
        assertThat(cleared.get("state").has("desired")).isFalse();
        assertThat(cleared.get("metadata").has("desired")).isFalse();
        assertThat(cleared.get("version").asLong()).isEqualTo(4);
    }

    @Test
    void anUpdateNamingAnotherVersionIsRejectedWith409AndChangesNothing() {
        device.request(prefix + "/update", "{\"state\":{\"reported\":{\"v\":1}}}", prefix + "/update/accepted");

        JsonNode error = device.request(prefix + "/update",
                "{\"state\":{\"reported\":{\"v\":2}},\"version\":7,\"clientToken\":\"t-5\"}", prefix + "/update/rejected");

        assertThat(error.get("code").asInt()).isEqualTo(409);
        assertThat(error.get("message").asString()).isEqualTo("Version conflict");
        assertThat(error.get("clientToken").asString()).isEqualTo("t-5");
        JsonNode accepted = device.request(prefix + "/update", "{\"state\":{\"reported\":{\"v\":3}},\"version\":1}",
                prefix + "/update/accepted");
        assertThat(accepted.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void deleteRemovesTheShadowAndTheNextUpdateContinuesItsVersion() {
        device.request(prefix + "/update", "{\"state\":{\"reported\":{\"v\":1}}}", prefix + "/update/accepted");
        device.request(prefix + "/update", "{\"state\":{\"reported\":{\"v\":2}}}", prefix + "/update/accepted");

        JsonNode deleted = device.request(prefix + "/delete", "{\"clientToken\":\"t-6\"}", prefix + "/delete/accepted");

        assertThat(deleted.get("version").asLong()).isEqualTo(2);
        assertThat(deleted.get("clientToken").asString()).isEqualTo("t-6");
        JsonNode missing = device.request(prefix + "/get", "{}", prefix + "/get/rejected");
        assertThat(missing.get("code").asInt()).isEqualTo(404);
        JsonNode deleteAgain = device.request(prefix + "/delete", "{}", prefix + "/delete/rejected");
        assertThat(deleteAgain.get("code").asInt()).isEqualTo(404);
        JsonNode recreated = device.request(prefix + "/update", "{\"state\":{\"reported\":{\"v\":3}}}",
                prefix + "/update/accepted");
        assertThat(recreated.get("version").asLong()).isEqualTo(3);
    }

    @Test
    void namedShadowsAreSeparateFromTheClassicShadowAndFromEachOther() {
        String named = prefix + "/name/config";
        device.subscribe(named + "/get/accepted", named + "/get/rejected", named + "/update/accepted",
                named + "/update/delta", named + "/delete/accepted");

        JsonNode missing = device.request(named + "/get", "{}", named + "/get/rejected");
        assertThat(missing.get("message").asString()).isEqualTo("No shadow exists with name: 'config'");
        device.request(named + "/update", "{\"state\":{\"desired\":{\"mode\":\"eco\"}}}", named + "/update/accepted");
        JsonNode delta = device.await(named + "/update/delta");
        assertThat(delta.get("state").toString()).isEqualTo("{\"mode\":\"eco\"}");

        assertThat(device.request(prefix + "/get", "{}", prefix + "/get/rejected").get("code").asInt()).isEqualTo(404);
        assertThat(device.request(named + "/get", "{}", named + "/get/accepted").at("/state/desired/mode").asString())
                .isEqualTo("eco");
        assertThat(emulator.shadows().document(thing, "config")).isPresent();
        assertThat(emulator.shadows().document(thing, "other")).isEmpty();
        assertThat(device.request(named + "/delete", "{}", named + "/delete/accepted").get("version").asLong())
                .isEqualTo(1);
    }

    @Test
    void aDesiredStateSetFromTheCloudSideReachesTheDeviceAsADelta() {
        emulator.shadows().updateDesired(thing, null, "{\"fan\":\"high\"}");

        JsonNode delta = device.await(prefix + "/update/delta");
        assertThat(delta.get("state").toString()).isEqualTo("{\"fan\":\"high\"}");
        assertThat(device.await(prefix + "/update/accepted").at("/state/desired/fan").asString()).isEqualTo("high");
    }

    @Test
    void responsesUseTheQosOfTheRequest() throws InterruptedException {
        device.publish(prefix + "/get", "{}");

        assertThat(device.awaitPacket(prefix + "/get/rejected").qos()).isEqualTo(QoS.AT_LEAST_ONCE);
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
