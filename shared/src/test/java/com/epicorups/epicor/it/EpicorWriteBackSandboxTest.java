package com.epicorups.epicor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Reason;
import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.EpicorSettings.WriteBackMapping;
import com.epicorups.epicor.EpicorTrackingWriter;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingStatus;
import com.epicorups.port.TrackingFacts;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.sandbox.epicor.RecordedWrite;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EpicorTrackingWriter's PATCHes as the sandbox receives and applies them. */
class EpicorWriteBackSandboxTest extends SandboxSupport {
    private static final ReleaseKey KEY = new ReleaseKey(COMPANY, 5001, 1, 1);
    private static final String NUMBER = "1Z999AA10123456800";
    private static final String LABEL = "s3://labels/EPIC06/5001/1/1/" + NUMBER + ".gif";
    private EpicorTrackingWriter writer;

    @BeforeEach
    void startSandbox() {
        start(EpicorDataset.sample());
        EpicorSettings s = settings(b -> b);
        writer = new EpicorTrackingWriter(client(s), s);
    }

    @Test
    void theFirstWriteSendsExactlyTheMappedFieldsAndARepeatSendsNothing() {
        TrackingFacts created = new TrackingFacts(List.of(NUMBER), TrackingStatus.LABEL_CREATED, "Label created",
                LocalDate.of(2026, 12, 1), null, LABEL);

        Map<String, Object> written = writer.write(KEY, created);

        assertThat(written).containsOnlyKeys("TrackingNumber_c", "UPSStatus_c", "EstDeliveryDate_c", "LabelLocation_c");
        List<RecordedWrite> writes = sandbox.writes().to("OrderRels");
        assertThat(writes).hasSize(1);
        RecordedWrite patch = writes.get(0);
        assertThat(patch.method()).isEqualTo("PATCH");
        assertThat(patch.applied()).isTrue();
        Map<String, Object> expected = new LinkedHashMap<>(Map.of("Company", COMPANY, "OrderNum", 5001L,
                "OrderLine", 1L, "OrderRelNum", 1L)); // the sandbox reads JSON integers as Long
        expected.put("TrackingNumber_c", NUMBER);
        expected.put("UPSStatus_c", "LABEL_CREATED");
        expected.put("EstDeliveryDate_c", "2026-12-01T00:00:00");
        expected.put("LabelLocation_c", LABEL);
        assertThat(patch.body()).containsExactlyInAnyOrderEntriesOf(expected);
        Map<String, Object> row = release();
        assertThat(row).containsEntry("TrackingNumber_c", NUMBER).containsEntry("UPSStatus_c", "LABEL_CREATED")
                .containsEntry("LabelLocation_c", LABEL);
        assertThat(String.valueOf(row.get("EstDeliveryDate_c"))).startsWith("2026-12-01");
        assertThat(row.get("DeliveredDate_c")).as("an absent fact is not written").isNull();

        assertThat(writer.write(KEY, created)).as("idempotent").isEmpty();
        assertThat(sandbox.writes().to("OrderRels")).hasSize(1);
        assertThat(badRequests()).isEmpty();
    }

    @Test
    void statusesOnlyMoveForwardAndATerminalStatusStays() {
        writer.write(KEY, facts(TrackingStatus.IN_TRANSIT, LocalDate.of(2026, 12, 2), null));
        sandbox.writes().clear();

        assertThat(writer.write(KEY, facts(TrackingStatus.PICKED_UP, LocalDate.of(2026, 12, 5), null)))
                .as("a late pickup scan neither regresses the status nor moves the date").isEmpty();
        assertThat(sandbox.writes().size()).isZero();

        Instant deliveredAt = Instant.parse("2026-12-02T15:30:00Z");
        assertThat(writer.write(KEY, facts(TrackingStatus.DELIVERED, LocalDate.of(2026, 12, 2), deliveredAt)))
                .containsOnlyKeys("UPSStatus_c", "DeliveredDate_c");
        assertThat(writer.write(KEY, facts(TrackingStatus.OUT_FOR_DELIVERY, LocalDate.of(2026, 12, 3), null))).isEmpty();
        assertThat(sandbox.writes().to("OrderRels")).hasSize(1).allMatch(RecordedWrite::applied);
        assertThat(release()).containsEntry("UPSStatus_c", "DELIVERED");
        assertThat(String.valueOf(release().get("EstDeliveryDate_c"))).startsWith("2026-12-02");

        ReleaseKey deliveredInSample = new ReleaseKey(COMPANY, 5003, 2, 1);
        assertThat(writer.write(deliveredInSample, new TrackingFacts(List.of("1Z999AA10123456784"),
                TrackingStatus.IN_TRANSIT, null, null, null, null))).isEmpty();
    }

