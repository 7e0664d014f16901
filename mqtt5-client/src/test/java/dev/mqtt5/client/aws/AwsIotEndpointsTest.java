package dev.mqtt5.client.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mqtt5.client.Mqtt5ClientOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The region read from an IoT Core endpoint, and SigV4 signing with it when none is given. */
class AwsIotEndpointsTest {

    @ParameterizedTest
    @CsvSource({
        "a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com, eu-west-1",
        "A1B2C3-ATS.IOT.US-EAST-1.AMAZONAWS.COM, us-east-1",
        "a1b2c3.iot.ap-southeast-2.amazonaws.com, ap-southeast-2",
        "data.iot-fips.us-gov-west-1.amazonaws.com, us-gov-west-1",
        "a1b2c3-ats.iot.cn-north-1.amazonaws.com.cn, cn-north-1",
        "a1b2c3-ats.iot.il-central-1.amazonaws.com., il-central-1",
    })
    void readsTheRegionOfAnIotCoreEndpoint(String endpoint, String region) {
        assertThat(AwsIotEndpoints.region(endpoint)).contains(region);
    }

    @ParameterizedTest
    @CsvSource({"localhost", "mqtt.example.com", "127.0.0.1", "iot.example.amazonaws.com.evil.net",
        "vpce-0123.data.iot.eu-west-1.vpce.amazonaws.com"})
    void findsNoRegionInOtherHostNames(String endpoint) {
        assertThat(AwsIotEndpoints.region(endpoint)).isEmpty();
    }

    @Test
    void sigV4WithoutRegionSignsForTheEndpointsRegion() {
        Mqtt5ClientOptions options = AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning(
                "a1b2c3-ats.iot.eu-central-1.amazonaws.com", null).buildOptions();
        assertThat(options.webSocket().handshakeTransformer().orElseThrow())
                .isInstanceOfSatisfying(SigV4HandshakeSigner.class, s -> assertThat(s.region()).isEqualTo("eu-central-1"));
        Mqtt5ClientOptions explicit = AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning(
                "a1b2c3-ats.iot.eu-central-1.amazonaws.com", "us-west-2").buildOptions();
        assertThat(explicit.webSocket().handshakeTransformer().orElseThrow())
                .isInstanceOfSatisfying(SigV4HandshakeSigner.class, s -> assertThat(s.region()).isEqualTo("us-west-2"));
    }

    @Test
    void sigV4WithoutRegionOnAnotherHostNameSaysWhatToSet() {
        assertThatThrownBy(() -> AwsIotMqtt5ClientBuilder.websocketsWithDefaultAwsSigning("mqtt.example.com", null))
                .hasMessageContaining("sigv4 region is not set").hasMessageContaining("mqtt.example.com")
                .hasMessageContaining("us-east-1");
    }
}
