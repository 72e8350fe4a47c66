package com.epicorups.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.cli.local.LocalConfig;
import com.epicorups.cli.local.LocalEnvironment;
import com.epicorups.cli.local.PipelineDriver;
import com.epicorups.cli.local.RunReport;
import com.epicorups.cli.local.RunReport.Outcome;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run in pack mode, with the sample settings file users are pointed at
 * (docs/examples/connector-settings-packs.json): the sample packs ship and the report lists each of them.
 */
class LocalRunPacksTest {
    @TempDir
    Path output;

    @Test
    void theSamplePacksShipAndTheReportListsThem() {
        Path settings = Path.of(System.getProperty("user.dir")).resolve("../../docs/examples/connector-settings-packs.json")
                .normalize();
        try (LocalEnvironment env = LocalEnvironment.start(LocalEnvironment.Options.defaults().withOutputDir(output)
                .withSettings(LocalConfig.loadSettings(settings)))) {
            new PipelineDriver(env, line -> { }).runAll();
            RunReport report = RunReport.build(env, 0);
            Map<String, RunReport.Release> byKey = report.releases().stream()
                    .collect(Collectors.toMap(RunReport.Release::key, Function.identity()));

            assertThat(byKey.keySet()).containsExactlyInAnyOrder("EPIC06#PACK#1004", "EPIC06#PACK#1005",
                    "EPIC06#PACK#1006", "EPIC06#PACK#1007", "EPIC06#PACK#1008", "EPIC06#PACK#1009",
                    "EPIC06#PACK#1011");
            assertThat(byKey.get("EPIC06#PACK#1009").outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(byKey.get("EPIC06#PACK#1009").reasonCode()).isEqualTo("NOT_UPS_SHIP_VIA");
            assertThat(report.counts().shipped()).isEqualTo(6);
            RunReport.Release three = byKey.get("EPIC06#PACK#1005");
            assertThat(three.trackingNumbers()).hasSize(3);
            assertThat(three.ledgerState()).isEqualTo("WRITTEN");
            assertThat(three.epicorFields()).containsEntry("TrackingNumber", three.trackingNumbers().get(0))
                    .containsEntry("CaseNum 3.TrackingNumber", three.trackingNumbers().get(2)).containsKey("MFTransNum");
            assertThat(three.shipmentRequest()).isNotNull();
            assertThat(report.excludedByFilter()).extracting(RunReport.Excluded::key)
                    .containsExactlyInAnyOrder("EPIC06#PACK#1001", "EPIC06#PACK#1002", "EPIC06#PACK#1003",
                            "EPIC06#PACK#1010");
            assertThat(report.dlqDepths().values()).allMatch(depth -> depth == 0);
        }
    }
}
