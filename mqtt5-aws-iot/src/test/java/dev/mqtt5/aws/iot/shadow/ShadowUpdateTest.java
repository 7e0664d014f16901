package dev.mqtt5.aws.iot.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an update document looks like on the wire, and the updates that are refused before sending. */
class ShadowUpdateTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    record Fan(Integer speed) {
    }

    @Test
    void anUpdateWithoutDesiredOrReportedIsRefused() {
        assertThatThrownBy(() -> ShadowUpdate.builder().version(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("desired or a reported");
    }

    @Test
    void aClientTokenLongerThan64BytesIsRefused() {
        assertThatThrownBy(() -> ShadowUpdate.builder().reported(new Fan(1)).clientToken("é".repeat(33)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientToken")
                .hasMessageContaining("66");
        assertThat(ShadowUpdate.builder().reported(new Fan(1)).clientToken("x".repeat(64)).build().clientToken())
                .contains("x".repeat(64));
    }

    @Test
    void partsBecomeTheStateNodeAndWithVersionKeepsTheRest() {
        ShadowUpdate update = ShadowUpdate.builder().desired(new Fan(3)).clearReported().clientToken("t-1").build();

        JsonNode wire = new ShadowCodec(mapper).updateRequest(update.withVersion(12));

        assertThat(mapper.readTree(mapper.writeValueAsString(wire))).isEqualTo(mapper.readTree(
                "{\"state\":{\"desired\":{\"speed\":3},\"reported\":null},\"version\":12,\"clientToken\":\"t-1\"}"));
        assertThat(update.version()).isEmpty();
        assertThat(update.toString()).contains("reported=null");
    }

    @Test
    void unknownStatusCodesAreKeptAsSent() {
        assertThat(ShadowErrorCode.of(409)).isEqualTo(ShadowErrorCode.VERSION_CONFLICT);
        assertThat(ShadowErrorCode.of(599)).isEqualTo(ShadowErrorCode.UNKNOWN);
        assertThat(new ShadowException("get", 599, "new", null, null).statusCode()).isEqualTo(599);
    }
}
