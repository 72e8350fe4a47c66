package com.epicorups.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.cli.BenchCommand;
import com.epicorups.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's machinery on a tiny dataset without latency: the figures must be made of real counts that add up.
 * No figure here is about speed.
 */
class BenchMachineryTest {
    private static com.epicorups.logging.LogConfig previousLogs;

    @TempDir
    Path out;

    @org.junit.jupiter.api.BeforeAll
    static void quietFunctionLogs() {
        previousLogs = com.epicorups.logging.JsonLogger.configure(new com.epicorups.logging.LogConfig(
                com.epicorups.logging.LogLevel.INFO, com.epicorups.logging.LogConfig.DEFAULT_SERVICE, line -> { },
                java.time.Clock.systemUTC()));
    }

    @org.junit.jupiter.api.AfterAll
    static void restoreLogs() {
        com.epicorups.logging.JsonLogger.configure(previousLogs);
    }

    private BenchOptions options(List<Integer> releases, boolean memory) {
        return new BenchOptions(releases, Duration.ZERO, 2, 5, 5, 10, 0, Duration.ofMinutes(5), memory, 1000, 0,
                Path.of(System.getProperty("connector.root", "../..")), out, 2);
    }

    @Test
    void syntheticDatasetHasExactlyTheRequestedEligibleReleasesWithUniqueKeys() throws Exception {
        JsonNode data = Json.mapper().readTree(SyntheticDataset.json(37));

        assertThat(data.get("OrderRels")).hasSize(37);
        Set<String> keys = new HashSet<>();
        Set<Integer> orders = new HashSet<>();
        data.get("SalesOrders").forEach(o -> orders.add(o.get("OrderNum").asInt()));
        for (JsonNode rel : data.get("OrderRels")) {
            keys.add(rel.get("OrderNum").asInt() + "/" + rel.get("OrderLine").asInt() + "/" + rel.get("OrderRelNum").asInt());
            assertThat(rel.get("OpenRelease").asBoolean()).isTrue();
            assertThat(orders).contains(rel.get("OrderNum").asInt());
            assertThat(rel.get("ShipToAddressList").asText()).endsWith("~USA");
        }
        assertThat(keys).hasSize(37);
        assertThat(SyntheticDataset.dataset(37).get("OrderRels")).hasSize(37);
        assertThat(data.get("Warehses")).as("the sample tenant's warehouses, ship vias and countries").hasSize(3);
        assertThat(data.get("ShipVias")).hasSize(6);
        assertThat(data.get("Countries")).hasSize(6);
    }

    @Test
    void packModeShipsAndWritesBackEveryPackOnceAndReportsItsCallsPerPack() {
        BenchOptions options = new BenchOptions(List.of(7), Duration.ZERO, 2, 5, 5, 10, 0, Duration.ofMinutes(5), false,
                1000, 0, Path.of(System.getProperty("connector.root", "../..")), out, 2, List.of(), true);
        ThroughputRun.Result r = new ThroughputRun(options, line -> { }).run(7);

        assertThat(r.seen()).isEqualTo(7);
        assertThat(r.shipped()).isEqualTo(7);
        assertThat(r.writtenBack()).as("each pack's TrackingNumber written").isEqualTo(7);
        assertThat(r.upsShipments()).as("one UPS shipment per pack, never two").isEqualTo(7);
        assertThat(r.deadLettered()).isZero();
        assertThat(r.shipWrite().ups()).containsEntry("SHIP", 7L);
        String report = new BenchReport(options, List.of(r), java.util.Map.of(), List.of(), null).render();
        assertThat(report).contains("== 7 eligible packs").contains("calls per pack").contains("packs shipped and "
                + "written back per second").contains("every pack shipped once and written back")
                .doesNotContain("per shipped release <= 1.25");
    }

    @Test
    void aSmallRunShipsAndWritesBackEveryReleaseAndItsFiguresComeFromTheCounts() {
        BenchOptions options = options(List.of(20), false);
        ThroughputRun.Result r = new ThroughputRun(options, line -> { }).run(20);

        assertThat(r.seen()).isEqualTo(20);
        assertThat(r.enqueued()).isEqualTo(20);
        assertThat(r.shipped()).isEqualTo(20);
        assertThat(r.writtenBack()).isEqualTo(20);
        assertThat(r.upsShipments()).as("one UPS shipment per release, never two").isEqualTo(20);
        assertThat(r.deadLettered()).isZero();
        assertThat(r.creators().received()).isGreaterThanOrEqualTo(20);
        assertThat(r.creators().invocations()).isGreaterThanOrEqualTo(4); // batches of at most 5
        assertThat(r.writers().deleted()).isGreaterThanOrEqualTo(20);

        // Calls: real counts from the sandboxes' logs, split by phase, adding up.
        assertThat(r.poll().epicorTotal()).isPositive();
        assertThat(r.poll().ups()).isEmpty();
        assertThat(r.shipWrite().ups()).containsEntry("SHIP", 20L);
        // One UpdateExt per writer batch (a PATCH per release only as the fallback): never more than one per release.
        assertThat(r.shipWrite().epicor().getOrDefault("WRITE", 0L)).isBetween(1L, 20L);
        assertThat(r.total().epicorTotal()).isEqualTo(r.preflight().epicorTotal() + r.poll().epicorTotal()
                + r.shipWrite().epicorTotal() + r.subscribe().epicorTotal());
        // The preflight runs once before the poll phase; the poll then trusts its stored verdict.
        assertThat(r.preflight().epicor()).containsKey("METADATA");
        assertThat(r.poll().epicor()).as("no preflight call in the poll").doesNotContainKeys("METADATA", "WRITE");
        assertThat(r.total().upsTokens()).isGreaterThanOrEqualTo(1);
        assertThat(r.epicorCallsPerShipped()).isEqualTo((double) r.total().epicorTotal() / 20);
        assertThat(r.upsCallsPerShipped()).isEqualTo((double) (r.total().upsTotal() - r.total().upsTokens()) / 20);
        long sequential = r.shipWrite().epicorTotal() - ThroughputRun.epicorTokenCalls(r.shipWrite())
                + r.shipWrite().upsApiCalls();
        assertThat(r.callsPerRelease()).isEqualTo((double) sequential / 20);
        assertThat(r.throughput()).isEqualTo(20 * 1000.0 / r.shipWriteMillis());

        BenchReport report = new BenchReport(options, List.of(r), PackageSizes.measure(options.functionsDir()),
                List.of(), null);
        assertThat(report.bound(r)).as("no latency, no bound").isInfinite();
        assertThat(report.targets()).anySatisfy(t -> {
            assertThat(t.name()).contains("every release shipped once");
            assertThat(t.met()).isTrue();
        });
        assertThat(report.render()).contains("== 20 eligible releases").contains("MET");
    }

