package com.epicorups.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.config.ConnectorSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {
    private static PipelineSettings pipeline(String connectorSettings) {
        return ConnectorSettings.parse(connectorSettings).pipeline();
    }

    @Test
    void everyKeyIsOptional() {
        PipelineSettings s = pipeline("{\"epicor\":{\"pageSize\":100}}");
        assertThat(s).isEqualTo(PipelineSettings.defaults());
        assertThat(s.claimLease()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.batchConcurrency()).isEqualTo(5);
        assertThat(s.renewalWindow()).isEqualTo(Duration.ofDays(2));
        assertThat(pipeline(null)).isEqualTo(PipelineSettings.defaults());
    }

    @Test
    void readsThePipelineObject() {
        PipelineSettings s = pipeline(
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
        assertThatThrownBy(() -> pipeline("{\"pipeline\":{\"batchConcurrency\":0}}"))
                .hasMessageContaining("pipeline.batchConcurrency").hasMessageContaining("between 1 and 50");
        assertThatThrownBy(() -> pipeline("{\"pipeline\":{\"claimLeaseSeconds\":\"x\"}}"))
                .hasMessageContaining("pipeline.claimLeaseSeconds must be a whole number");
        // A lease shorter than the creator's Lambda timeout could lapse during a ship call: refused.
        assertThatThrownBy(() -> pipeline("{\"pipeline\":{\"claimLeaseSeconds\":60}}"))
                .hasMessageContaining("pipeline.claimLeaseSeconds").hasMessageContaining("240");
        assertThatThrownBy(() -> pipeline("{\"pipeline\":{\"claimLease\":60}}"))
                .hasMessageContaining("unknown key \"pipeline.claimLease\": did you mean \"claimLeaseSeconds\"?");
        assertThatThrownBy(() -> pipeline("{\"pipeline\":[]}"))
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> pipeline("{nope"))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> pipeline(
                "{\"pipeline\":{\"retryBaseSeconds\":100,\"retryMaxSeconds\":50}}"))
                .hasMessageContaining("pipeline.retryMaxSeconds");
    }
}
