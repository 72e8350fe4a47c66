package com.epicorups.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.cli.local.LocalEnvironment;
import com.epicorups.cli.local.PipelineDriver;
import com.epicorups.cli.local.RunReport;
import com.epicorups.cli.local.RunReport.Outcome;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingStatus;
import com.epicorups.sandbox.epicor.EpicorSandbox;
import com.epicorups.sandbox.ups.Shipments;
import com.epicorups.sandbox.ups.UpsSandbox;
import com.epicorups.store.ShipmentRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import com.epicorups.cli.ops.Replay;
import com.epicorups.cli.ops.Status;
import com.epicorups.cli.ops.Trace;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** The whole local run over the sample data, in this JVM: what the README's first command does. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalRunSampleTest {
    @TempDir
    static Path output;

    static LocalEnvironment env;
    static PipelineDriver.RunResult result;
    static RunReport report;
    static Map<String, RunReport.Release> byKey;
    static List<String> progress = new ArrayList<>();

    @BeforeAll
    static void run() throws IOException {
        // An earlier run's label in the same output folder: not one of this run's labels.
        Path earlier = output.resolve("labels/EPIC06/5001/1-1/1ZEARLIER000000001.zpl");
        Files.createDirectories(earlier.getParent());
        Files.writeString(earlier, "^XA^XZ");
        Files.setLastModifiedTime(earlier, FileTime.from(
                Instant.now().minus(Duration.ofHours(1))));
        long started = System.nanoTime();
        env = LocalEnvironment.start(LocalEnvironment.Options.defaults().withOutputDir(output));
        result = new PipelineDriver(env, progress::add).runAll();
        report = RunReport.build(env, (System.nanoTime() - started) / 1_000_000);
        byKey = report.releases().stream().collect(Collectors.toMap(RunReport.Release::key, Function.identity()));
    }

    @AfterAll
    static void stop() {
        if (env != null) {
            env.close();
        }
    }

    private static UpsSandbox ups() {
        return env.upsSandbox().orElseThrow();
    }

    private static EpicorSandbox epicor() {
        return env.epicorSandbox().orElseThrow();
    }

    @Test
    void everyReleaseThePollerSawHasAFinalOutcome() {
        assertThat(report.counts().releasesSeen()).isEqualTo(((Number) result.poll().get("releasesSeen")).intValue());
        assertThat(report.releases()).hasSize(report.counts().releasesSeen());
        assertThat(report.releases()).allSatisfy(r -> assertThat(r.outcome()).isIn(Outcome.SHIPPED, Outcome.SKIPPED,
                Outcome.FAILED));
        assertThat(report.counts().shipped() + report.counts().skipped() + report.counts().failed())
                .isEqualTo(report.counts().releasesSeen());
        assertThat(result.pending()).isZero();
    }

    @Test
    void domesticPuertoRicanAndInternationalReleasesShipOnceWith1ZNumbers() {
        for (String key : List.of("EPIC06#5001#1#1", "EPIC06#5002#1#3", "EPIC06#5016#1#1", "EPIC06#5015#1#1",
                "EPIC06#5011#1#1", "EPIC06#5012#1#1", "EPIC06#5013#1#1", "EPIC06#5014#1#1", "EPIC06#5018#1#1",
                "EPIC06#5022#1#2", "EPIC06#5026#1#2", "EPIC06#5020#1#1")) {
            assertThat(byKey.get(key).outcome()).as(key).isEqualTo(Outcome.SHIPPED);
        }
        List<RunReport.Release> shipped = report.releases().stream().filter(r -> r.outcome() == Outcome.SHIPPED).toList();
        assertThat(shipped).allSatisfy(r -> assertThat(r.trackingNumbers()).isNotEmpty()
                .allSatisfy(tn -> assertThat(tn).matches("1Z[0-9A-Z]{16}")));
        // Never twice: one UPS shipment per shipped release, each release referenced by exactly one shipment.
        assertThat(ups().shipments().count()).isEqualTo(shipped.size());
        List<String> references = ups().shipments().list().stream()
                .map(c -> c.references().get(0)).toList();
        assertThat(references).doesNotHaveDuplicates();
        assertThat(references).containsExactlyInAnyOrderElementsOf(shipped.stream()
                .map(r -> ReleaseKey.parse(r.key()).reference()).toList());
        assertThat(ups().shipments().list()).noneMatch(Shipments.Created::voided);
    }

    @Test
    void sampleSkipCasesEndSkippedOrFailedWithTheirReason() {
        assertOutcome("EPIC06#5009#1#1", Outcome.SKIPPED, "SERVICE_ITEM");
        assertOutcome("EPIC06#5007#1#1", Outcome.SKIPPED, "DROP_SHIP");
        assertOutcome("EPIC06#5008#1#1", Outcome.SKIPPED, "ZERO_QUANTITY");
        // A part without weight is bad data, not a skip: the release waits in the DLQ for the fix and a redrive.
        assertOutcome("EPIC06#5008#1#2", Outcome.FAILED, "NO_WEIGHT");
        assertOutcome("EPIC06#5021#2#1", Outcome.FAILED, "NO_WEIGHT");
        assertOutcome("EPIC06#5029#1#1", Outcome.FAILED, "NO_WEIGHT");
        // A 95-character customer name is normal data: it ships with the name fitted (ups.textTooLong FIT).
        assertThat(byKey.get("EPIC06#5020#1#1").outcome()).isEqualTo(Outcome.SHIPPED);
        assertThat(byKey.get("EPIC06#5020#1#1").shipmentRequest().at("/ShipmentRequest/Shipment/ShipTo/Name").asText())
                .isEqualTo("The Northwestern Consolidated");
        assertThat(report.dlqDepths()).containsEntry("shipment-requests-dlq", 3).containsEntry("tracking-updates-dlq", 0);
        // Not ready releases never reach the poller: the ReadyToShip BAQ keeps them out. A FedEx release is ready, and
        // the poll skips it as another carrier's (the service map names no FEDX).
        assertThat(report.excludedByFilter()).extracting(RunReport.Excluded::key)
                .contains("EPIC06#5004#1#1", "EPIC06#5006#1#1", "EPIC06#5024#1#1")
                .doesNotContainAnyElementsOf(byKey.keySet());
        assertOutcome("EPIC06#5010#1#1", Outcome.SKIPPED, "NOT_UPS_SHIP_VIA");
    }

    @Test
    void epicorHasTheTrackingNumberOfEveryShippedReleaseAndTheCarrierEvents() {
        List<RunReport.Release> shipped = report.releases().stream().filter(r -> r.outcome() == Outcome.SHIPPED).toList();
        assertThat(shipped).allSatisfy(r -> {
            // The main (first) tracking number, then the release's other packages' numbers.
            assertThat(r.epicorFields()).containsEntry("TrackingNumber_c", String.join(",", r.trackingNumbers()));
            assertThat(r.epicorFields()).containsKey("UPSStatus_c");
            assertThat((String) r.epicorFields().get("LabelLocation_c")).endsWith(r.trackingNumbers().get(0) + ".zpl");
            assertThat(r.shipmentRequest().path("ShipmentRequest").path("Shipment").path("Package").isArray()).isTrue();
        });
        // The stored rows, not just the recorded writes.
        Map<String, Object> row = epicor().dataset().get("OrderRels").stream()
                .filter(r -> number(r, "OrderNum") == 5001 && number(r, "OrderLine") == 1
                        && number(r, "OrderRelNum") == 1).findFirst().orElseThrow();
        assertThat(row.get("TrackingNumber_c")).isEqualTo(byKey.get("EPIC06#5001#1#1").trackingNumbers().get(0));
        // The first package of the carrier simulation is delivered: its status and date reach Epicor.
        List<String> numbers = new PipelineDriver(env, s -> { }).shippedTrackingNumbers();
        ShipmentRecord first = env.ledger().findByTrackingNumber(numbers.get(0)).orElseThrow();
        assertThat(first.lastStatus()).isEqualTo(TrackingStatus.DELIVERED);
        RunReport.Release firstRelease = byKey.get(first.key().asString());
        assertThat(firstRelease.epicorFields()).containsEntry("UPSStatus_c", "DELIVERED").containsKey("DeliveredDate_c");
        // Track Alert reached the webhook handler and every post was accepted.
        assertThat(ups().trackAlert().deliveries()).isNotEmpty().allSatisfy(d -> assertThat(d.httpStatus()).isEqualTo(200));
    }

    @Test
    void aReleaseHeavierThanOnePackageShipsAsSeveralPackagesEachTrackedWrittenAndLabelled() {
        // 5014/1: 100 brackets of 2.5 lb = 250 lb, more than UPS's 150 lb a package: two packages of 50 brackets.
        RunReport.Release heavy = byKey.get("EPIC06#5014#1#1");
        assertThat(heavy.outcome()).isEqualTo(Outcome.SHIPPED);
        assertThat(heavy.trackingNumbers()).hasSize(2).doesNotHaveDuplicates();
        com.fasterxml.jackson.databind.JsonNode packages = heavy.shipmentRequest().at("/ShipmentRequest/Shipment/Package");
        assertThat(packages).extracting(p -> p.at("/PackageWeight/Weight").asText()).containsExactly("125", "125");
        assertThat(heavy.epicorFields()).containsEntry("TrackingNumber_c", String.join(",", heavy.trackingNumbers()));
        assertThat(env.ledger().get(ReleaseKey.parse(heavy.key())).orElseThrow().trackingNumbers())
                .containsExactlyElementsOf(heavy.trackingNumbers());
        assertThat(heavy.trackingNumbers()).allSatisfy(tn ->
                assertThat(env.ledger().findByTrackingNumber(tn).orElseThrow().key().asString()).isEqualTo(heavy.key()));
        // Its second line, 3 pumps of 38 lb, is one package.
        assertThat(byKey.get("EPIC06#5014#2#1").trackingNumbers()).hasSize(1);
    }

    @Test
    void upsSawOnlyValidRequestsAndOneToken() {
        assertThat(ups().validationFailures()).isEmpty();
        assertThat(report.counts().upsTokenRequests()).isEqualTo(1);
        assertThat(RunReport.tokenRequestsToday(env)).isEqualTo(1);
        assertThat(report.counts().labelsStored()).as("a label per package, this run's only").isEqualTo(packagesShipped())
                .isEqualTo(report.counts().shipped() + 1);
    }

    private static long packagesShipped() {
        return report.releases().stream().filter(r -> r.outcome() == Outcome.SHIPPED)
                .mapToLong(r -> r.trackingNumbers().size()).sum();
    }

    /** How long the run took is reported (and printed), not asserted: a busy machine is slower, not wrong. */
    @Test
    void reportsItsDurationAndProgressAndALabelPerPackage() throws Exception {
        assertThat(report.elapsedMillis()).isPositive();
        assertThat(progress).anyMatch(l -> l.startsWith("poll:")).anyMatch(l -> l.startsWith("shipment-creator:"))
                .anyMatch(l -> l.startsWith("carrier:"));
        try (var files = Files.walk(env.labelDir())) {
            java.util.List<String> names = files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
            // This run's labels, and the earlier run's one, which the run leaves where it was.
            assertThat(names.stream().filter(n -> !n.endsWith("INVOICE.pdf")).count()).isEqualTo(packagesShipped() + 1);
            // Beside them, the customs forms UPS returned for each shipment that left the US (issue 16).
            assertThat(names.stream().filter(n -> n.endsWith("INVOICE.pdf")).toList())
                    .containsExactlyInAnyOrderElementsOf(report.releases().stream()
                            .filter(r -> r.outcome() == Outcome.SHIPPED)
                            .filter(r -> !r.shipmentRequest().findPath("InternationalForms").isMissingNode())
                            .map(r -> r.trackingNumbers().get(0) + "INVOICE.pdf").toList())
                    .isNotEmpty();
        }
    }

    @Test
    @Order(100) // last: it replays a failure, which changes the queues
    void operatorToolsWorkOnTheLocalEnvironment() {
        Trace.Result trace = new Trace(env.auditLog(), env.ledger(), env.releaseFinder()).trace("5001");
        assertThat(trace.releases()).extracting(ReleaseKey::asString)
                .containsExactly("EPIC06#5001#1#1", "EPIC06#5001#2#1", "EPIC06#5001#3#1");
        assertThat(trace.timeline()).isSortedAccordingTo(java.util.Comparator.comparing(
                com.epicorups.store.AuditEntry::at));
        assertThat(trace.timeline()).anyMatch(e -> e.operation() == com.epicorups.store.AuditOperation.SHIPMENT_CREATE);

        Status.Result status = new Status(env.queues(), env.auditLog(), env.tokenCache(), env.assembly(),
                Clock.systemUTC()).read();
        assertThat(status.dlqDepths().get("shipment-requests-dlq").visible()).isEqualTo(3);
        assertThat(status.failuresByReason()).containsEntry("NO_WEIGHT", 3).doesNotContainKey("FIELD_TOO_LONG");
        assertThat(status.tokenRequestsToday()).isEqualTo(1);
        assertThat(status.tokenDailyBudget()).isEqualTo(200);

        // A replay from the audit trail retries the release; it fails the same way and is not shipped twice.
        var replayed = new Replay(env.queues(), env.assembly().auditReplay()).release("EPIC06#5008#1#2", false);
        assertThat(replayed.replayed()).isEqualTo(1);
        var drain = new PipelineDriver(env, s -> { }).drainShipmentRequests();
        assertThat(drain.received()).isEqualTo(1);
        assertThat(env.queues().depth(env.sqs().shipmentRequests().dlqUrl()).visible()).as("3 failures + the replayed one, failed again").isEqualTo(4);
        assertThat(ups().shipments().count()).isEqualTo(report.counts().shipped());
    }

    private static int number(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).intValue();
    }

    private static void assertOutcome(String key, Outcome outcome, String reason) {
        assertThat(byKey).containsKey(key);
        assertThat(byKey.get(key).outcome()).as(key).isEqualTo(outcome);
        assertThat(byKey.get(key).reasonCode()).as(key).isEqualTo(reason);
    }
}
