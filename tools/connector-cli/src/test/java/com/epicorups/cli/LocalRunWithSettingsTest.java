package com.epicorups.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code connector local-run --epicor-data FILE --settings FILE}: the user's own CONNECTOR_SETTINGS with the
 * sandboxes (their warehouse's account ships, their service map chooses the service, their write-back mapping
 * decides the columns), and a settings file with a misspelt key stops the run before it starts.
 */
class LocalRunWithSettingsTest {
    /** One Chicago warehouse under another account than the built-in settings', 2nd Day Air for UPSG, no status column. */
    private static final String SETTINGS = """
            {"epicor": {"writeBack": {"fields": {"status": null}}},
             "ups": {"warehouses": {"CHI": {"shipperName": "Lakeshore Industrial Supply", "accountNumber": "LK7M3Q",
                                            "phone": "312-555-0142",
                                            "address": {"lines": ["1200 W 35th St"], "city": "Chicago",
                                                        "stateProvince": "IL", "postalCode": "60609",
                                                        "countryCode": "US"}}},
                     "serviceMap": {"UPSG": "02"},
                     "labelFormat": "GIF"},
             "pipeline": {"claimLeaseSeconds": 300}}
            """;

    @TempDir
    Path dir;

    @Test
    void theUsersSettingsRunWithTheSandboxes() throws Exception {
        Path dataset = Path.of(getClass().getResource("/local-run/small-dataset.json").toURI());
        Path settings = Files.writeString(dir.resolve("connector-settings.json"), SETTINGS);
        Path reportFile = dir.resolve("report.json");
        StringWriter out = new StringWriter();

        int exit = cli(out).execute("local-run", "--epicor-data", dataset.toString(), "--settings", settings.toString(),
                "--output", dir.toString(), "--report", reportFile.toString(), "--retry-wait-seconds", "5");

        assertThat(exit).as(out.toString()).isZero();
        JsonNode report = Json.mapper().readTree(reportFile.toFile());
        assertThat(report.path("counts").path("shipped").asInt()).isEqualTo(3);
        Map<String, JsonNode> releases = new HashMap<>();
        report.path("releases").forEach(r -> releases.put(r.path("key").asText(), r));
        JsonNode shipped = releases.get("EPIC06#5001#2#1");
        assertThat(shipped.path("outcome").asText()).isEqualTo("SHIPPED");
        JsonNode shipment = shipped.path("shipmentRequest").path("ShipmentRequest").path("Shipment");
        assertThat(shipment.path("Shipper").path("ShipperNumber").asText()).as("the user's account, known to the UPS sandbox")
                .isEqualTo("LK7M3Q");
        assertThat(shipment.path("Shipper").path("Name").asText()).isEqualTo("Lakeshore Industrial Supply");
        assertThat(shipment.path("Service").path("Code").asText()).as("the user's service map").isEqualTo("02");
        assertThat(shipped.path("epicorFields").has("TrackingNumber_c")).isTrue();
        assertThat(shipped.path("epicorFields").has("UPSStatus_c")).as("the user's write-back turns status off").isFalse();
        try (var labels = Files.walk(dir.resolve("labels"))) {
            assertThat(labels.filter(p -> p.toString().endsWith(".gif")).count()).isEqualTo(3);
        }
    }

    @Test
    void aMisspeltKeyExitsWithAConfigurationErrorNamingItBeforeAnythingStarts() throws Exception {
        Path dataset = Path.of(getClass().getResource("/local-run/small-dataset.json").toURI());
        Path settings = Files.writeString(dir.resolve("connector-settings.json"),
                SETTINGS.replace("\"labelFormat\": \"GIF\"", "\"labelFormat\": \"GIF\", \"groupReleasesByOrdr\": true"));
        StringWriter out = new StringWriter();

        int exit = cli(out).execute("local-run", "--epicor-data", dataset.toString(), "--settings", settings.toString(),
                "--output", dir.toString());

        assertThat(exit).isEqualTo(ConnectorCli.INVALID_CONFIGURATION).isNotZero();
        assertThat(out.toString())
                .contains("CONNECTOR_SETTINGS has an unknown key \"ups.groupReleasesByOrdr\": did you mean \"groupReleasesByOrder\"?")
                .doesNotContain("local-run: starting");
        assertThat(dir.resolve("labels")).doesNotExist();
    }

    @Test
    void everyProblemOfTheFileIsNamedAtOnce() throws Exception {
        Path settings = Files.writeString(dir.resolve("connector-settings.json"),
                "{\"ups\": {\"warehouses\": {\"CHI\": {\"acountNumber\": \"LK7M3Q\"}}}, \"pipeline\": {\"batchConcurrency\": 99}}");
        StringWriter out = new StringWriter();

        int exit = cli(out).execute("local-run", "--settings", settings.toString(), "--output", dir.toString());

        assertThat(exit).isEqualTo(ConnectorCli.INVALID_CONFIGURATION);
        assertThat(out.toString())
                .contains("CONNECTOR_SETTINGS has an unknown key \"ups.warehouses.CHI.acountNumber\": did you mean \"accountNumber\"?")
                .contains("ups.warehouses.CHI.accountNumber is missing")
                .contains("ups.warehouses.CHI.address is missing")
                .contains("CONNECTOR_SETTINGS.pipeline.batchConcurrency must be between 1 and 50, got 99");
    }

    @Test
    void settingsAndConfigAreExclusiveAndAMissingFileFails() {
        StringWriter out = new StringWriter();
        assertThat(cli(out).execute("local-run", "--output", dir.toString(), "--settings",
                dir.resolve("nope.json").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("cannot read settings");

        StringWriter both = new StringWriter();
        assertThat(cli(both).execute("local-run", "--output", dir.toString(), "--settings", "a.json", "--config",
                "b.json")).isEqualTo(1);
        assertThat(both.toString()).contains("--settings").contains("--config");
    }

    private static CommandLine cli(StringWriter out) {
        CommandLine cli = ConnectorCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli;
    }
}
