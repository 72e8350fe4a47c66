package com.epicorups.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {
    @Test
    void everyKeyIsOptional() {
        PipelineSettings s = PipelineSettings.fromConnectorSettings("{\"epicor\":{\"pageSize\":100}}");
        assertThat(s).isEqualTo(PipelineSettings.defaults());
        assertThat(s.claimLease()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.batchConcurrency()).isEqualTo(5);
        assertThat(s.renewalWindow()).isEqualTo(Duration.ofDays(2));
        assertThat(PipelineSettings.fromConnectorSettings(null)).isEqualTo(PipelineSettings.defaults());
    }

    @Test
    void readsThePipelineObject() {
        PipelineSettings s = PipelineSettings.fromConnectorSettings(
                "{\"pipeline\":{\"claimLeaseSeconds\":300,\"batchConcurrency\":8,\"renewalWindowHours\":72,"
                        + "\"retryBaseSeconds\":10,\"retryMaxSeconds\":600,\"maxRenewalsPerRun\":200}}");
        assertThat(s.claimLease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.batchConcurrency()).isEqualTo(8);
        assertThat(s.renewalWindow()).isEqualTo(Duration.ofHours(72));
        assertThat(s.retryBase()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.retryMax()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.maxRenewalsPerRun()).isEqualTo(200);
    }

    @Test
    void rejectsWrongValuesWithTheKeyInTheMessage() {
        assertThatThrownBy(() -> PipelineSettings.fromConnectorSettings("{\"pipeline\":{\"batchConcurrency\":0}}"))
                .hasMessageContaining("pipeline.batchConcurrency").hasMessageContaining("between 1 and 50");
        assertThatThrownBy(() -> PipelineSettings.fromConnectorSettings("{\"pipeline\":{\"claimLeaseSeconds\":\"x\"}}"))
                .hasMessageContaining("pipeline.claimLeaseSeconds must be a whole number");
        // A lease shorter than the creator's Lambda timeout could lapse during a ship call: refused.
        assertThatThrownBy(() -> PipelineSettings.fromConnectorSettings("{\"pipeline\":{\"claimLeaseSeconds\":60}}"))
                .hasMessageContaining("pipeline.claimLeaseSeconds").hasMessageContaining("240");
        assertThatThrownBy(() -> PipelineSettings.fromConnectorSettings("{\"pipeline\":{\"claimLease\":60}}"))
                .hasMessageContaining("unknown keys [claimLease]");
        assertThatThrownBy(() -> PipelineSettings.fromConnectorSettings("{\"pipeline\":[]}"))
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> PipelineSettings.fromConnectorSettings("{nope"))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> PipelineSettings.fromConnectorSettings(
                "{\"pipeline\":{\"retryBaseSeconds\":100,\"retryMaxSeconds\":50}}"))
                .hasMessageContaining("pipeline.retryMaxSeconds");
    }
}
