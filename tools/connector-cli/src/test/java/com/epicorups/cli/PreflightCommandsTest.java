package com.epicorups.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.cli.local.LocalConfig;
import com.epicorups.core.Json;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.sandbox.epicor.EpicorSandbox;
import com.epicorups.sandbox.ups.UpsSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Epicor preflight on the command line: {@code connector ping} prints one line per check (OK, or FAILED with the
 * exact names and what to do) and exits 3 when one fails; {@code local-run --epicor-data FILE --settings FILE} prints
 * the checks before the run and, when one fails, buys nothing and exits 3.
 */
class PreflightCommandsTest {
    private static final List<String> UD_COLUMNS = List.of("TrackingNumber_c", "UPSStatus_c", "EstDeliveryDate_c",
            "DeliveredDate_c", "LabelLocation_c");

    @TempDir
    Path dir;

    /** The CLI tests' small dataset (it has a Countries set), changed by {@code change}, written to a file. */
    private Path dataset(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) Json.mapper().readTree(getClass().getResource("/local-run/small-dataset.json"));
        change.accept(root);
        Path file = dir.resolve("dataset-" + System.nanoTime() + ".json");
        Files.writeString(file, root.toPrettyString());
        return file;
    }

    /** The same data as a fresh tenant exports it: no UD column declared or filled. */
    private static void freshTenant(ObjectNode root) {
        root.remove("UDFields");
        root.fields().forEachRemaining(set -> set.getValue().forEach(row -> {
            if (row.isObject()) {
                List<String> ud = new ArrayList<>();
                row.fieldNames().forEachRemaining(n -> {
                    if (n.endsWith("_c")) {
                        ud.add(n);
                    }
                });
                ud.forEach(((ObjectNode) row)::remove);
            }
        }));
    }

    private static CommandLine cli(StringWriter out) {
        CommandLine cli = ConnectorCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli;
    }

    private int ping(Path data, StringWriter out) throws Exception {
        try (EpicorSandbox epicor = EpicorSandbox.builder().dataset(EpicorDataset.load(data)).apiKey("pilot-key")
                .user("svc-ups", "pilot-password").build().start();
             UpsSandbox ups = UpsSandbox.builder().client("cie-client", "cie-secret").build().start()) {
            ObjectNode config = Json.mapper().createObjectNode();
            config.putObject("epicorSecret").put("baseUrl", epicor.rootUrl()).put("company", "EPIC06")
                    .put("apiKey", "pilot-key").put("username", "svc-ups").put("password", "pilot-password");
            config.putObject("upsSecret").put("baseUrl", ups.baseUrl()).put("clientId", "cie-client")
                    .put("clientSecret", "cie-secret");
            config.putObject("webhookSecret").put("apiKey", "cie-client");
            config.set("settings", LocalConfig.defaultSettings());
            Path configFile = Files.writeString(dir.resolve("config.json"), config.toPrettyString());
            return cli(out).execute("ping", "--config", configFile.toString());
        }
    }

    @Test
    void pingPrintsEveryPreflightCheckOkForATenantSetUpForTheConnector() throws Exception {
        StringWriter out = new StringWriter();

        int exit = ping(dataset(root -> { }), out);

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("OK       Epicor release BAQ ReadyToShip")
                .contains("OK       Epicor read access").contains("OK       Epicor write-back columns on OrderRel")
                .contains("OK       Epicor write access").contains("OK       Epicor warehouses")
                .contains("OK       Epicor UPS ship vias").contains("OK       UPS token").doesNotContain("FAILED");
    }

    @Test
    void pingNamesWhatAFreshTenantLacksAndExits3() throws Exception {
        StringWriter out = new StringWriter();

        int exit = ping(dataset(root -> {
            freshTenant(root);
            root.remove("BAQs");
            ((com.fasterxml.jackson.databind.node.ArrayNode) root.path("Warehses"))
                    .removeIf(w -> w.path("WarehouseCode").asText().equals("RNO"));
        }), out);

        assertThat(exit).isEqualTo(ConnectorCli.PREFLIGHT_FAILED).isEqualTo(3);
        String text = out.toString();
        assertThat(text).contains("OK       Epicor ").as("the connection itself is fine");
        assertThat(line(text, "Epicor write-back columns on OrderRel")).startsWith("FAILED").contains(UD_COLUMNS)
                .contains("UD Column Maintenance");
        assertThat(line(text, "Epicor release BAQ ReadyToShip")).startsWith("FAILED")
                .contains("create BAQ ReadyToShip in BAQ Designer");
        assertThat(line(text, "Epicor warehouses")).startsWith("FAILED").contains("RNO").doesNotContain("CHI,");
        assertThat(line(text, "Epicor read access")).startsWith("OK");
        assertThat(line(text, "Epicor UPS ship vias")).startsWith("OK");
    }

    @Test
    void localRunWithTheUsersDataAndSettingsPrintsTheChecksFirstAndBuysNothingWhileOneFails() throws Exception {
        Path data = dataset(PreflightCommandsTest::freshTenant);
        Path settings = Files.writeString(dir.resolve("settings.json"), LocalConfig.defaultSettings().toPrettyString());
        Path report = dir.resolve("report.json");
        StringWriter out = new StringWriter();

        int exit = cli(out).execute("local-run", "--epicor-data", data.toString(), "--settings", settings.toString(),
                "--output", dir.toString(), "--report", report.toString(), "--retry-wait-seconds", "2");

        assertThat(exit).as(out.toString()).isEqualTo(3);
        String text = out.toString();
        assertThat(text.indexOf("preflight (what the connector needs from Epicor):"))
                .as("the checks come before the run").isLessThan(text.indexOf("poll: "));
        assertThat(line(text, "Epicor write-back columns on OrderRel")).startsWith("FAILED").contains(UD_COLUMNS);
        assertThat(line(text, "Epicor release BAQ ReadyToShip")).startsWith("OK");
        assertThat(text).contains("preflight FAILED: the poll will enqueue nothing and no label will be bought")
                .contains("poll: FAILED PREFLIGHT_FAILED");
        JsonNode counts = Json.mapper().readTree(report.toFile()).path("counts");
        assertThat(counts.path("shipped").asInt()).isZero();
        assertThat(counts.path("upsShipments").asInt()).as("no label bought").isZero();
        assertThat(counts.path("upsCallsByOperation").path("SHIP").asInt(0)).isZero();
        assertThat(counts.path("upsCallsByOperation").path("ADDRESS_VALIDATION").asInt(0)).isZero();
    }

    @Test
    void localRunWithTheUsersDataAndSettingsPrintsEachCheckOkThenShips() throws Exception {
        Path settings = Files.writeString(dir.resolve("settings.json"), LocalConfig.defaultSettings().toPrettyString());
        Path report = dir.resolve("report.json");
        StringWriter out = new StringWriter();

        int exit = cli(out).execute("local-run", "--epicor-data", dataset(root -> { }).toString(), "--settings",
                settings.toString(), "--output", dir.toString(), "--report", report.toString(),
                "--retry-wait-seconds", "5");

        assertThat(exit).as(out.toString()).isZero();
        for (String check : List.of("release BAQ ReadyToShip", "read access", "write-back columns on OrderRel",
                "write access", "warehouses", "UPS ship vias")) {
            assertThat(line(out.toString(), "Epicor " + check)).startsWith("OK");
        }
        assertThat(Json.mapper().readTree(report.toFile()).path("counts").path("shipped").asInt()).isEqualTo(3);
    }

    /** The printed line of one check. */
    private static String line(String output, String check) {
        return output.lines().filter(l -> l.length() > 9 && l.substring(9).startsWith(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + check + " in\n" + output));
    }
}
