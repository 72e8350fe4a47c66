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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code local-run --config FILE}: the endpoints come from the file (here two sandboxes standing in for an Epicor
 * pilot and UPS CIE, started by the test, not by the run), the stores and queues stay local, and no carrier is
 * simulated.
 */
class LocalRunWithConfigTest {
    @TempDir
    Path dir;

    @Test
    void configPointsTheRunAtOtherEndpoints() throws Exception {
        Path dataset = Path.of(getClass().getResource("/local-run/small-dataset.json").toURI());
        try (EpicorSandbox epicor = EpicorSandbox.builder().dataset(EpicorDataset.load(dataset))
                .apiKey("pilot-key").oauthClient("pilot-client", "pilot-secret").build().start();
             UpsSandbox ups = UpsSandbox.builder().client("cie-client", "cie-secret").shipperNumber("CH1A2B")
                     .build().start()) {
            ObjectNode config = Json.mapper().createObjectNode();
            config.putObject("epicorSecret").put("baseUrl", epicor.rootUrl()).put("company", "EPIC06")
                    .put("apiKey", "pilot-key").put("authMode", "OAUTH2").put("clientId", "pilot-client")
                    .put("clientSecret", "pilot-secret").put("tokenUrl", epicor.oauthTokenUrl());
            config.putObject("upsSecret").put("baseUrl", ups.baseUrl()).put("clientId", "cie-client")
                    .put("clientSecret", "cie-secret");
            config.putObject("webhookSecret").put("apiKey", "cie-client");
            config.set("settings", LocalConfig.defaultSettings());
            Path configFile = dir.resolve("config.json");
            Files.writeString(configFile, config.toPrettyString());
            Path reportFile = dir.resolve("report.json");
            StringWriter out = new StringWriter();
            var cli = ConnectorCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(out, true));

            int exit = cli.execute("local-run", "--config", configFile.toString(), "--output", dir.toString(),
                    "--report", reportFile.toString(), "--retry-wait-seconds", "5");

            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).doesNotContain("Epicor sandbox").contains("carrier simulation skipped");
            JsonNode counts = Json.mapper().readTree(reportFile.toFile()).path("counts");
            assertThat(counts.path("shipped").asInt()).isEqualTo(3);
            assertThat(counts.path("epicorCalls").asInt()).isPositive();
            assertThat(counts.path("upsTokenRequests").asInt()).isEqualTo(1);
            assertThat(ups.shipments().count()).isEqualTo(3);
            assertThat(ups.tokenRequests()).isEqualTo(1);
            assertThat(epicor.writes().to("OrderRels")).isNotEmpty();
            assertThat(ups.validationFailures()).isEmpty();

            StringWriter pingOut = new StringWriter();
            var ping = ConnectorCli.commandLine();
            ping.setOut(new PrintWriter(pingOut, true));
            ping.setErr(new PrintWriter(pingOut, true));
            assertThat(ping.execute("ping", "--config", configFile.toString())).as(pingOut.toString()).isZero();
            assertThat(pingOut.toString()).contains("OK       Epicor").contains("OK       UPS token");
        }
    }
}
