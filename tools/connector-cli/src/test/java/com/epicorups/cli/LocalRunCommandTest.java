package com.epicorups.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code connector local-run --epicor-data FILE --report FILE}: the command line, a custom dataset, the report. */
class LocalRunCommandTest {
    @TempDir
    Path dir;

    @Test
    void customDatasetRunsThroughTheCommandAndWritesTheReport() throws Exception {
        Path dataset = Path.of(getClass().getResource("/local-run/small-dataset.json").toURI());
        Path reportFile = dir.resolve("report.json");
        StringWriter out = new StringWriter();
        CommandLine cli = ConnectorCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));

        int exit = cli.execute("local-run", "--epicor-data", dataset.toString(), "--output", dir.toString(),
                "--report", reportFile.toString(), "--retry-wait-seconds", "5");

        String printed = out.toString();
        assertThat(exit).as(printed).isZero();
        assertThat(printed).contains("poll: 6 releases seen").contains("releases seen").contains("UPS token requests")
                .contains("DLQ shipment-requests-dlq").contains("elapsed");
        assertThat(Files.readString(dir.resolve("connector.log"))).contains("\"message\":\"poll_cycle_done\"");

        JsonNode report = Json.mapper().readTree(reportFile.toFile());
        JsonNode counts = report.path("counts");
        assertThat(counts.path("releasesSeen").asInt()).isEqualTo(6);
        assertThat(counts.path("shipped").asInt()).isEqualTo(3);
        assertThat(counts.path("skippedByReason").path("ZERO_QUANTITY").asInt()).isEqualTo(1);
        assertThat(counts.path("failedByReason").path("NO_WEIGHT").asInt()).isEqualTo(1);
        assertThat(counts.path("failedByReason").path("INVALID_COUNTRY_CODE").asInt()).isEqualTo(1);
        assertThat(counts.path("upsTokenRequests").asInt()).isEqualTo(1);
        assertThat(counts.path("upsCallsByOperation").path("SHIP").asInt()).isEqualTo(3);
        assertThat(counts.path("epicorCalls").asInt()).isPositive();
        assertThat(report.path("dlqDepths").path("shipment-requests-dlq").asInt()).as("INVALID_COUNTRY_CODE and NO_WEIGHT").isEqualTo(2);
        assertThat(report.path("elapsedMillis").asLong()).isPositive();

        Map<String, JsonNode> releases = new HashMap<>();
        report.path("releases").forEach(r -> releases.put(r.path("key").asText(), r));
        assertThat(releases).containsOnlyKeys("EPIC06#5001#1#1", "EPIC06#5001#2#1", "EPIC06#5001#3#1",
                "EPIC06#5008#1#1", "EPIC06#5008#1#2", "EPIC06#5020#1#1");
        JsonNode shipped = releases.get("EPIC06#5001#2#1");
        assertThat(shipped.path("outcome").asText()).isEqualTo("SHIPPED");
        String trackingNumber = shipped.path("trackingNumbers").get(0).asText();
        assertThat(trackingNumber).startsWith("1Z");
        JsonNode request = shipped.path("shipmentRequest").path("ShipmentRequest").path("Shipment");
        assertThat(request.path("Shipper").path("ShipperNumber").asText()).isEqualTo("CH1A2B");
        assertThat(request.path("Package").get(0).path("ReferenceNumber").get(0).path("Value").asText())
                .isEqualTo("5001-2-1");
        assertThat(shipped.path("epicorFields").path("TrackingNumber_c").asText()).isEqualTo(trackingNumber);
        assertThat(releases.get("EPIC06#5008#1#1").path("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(releases.get("EPIC06#5008#1#1").path("reasonCode").asText()).isEqualTo("ZERO_QUANTITY");
        assertThat(releases.get("EPIC06#5020#1#1").path("outcome").asText()).isEqualTo("FAILED");
        assertThat(releases.get("EPIC06#5020#1#1").path("shipmentRequest").isMissingNode()
                || releases.get("EPIC06#5020#1#1").path("shipmentRequest").isNull()).isTrue();
        assertThat(report.path("excludedByFilter").isArray()).isTrue();

        try (var labels = Files.walk(dir.resolve("labels"))) {
            assertThat(labels.filter(p -> p.toString().endsWith(".zpl")).count()).isEqualTo(3);
        }
    }

    @Test
    void epicorDataAndConfigAreExclusiveAndAMissingConfigFails() throws URISyntaxException {
        StringWriter out = new StringWriter();
        CommandLine cli = ConnectorCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        assertThat(cli.execute("local-run", "--output", dir.toString(), "--config", dir.resolve("nope.json").toString()))
                .isEqualTo(1);
        assertThat(out.toString()).contains("cannot read config");
    }
}
