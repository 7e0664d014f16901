package dev.mqtt5.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.mqtt5.client.config.FlowControlOptions;
import dev.mqtt5.client.config.TlsOptions;
import dev.mqtt5.client.config.WebSocketOptions;
import dev.mqtt5.client.packet.ConnectPacket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata an IDE shows: every property with a default has it, and the
 * documented defaults are the ones the client applies.
 */
class Mqtt5ConfigurationMetadataTests {

    /**
     * Properties without a default value: unset unless the user sets them (names, credentials,
     * files), or with a default that depends on the connection method (port, keep-alive, TLS,
     * flow control, session behaviour: their descriptions say how).
     */
    private static final Set<String> UNSET_OR_DEPENDING_ON_THE_METHOD = Set.of(
            // set by the user, or nothing
            "aws.iot.mqtt5.endpoint", "aws.iot.mqtt5.username", "aws.iot.mqtt5.password",
            "aws.iot.mqtt5.user-properties", "aws.iot.mqtt5.listener.error-handler.dead-letter-topic",
            "aws.iot.mqtt5.template.user-property-headers",
            "aws.iot.mqtt5.will.topic", "aws.iot.mqtt5.will.payload", "aws.iot.mqtt5.will.content-type",
            "aws.iot.mqtt5.will.delay", "aws.iot.mqtt5.will.message-expiry",
            "aws.iot.mqtt5.tls.alpn", "aws.iot.mqtt5.tls.bundle", "aws.iot.mqtt5.tls.ca",
            "aws.iot.mqtt5.tls.client-certificate", "aws.iot.mqtt5.tls.client-private-key",
            "aws.iot.mqtt5.tls.server-name",
            "aws.iot.mqtt5.proxy.host", "aws.iot.mqtt5.proxy.port", "aws.iot.mqtt5.proxy.username",
            "aws.iot.mqtt5.proxy.password", "aws.iot.mqtt5.proxy.ca",
            "aws.iot.mqtt5.mtls.bundle", "aws.iot.mqtt5.mtls.certificate", "aws.iot.mqtt5.mtls.private-key",
            "aws.iot.mqtt5.mtls.password",
            "aws.iot.mqtt5.pkcs11.library", "aws.iot.mqtt5.pkcs11.user-pin", "aws.iot.mqtt5.pkcs11.slot-id",
            "aws.iot.mqtt5.pkcs11.token-label", "aws.iot.mqtt5.pkcs11.private-key-label",
            "aws.iot.mqtt5.pkcs11.certificate",
            "aws.iot.mqtt5.pkcs12.path", "aws.iot.mqtt5.pkcs12.password",
            "aws.iot.mqtt5.java-keystore.path", "aws.iot.mqtt5.java-keystore.password",
            "aws.iot.mqtt5.java-keystore.alias", "aws.iot.mqtt5.java-keystore.key-password",
            "aws.iot.mqtt5.provisioning.template-name", "aws.iot.mqtt5.provisioning.parameters",
            "aws.iot.mqtt5.provisioning.directory", "aws.iot.mqtt5.provisioning.claim-certificate",
            "aws.iot.mqtt5.provisioning.claim-private-key", "aws.iot.mqtt5.iot.thing-name", "aws.iot.mqtt5.iot.shadow-names",
            "aws.iot.mqtt5.sigv4.region",
            "aws.iot.mqtt5.cognito.identity-id", "aws.iot.mqtt5.cognito.region", "aws.iot.mqtt5.cognito.logins",
            "aws.iot.mqtt5.custom-authorizer.name", "aws.iot.mqtt5.custom-authorizer.username",
            "aws.iot.mqtt5.custom-authorizer.password", "aws.iot.mqtt5.custom-authorizer.signature",
            "aws.iot.mqtt5.custom-authorizer.token-key-name", "aws.iot.mqtt5.custom-authorizer.token-value",
            // depend on the method or other properties
            "aws.iot.mqtt5.client-id", "aws.iot.mqtt5.port", "aws.iot.mqtt5.keep-alive",
            "aws.iot.mqtt5.tls.enabled", "aws.iot.mqtt5.flow-control.enabled", "aws.iot.mqtt5.session-behavior");

    @Test
    void everyPropertyWithADefaultShowsItAndEveryOneHasADescription() throws IOException {
        Set<String> withoutDefault = new TreeSet<>();
        Set<String> withoutDescription = new TreeSet<>();
        for (JsonNode property : metadata()) {
            String name = property.get("name").asString();
            if (!property.has("defaultValue") && name.startsWith("aws.iot.mqtt5.")) {
                withoutDefault.add(name);
            }
            if (!property.has("description") || property.get("description").asString().isBlank()) {
                withoutDescription.add(name);
            }
        }
        assertThat(withoutDefault).as("properties without a default in the metadata: give the field an initial"
                + " value or a defaultValue in additional-spring-configuration-metadata.json, or list it here if it"
                + " truly has none").isSubsetOf(UNSET_OR_DEPENDING_ON_THE_METHOD);
        assertThat(withoutDescription).as("properties without a description (javadoc on the field)").isEmpty();
    }

    @Test
    void theDocumentedDefaultsAreTheClients() throws IOException {
        Map<String, String> defaults = new TreeMap<>();
        for (JsonNode property : metadata()) {
            if (property.has("defaultValue")) {
                defaults.put(property.get("name").asString(), property.get("defaultValue").asString());
            }
        }
        ConnectPacket connect = ConnectPacket.builder().build();
        assertThat(duration(defaults.get("aws.iot.mqtt5.session-expiry")))
            .isEqualTo(connect.sessionExpiryInterval() == null ? Duration.ZERO : connect.sessionExpiryInterval());
        assertThat(Integer.valueOf(defaults.get("aws.iot.mqtt5.receive-maximum")))
            .isEqualTo(connect.receiveMaximum() == null ? 65_535 : connect.receiveMaximum());
        assertThat(Integer.valueOf(defaults.get("aws.iot.mqtt5.topic-aliasing.inbound-maximum")))
            .isEqualTo(connect.topicAliasMaximum() == null ? 0 : connect.topicAliasMaximum());
        assertThat(duration(defaults.get("aws.iot.mqtt5.tls.handshake-timeout")))
            .isEqualTo(TlsOptions.DEFAULT_HANDSHAKE_TIMEOUT);
        assertThat(duration(defaults.get("aws.iot.mqtt5.websocket.handshake-timeout")))
            .isEqualTo(WebSocketOptions.DEFAULT_HANDSHAKE_TIMEOUT);
        assertThat(Integer.valueOf(defaults.get("aws.iot.mqtt5.flow-control.publishes-per-second")))
            .isEqualTo(FlowControlOptions.iotCore().publishesPerSecond());
        assertThat(Integer.valueOf(defaults.get("aws.iot.mqtt5.flow-control.bytes-per-second")))
            .isEqualTo(FlowControlOptions.iotCore().bytesPerSecond());
    }

    private static Duration duration(String value) {
        return DurationStyle.detectAndParse(value);
    }

    private JsonNode metadata() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            return new ObjectMapper().readTree(in).get("properties");
        }
    }
}