    @Test
    void theBoundIsConcurrencyOverCallsPerReleaseTimesLatency() {
        BenchOptions options = new BenchOptions(List.of(100), Duration.ofMillis(50), 4, 5, 5, 10, 0, Duration.ofMinutes(5), false, 1000, 0,
                out, out, 4);
        CallCounts shipWrite = new CallCounts(Map.of("READ_SET", 20L, "WRITE", 100L, "TOKEN_RESOURCE", 8L),
                Map.of("ADDRESS_VALIDATION", 100L, "SHIP", 100L, "TOKEN", 1L));
        ThroughputRun.Result r = new ThroughputRun.Result(100, 100, 100, 100, 100, 100, 0, 100, 2000, 300, 10,
                CallCounts.none(), CallCounts.none(), shipWrite, CallCounts.none(),
                new ConcurrentDrain.Totals(4, 20, 100, 100, 0, 0, 2000, 0),
                new ConcurrentDrain.Totals(4, 10, 100, 100, 0, 0, 2000, 0),
                java.util.Optional.empty(), java.util.Optional.empty());
        BenchReport report = new BenchReport(options, List.of(r), Map.of(), List.of(), null);

        // 20 batched reads + 100 writes + 100 AV + 100 ships for 100 releases: 3.2 calls per release.
        assertThat(r.callsPerRelease()).isEqualTo(3.2);
        assertThat(options.concurrency()).isEqualTo(20);
        assertThat(report.bound(r)).isCloseTo(20 / (3.2 * 0.05), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.ratio(r)).isCloseTo(50 / 125.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.allowedTokens(r)).isEqualTo(1);
        // 300 ms of the process's CPU for 100 releases written back.
        assertThat(r.cpuMillisPerRelease()).isEqualTo(3.0);
        assertThat(report.render()).contains("CPU per release", "3.00 ms");
    }

    @Test
    void aFigureJustShortOfItsTargetNeverPrintsAsTheTarget() {
        assertThat(BenchReport.atLeast(323.10 / 462.11)).isEqualTo("0.69");
        assertThat(BenchReport.atLeast(0.7)).isEqualTo("0.70");
        assertThat(BenchReport.atLeast(0.29)).isEqualTo("0.29");
        assertThat(BenchReport.atMost(1.3004)).isEqualTo("1.31");
        assertThat(BenchReport.atMost(1.3)).isEqualTo("1.30");
        assertThat(BenchReport.atMost(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void memoryIsMeasuredInChildJvmsThatRunThePollerAndTheCreator() {
        BenchOptions options = options(List.of(20), true);
        ThroughputRun.Result r = new ThroughputRun(options, line -> { }).run(20);

        ThroughputRun.ProbeResult poller = r.pollerMemory().orElseThrow();
        ThroughputRun.ProbeResult creator = r.creatorMemory().orElseThrow();
        assertThat(poller.summary().path("enqueued").asInt()).isEqualTo(20);
        assertThat(creator.summary().path("deleted").asInt()).isEqualTo(20);
        for (ThroughputRun.ProbeResult p : List.of(poller, creator)) {
            assertThat(p.memory().peakLiveHeapBytes()).isPositive();
            assertThat(p.memory().peakHeapUsedBytes()).isGreaterThanOrEqualTo(p.memory().peakLiveHeapBytes());
            assertThat(p.memory().rssPeakBytes()).isGreaterThan(p.memory().peakLiveHeapBytes());
            assertThat(p.memory().collections()).isPositive();
        }
    }

    @Test
    void theTemplateCheckFindsSnapStartOnEveryFunction() {
        BenchReport.TemplateCheck check = BenchCommand.templateCheck(
                Path.of(System.getProperty("connector.root", "../..")));

        assertThat(check.snapStartFunctions()).containsExactlyInAnyOrder("order-poller", "shipment-creator",
                "quantum-view-poller", "track-alert-webhook", "tracking-writer", "subscription-renewer");
    }

    @Test
    void aFunctionCanTurnTheGlobalSnapStartOff(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("template.yaml"), String.join("\n",
                "Globals:",
                "  Function:",
                "    SnapStart:",
                "      ApplyOn: PublishedVersions",
                "Resources:",
                "  WebhookFunction:",
                "    Properties:",
                "      Handler: com.epicorups.function.webhook.TrackAlertWebhookHandler::handleRequest",
                "  PollerFunction:",
                "    Properties:",
                "      Handler: com.epicorups.function.orderpoller.OrderPollerHandler::handleRequest",
                "      SnapStart:",
                "        ApplyOn: None",
                ""));

        assertThat(BenchCommand.templateCheck(dir).snapStartFunctions()).containsExactly("track-alert-webhook");
    }
}
