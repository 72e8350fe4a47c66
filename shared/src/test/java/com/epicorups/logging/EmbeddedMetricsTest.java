package com.epicorups.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmbeddedMetricsTest {
    private final List<String> lines = new ArrayList<>();
    private LogConfig previous;

    @BeforeEach
    void capture() {
        previous = JsonLogger.configure(new LogConfig(LogLevel.ERROR, "epicor-ups-connector-prod", lines::add,
                Clock.fixed(Instant.ofEpochMilli(1_795_788_300_000L), ZoneOffset.UTC)));
    }

    @AfterEach
    void restore() {
        JsonLogger.configure(previous);
    }

    @Test
    void writesAnEmbeddedMetricFormatLineTheTemplateAlarmWatches() throws Exception {
        EmbeddedMetrics.count(EmbeddedMetrics.UPS_TOKEN_REQUESTS, 1);

        assertThat(lines).hasSize(1);
        JsonNode line = Json.mapper().readTree(lines.get(0));
        JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(1_795_788_300_000L);
        assertThat(directive.path("Namespace").asText()).isEqualTo("EpicorUpsConnector");
        assertThat(directive.path("Dimensions").get(0).get(0).asText()).isEqualTo("service");
        assertThat(directive.path("Metrics").get(0).path("Name").asText()).isEqualTo("UpsTokenRequests");
        assertThat(directive.path("Metrics").get(0).path("Unit").asText()).isEqualTo("Count");
        assertThat(line.path("service").asText()).isEqualTo("epicor-ups-connector-prod");
        assertThat(line.path("UpsTokenRequests").asLong()).isEqualTo(1);
    }

    @Test
    void rejectsNamesCloudWatchWouldNotAccept() {
        assertThatThrownBy(() -> EmbeddedMetrics.count("ups token requests", 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