    @Test
    void aWriteWhoseReplyTimedOutIsRetriedWithTheSameValues() {
        // Held far longer than the 2 s the client waits (short enough to wait for, long for the calls not held).
        EpicorSettings s = settings(b -> b.readTimeout(Duration.ofSeconds(2)).maxAttempts(2));
        sandbox.faults().timeoutHold(Duration.ofMinutes(2));
        AtomicInteger patches = new AtomicInteger();
        HttpClient armsATimeoutForTheFirstPatch = new BeforeSendHttpClient(request -> {
            if (request.method().equals("PATCH") && patches.incrementAndGet() == 1) {
                sandbox.faults().timeoutNext(1);
            }
        });
        EpicorTrackingWriter slowWriter = new EpicorTrackingWriter(
                new EpicorClient(secret(), s, armsATimeoutForTheFirstPatch, Clock.systemUTC(), sleeps::add), s);
        Map<String, Object> written = slowWriter.write(KEY, facts(TrackingStatus.IN_TRANSIT, LocalDate.of(2026, 12, 2),
                null));

        assertThat(written).containsKeys("UPSStatus_c", "TrackingNumber_c");
        List<RecordedWrite> landed = sandbox.writes().to("OrderRels");
        assertThat(landed).as("the timed-out PATCH landed, and so did its retry").hasSize(2)
                .allMatch(RecordedWrite::applied);
        assertThat(landed.get(1).body()).isEqualTo(landed.get(0).body());
        assertThat(release()).containsEntry("UPSStatus_c", "IN_TRANSIT");
    }

