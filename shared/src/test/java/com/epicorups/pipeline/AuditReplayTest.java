package com.epicorups.pipeline;

import static com.epicorups.pipeline.TestDoubles.KEY;
import static com.epicorups.pipeline.TestDoubles.permanent;
import static com.epicorups.pipeline.TestDoubles.release;
import static com.epicorups.pipeline.TestDoubles.requestBody;
import static com.epicorups.pipeline.TestDoubles.usAddress;
import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.pipeline.TestDoubles.MemoryLabels;
import com.epicorups.testing.MutableClock;
import com.epicorups.pipeline.TestDoubles.RecordingQueue;
import com.epicorups.pipeline.TestDoubles.ScriptedAddressValidation;
import com.epicorups.pipeline.TestDoubles.ScriptedEpicor;
import com.epicorups.pipeline.TestDoubles.ScriptedUps;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditReplayTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final RecordingQueue shipmentRequests = new RecordingQueue();
    private final RecordingQueue trackingUpdates = new RecordingQueue();
    private final AuditReplay replay = new AuditReplay(audit,
            Map.of("shipment-requests", shipmentRequests, "tracking-updates", trackingUpdates), clock);

    @Test
    void reEnqueuesAFailedShipmentOnceAndTheReplayShipsAfterTheFix() {
        ScriptedEpicor epicor = new ScriptedEpicor();
        ScriptedAddressValidation validation = new ScriptedAddressValidation();
        ScriptedUps ups = new ScriptedUps();
        RecordingQueue dlq = new RecordingQueue();
        ShipmentCreation creation = ShipmentCreation.builder().ledger(new InMemoryShipmentLedger()).epicor(epicor)
                .addressValidation(validation).ups(ups).labels(new MemoryLabels()).trackingUpdates(trackingUpdates)
                .deadLetterQueue(dlq).auditLog(audit).clock(clock).build();
        epicor.current.put(KEY, ReleaseRecheck.shippable(release(KEY, 1, usAddress("1 Main St"))));
        validation.rejects = a -> permanent("ADDRESS_REJECTED");
        String body = requestBody(release(KEY, 1, usAddress("1 Main St")));
        creation.handle(InboundMessage.of("m1", body));

        ReplaySummary first = replay.replaySubject(KEY.asString(), false);
        assertThat(first.replayed()).isEqualTo(1);
        assertThat(shipmentRequests.bodies()).containsExactly(body);
        assertThat(replay.replaySubject(KEY.asString(), false).replayed()).as("not twice").isZero();
        assertThat(replay.replayDay(LocalDate.parse("2026-11-27"), false).alreadyReplayed()).isEqualTo(1);
        assertThat(audit.forSubject(KEY.asString())).filteredOn(e -> e.operation() == AuditOperation.REPLAY)
                .hasSize(1);

        validation.rejects = a -> null;
        creation.handle(InboundMessage.of("m2", shipmentRequests.bodies().get(0)));
        assertThat(ups.creates).hasValue(1);
        // Forcing the same replay again is harmless: the ledger says shipped.
        assertThat(replay.replaySubject(KEY.asString(), true).replayed()).isEqualTo(1);
        creation.handle(InboundMessage.of("m3", shipmentRequests.bodies().get(1)));
        assertThat(ups.creates).hasValue(1);
    }

    @Test
    void replaysByDayToTheQueueEachFailureCameFromAndCountsWhatItCannotReplay() {
        audit.record(new AuditEntry("1ZA", clock.instant(), AuditOperation.EPICOR_WRITE, AuditOutcome.FAILED,
                "EPICOR_FIELD_MISSING", "x", 1, Map.of("replayQueue", "tracking-updates"), "{\"eventId\":\"e1\"}"));
        audit.record(new AuditEntry("webhook", clock.instant(), AuditOperation.WEBHOOK_RECEIVED, AuditOutcome.FAILED,
                "WEBHOOK_UNAUTHENTICATED", "x", 1, Map.of(), null));
        audit.record(new AuditEntry("old", Instant.parse("2026-11-26T12:00:00Z"), AuditOperation.EPICOR_WRITE,
                AuditOutcome.FAILED, "X", "x", 1, Map.of("replayQueue", "tracking-updates"), "{\"eventId\":\"e0\"}"));

        ReplaySummary summary = replay.replayDay(LocalDate.parse("2026-11-27"), false);

        assertThat(summary.replayed()).isEqualTo(1);
        assertThat(summary.notReplayable()).isEqualTo(1);
        assertThat(trackingUpdates.bodies()).containsExactly("{\"eventId\":\"e1\"}");
        assertThat(shipmentRequests.sent).isEmpty();
    }
}
