package dev.mqtt5.aws.iot.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Updates the Jobs service would reject are refused before sending, naming the field. */
class JobExecutionUpdateTest {

    @Test
    void aStepTimeoutOutsideOneMinuteToSevenDaysIsRefused() {
        assertThatThrownBy(() -> JobExecutionUpdate.builder("j", JobStatus.IN_PROGRESS)
                .stepTimeout(Duration.ofSeconds(30)).build()).hasMessageContaining("stepTimeout");
        assertThatThrownBy(() -> JobExecutionUpdate.builder("j", JobStatus.IN_PROGRESS)
                .stepTimeout(Duration.ofDays(8)).build()).hasMessageContaining("stepTimeout");
        assertThat(JobExecutionUpdate.builder("j", JobStatus.IN_PROGRESS).stepTimeout(Duration.ofDays(7)).build()
                .stepTimeout()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aClientTokenLongerThan64BytesIsRefused() {
        assertThatThrownBy(() -> JobExecutionUpdate.builder("j", JobStatus.SUCCEEDED).clientToken("x".repeat(65))
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientToken");
        assertThat(JobExecutionUpdate.builder("j", JobStatus.SUCCEEDED).clientToken("x".repeat(64)).build()
                .clientToken()).hasSize(64);
    }

    @Test
    void anUnknownStatusIsRefusedAndUnknownWireValuesDecodeAsUnknown() {
        assertThatThrownBy(() -> JobExecutionUpdate.builder("j", JobStatus.UNKNOWN).build())
                .hasMessageContaining("status");
        assertThat(JobStatus.of("PAUSED")).isEqualTo(JobStatus.UNKNOWN);
        assertThat(JobsErrorCode.of("VersionMismatch")).isEqualTo(JobsErrorCode.VERSION_MISMATCH);
        assertThat(JobsErrorCode.of("")).isEqualTo(JobsErrorCode.UNKNOWN);
    }
}