    @Test
    void thePackTargetWritesTheNewestLivePackAndRefusesWhenEveryPackIsVoided() {
        EpicorSettings s = settings(b -> b.writeBack(new WriteBackMapping(WriteBackMapping.Target.CUST_SHIP,
                "TrackingNumber", null, null, null, null)));
        EpicorTrackingWriter packWriter = new EpicorTrackingWriter(client(s), s);
        ReleaseKey partlyShipped = new ReleaseKey(COMPANY, 5019, 1, 1);

        Map<String, Object> written = packWriter.write(partlyShipped, new TrackingFacts(List.of("1Z999AA10123456999"),
                TrackingStatus.IN_TRANSIT, null, null, null, null));

        assertThat(written).containsOnlyKeys("TrackingNumber");
        RecordedWrite patch = sandbox.writes().to("CustShips").get(0);
        assertThat(patch.body()).containsExactlyInAnyOrderEntriesOf(Map.of("Company", COMPANY, "PackNum", 1002L,
                "TrackingNumber", "1Z999AA10123456999"));
        assertThat(sandbox.dataset().find("CustShips", Map.of("Company", COMPANY, "PackNum", 1002)).orElseThrow())
                .containsEntry("TrackingNumber", "1Z999AA10123456999");

        assertThatThrownBy(() -> packWriter.write(new ReleaseKey(COMPANY, 5023, 1, 1), new TrackingFacts(
                List.of("1Z999AA10123456998"), TrackingStatus.IN_TRANSIT, null, null, null, null)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.reasonCode()).isEqualTo(Reason.EPICOR_PACK_NOT_FOUND.code());
                });
        assertThat(badRequests()).isEmpty();
    }

    private static TrackingFacts facts(TrackingStatus status, LocalDate estimated, Instant deliveredAt) {
        return new TrackingFacts(List.of(NUMBER), status, null, estimated, deliveredAt, null);
    }

    private Map<String, Object> release() {
        return sandbox.dataset().find("OrderRels", ReleasePollSandboxTest.rel(5001, 1, 1)).orElseThrow();
    }

    private Map<String, Object> row(ReleaseKey key) {
        return sandbox.dataset().find("OrderRels", Map.of("Company", key.company(), "OrderNum", key.orderNum(),
                "OrderLine", key.orderLine(), "OrderRelNum", key.orderRelNum())).orElseThrow();
    }

    @Test
    void writeCurrentPatchesWithoutReadingFirst() {
        Map<String, Object> sent = writer.writeCurrent(KEY, new TrackingFacts(List.of(NUMBER),
                TrackingStatus.LABEL_CREATED, null, null, null, LABEL));

        assertThat(sent).containsOnlyKeys("TrackingNumber_c", "UPSStatus_c", "LabelLocation_c");
        assertThat(sandbox.requests().all()).extracting(r -> r.kind())
                .containsExactly(com.epicorups.sandbox.epicor.RequestKind.WRITE);
        assertThat(release()).containsEntry("UPSStatus_c", "LABEL_CREATED").containsEntry("TrackingNumber_c", NUMBER);
    }

    @Test
    void writeCurrentAllWritesSeveralReleasesWithOneUpdateExtCall() {
        ReleaseKey second = new ReleaseKey(COMPANY, 5001, 2, 1);
        ReleaseKey third = new ReleaseKey(COMPANY, 5002, 1, 1);
        Map<ReleaseKey, TrackingFacts> facts = new LinkedHashMap<>();
        facts.put(KEY, new TrackingFacts(List.of(NUMBER), TrackingStatus.LABEL_CREATED, null, null, null, LABEL));
        facts.put(second, new TrackingFacts(List.of("1Z999AA10123456811"), TrackingStatus.LABEL_CREATED, null,
                LocalDate.of(2026, 12, 3), null, null));
        facts.put(third, facts(TrackingStatus.DELIVERED, null, Instant.parse("2026-12-02T15:30:00Z")));

        Map<ReleaseKey, com.epicorups.port.WriteOutcome> outcomes = writer.writeCurrentAll(facts);

        assertThat(outcomes.values()).allMatch(com.epicorups.port.WriteOutcome::succeeded);
        assertThat(outcomes.get(third).written()).containsKeys("UPSStatus_c", "DeliveredDate_c");
        assertThat(sandbox.requests().all()).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).endsWith("/Erp.BO.SalesOrderSvc/UpdateExt");
        });
        assertThat(row(KEY)).containsEntry("TrackingNumber_c", NUMBER).containsEntry("LabelLocation_c", LABEL);
        assertThat(row(second)).containsEntry("TrackingNumber_c", "1Z999AA10123456811");
        assertThat(String.valueOf(row(second).get("EstDeliveryDate_c"))).startsWith("2026-12-03");
        assertThat(row(third)).containsEntry("UPSStatus_c", "DELIVERED");
        assertThat(badRequests()).isEmpty();
    }

    @Test
    void rowErrorsInUpdateExtFallBackToOnePatchPerReleaseWithItsOwnError() {
        ReleaseKey gone = new ReleaseKey(COMPANY, 4242, 1, 1);
        Map<ReleaseKey, TrackingFacts> facts = new LinkedHashMap<>();
        facts.put(KEY, new TrackingFacts(List.of(NUMBER), TrackingStatus.LABEL_CREATED, null, null, null, LABEL));
        facts.put(gone, new TrackingFacts(List.of("1Z999AA10123456822"), TrackingStatus.LABEL_CREATED, null, null,
                null, null));

        Map<ReleaseKey, com.epicorups.port.WriteOutcome> outcomes = writer.writeCurrentAll(facts);

        assertThat(outcomes.get(KEY).succeeded()).isTrue();
        assertThat(outcomes.get(gone).failure()).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT));
        assertThat(sandbox.requests().all()).extracting(r -> r.method()).containsExactly("POST", "PATCH", "PATCH");
        assertThat(release()).containsEntry("UPSStatus_c", "LABEL_CREATED");
    }
}
