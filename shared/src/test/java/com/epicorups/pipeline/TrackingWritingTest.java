package com.epicorups.pipeline;

import static com.epicorups.pipeline.TestDoubles.KEY;
import static com.epicorups.pipeline.TestDoubles.permanent;
import static com.epicorups.pipeline.TestDoubles.transientError;
import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.pipeline.MessageResult.Disposition;
import com.epicorups.testing.MutableClock;
import com.epicorups.pipeline.TestDoubles.RecordingQueue;
import com.epicorups.port.EpicorWriteBack;
import com.epicorups.port.TrackingFacts;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.LedgerState;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryProcessedEventStore;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrackingWritingTest {
    private static final String TRACKING = "1Z999AA10123456784";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final InMemoryShipmentLedger ledger = new InMemoryShipmentLedger();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final RecordingQueue dlq = new RecordingQueue();
    private final ScriptedWriteBack epicor = new ScriptedWriteBack();
    private final InMemoryProcessedEventStore processed = new InMemoryProcessedEventStore();
    private TrackingWriting writer;
    private Instant shippedAt;

    /** Epicor as a map of field values; writes only what differs, like the real PATCH client promises. */
    static final class ScriptedWriteBack implements EpicorWriteBack {
        final Map<String, Object> fields = new LinkedHashMap<>();
        final List<TrackingFacts> calls = new CopyOnWriteArrayList<>();
        final List<Map<ReleaseKey, TrackingFacts>> batches = new CopyOnWriteArrayList<>();
        final Map<ReleaseKey, RuntimeException> failFor = new java.util.concurrent.ConcurrentHashMap<>();
        volatile RuntimeException failNext;

        @Override
        public Map<ReleaseKey, com.epicorups.port.WriteOutcome> writeCurrentAll(Map<ReleaseKey, TrackingFacts> facts) {
            if (facts.size() > 1) {
                batches.add(Map.copyOf(facts));
            }
            Map<ReleaseKey, com.epicorups.port.WriteOutcome> out = new LinkedHashMap<>();
            facts.forEach((key, f) -> {
                RuntimeException fail = failFor.get(key);
                if (fail != null) {
                    out.put(key, com.epicorups.port.WriteOutcome.failed(fail));
                    return;
                }
                try {
                    out.put(key, com.epicorups.port.WriteOutcome.written(write(key, f)));
                } catch (RuntimeException e) {
                    out.put(key, com.epicorups.port.WriteOutcome.failed(e));
                }
            });
            return out;
        }

        @Override
        public synchronized Map<String, Object> write(ReleaseKey key, TrackingFacts facts) {
            calls.add(facts);
            RuntimeException fail = failNext;
            if (fail != null) {
                failNext = null;
                throw fail;
            }
            Map<String, Object> wanted = new LinkedHashMap<>();
            if (!facts.trackingNumbers().isEmpty()) {
                wanted.put("TrackingNumber_c", facts.trackingNumbers().get(0));
            }
            if (facts.status() != null) {
                wanted.put("UPSStatus_c", facts.status().name());
            }
            if (facts.labelLocation() != null) {
                wanted.put("LabelLocation_c", facts.labelLocation());
            }
            Map<String, Object> written = new LinkedHashMap<>();
            wanted.forEach((k, v) -> {
                if (!v.equals(fields.get(k))) {
                    written.put(k, v);
                }
            });
            fields.putAll(written);
            return written;
        }
    }

    @BeforeEach
    void setUp() {
        writer = new TrackingWriting(ledger, epicor, processed, audit, dlq, clock);
        shippedAt = clock.instant();
        ledger.claim(KEY, "creator", shippedAt, Duration.ofMinutes(10));
        ledger.markShipped(KEY, "creator", "1ZSHIP", List.of(TRACKING), "s3://labels/x.gif", shippedAt);
    }

    private static String json(TrackingUpdate u) {
        try {
            return Json.mapper().writeValueAsString(u);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TrackingUpdate created() {
        return new TrackingUpdate("created#1ZSHIP", TrackingSource.SHIPMENT_CREATOR, KEY, "1ZSHIP", List.of(TRACKING),
                TrackingStatus.LABEL_CREATED, "Shipment label created", shippedAt, null, null, "s3://labels/x.gif");
    }

    private TrackingUpdate event(String id, TrackingStatus status, Instant at) {
        return new TrackingUpdate(id, TrackingSource.QUANTUM_VIEW, null, null, List.of(TRACKING), status,
                status.name(), at, LocalDate.parse("2026-11-30"),
                status == TrackingStatus.DELIVERED ? at : null, null);
    }

    private MessageResult deliver(TrackingUpdate u) {
        return writer.handle(new InboundMessage("m", json(u), "rh", 1, "TrackingUpdatesQueue"));
    }

    private List<AuditEntry> audits(AuditOperation op) {
        return audit.forSubject(KEY.asString()).stream().filter(e -> e.operation() == op).toList();
    }

    @Test
    void theCreatorsUpdateWritesTrackingNumberStatusAndLabelAndMarksTheLedgerWritten() {
        MessageResult result = deliver(created());

        assertThat(result.disposition()).isEqualTo(Disposition.DONE);
        assertThat(epicor.fields).containsEntry("TrackingNumber_c", TRACKING)
                .containsEntry("UPSStatus_c", "LABEL_CREATED").containsEntry("LabelLocation_c", "s3://labels/x.gif");
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.WRITTEN);
        assertThat(audits(AuditOperation.EPICOR_WRITE)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(e.details()).containsEntry("field.TrackingNumber_c", TRACKING);
        });
        assertThat(audits(AuditOperation.TRACKING_UPDATE)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS));
    }

    @Test
    void aDuplicateEventIsDroppedWithoutWriting() {
        deliver(created());
        MessageResult second = deliver(created());

        assertThat(second.disposition()).isEqualTo(Disposition.SKIPPED);
        assertThat(second.reasonCode()).isEqualTo("DUPLICATE_EVENT");
        assertThat(epicor.calls).hasSize(1);
    }

    @Test
    void anEventFoundByTrackingNumberAdvancesTheStatus() {
        deliver(created());
        MessageResult result = deliver(event("qv-1", TrackingStatus.IN_TRANSIT, shippedAt.plusSeconds(3600)));

        assertThat(result.disposition()).isEqualTo(Disposition.DONE);
        assertThat(epicor.fields).containsEntry("UPSStatus_c", "IN_TRANSIT");
        assertThat(ledger.get(KEY).orElseThrow().lastStatus()).isEqualTo(TrackingStatus.IN_TRANSIT);
    }

    @Test
    void anOlderEventArrivingLateDoesNotMoveTheStatusBackButStillWritesTheTrackingNumber() {
        // Delivered arrives before the creator's update reached Epicor (and its own write fails for now), then
        // the older in-transit scan.
        epicor.failNext = transientError("EPICOR_UNAVAILABLE");
        assertThat(deliver(event("qv-2", TrackingStatus.DELIVERED, shippedAt.plusSeconds(7200))).disposition())
                .isEqualTo(Disposition.RETRY);
        MessageResult late = deliver(event("qv-1", TrackingStatus.IN_TRANSIT, shippedAt.plusSeconds(3600)));

        assertThat(late.disposition()).isEqualTo(Disposition.SKIPPED);
        assertThat(late.reasonCode()).isEqualTo("STALE_EVENT");
        TrackingFacts written = epicor.calls.get(1);
        assertThat(written.status()).isNull();
        assertThat(written.trackingNumbers()).containsExactly(TRACKING);
        assertThat(written.labelLocation()).isEqualTo("s3://labels/x.gif");
        assertThat(epicor.fields).doesNotContainKey("UPSStatus_c").containsEntry("TrackingNumber_c", TRACKING);
        assertThat(ledger.get(KEY).orElseThrow().lastStatus()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(audits(AuditOperation.TRACKING_UPDATE)).filteredOn(e -> e.outcome() == AuditOutcome.SKIPPED)
                .singleElement().satisfies(e -> assertThat(e.reasonCode()).isEqualTo("STALE_EVENT"));
        // The redelivered DELIVERED is the same fact, not stale: it is written.
        assertThat(deliver(event("qv-2", TrackingStatus.DELIVERED, shippedAt.plusSeconds(7200))).disposition())
                .isEqualTo(Disposition.DONE);
        assertThat(epicor.fields).containsEntry("UPSStatus_c", "DELIVERED");
    }

    @Test
    void aStaleEventOnAReleaseEpicorHasTheNumbersOfMakesNoEpicorCall() {
        deliver(created());
        deliver(event("qv-2", TrackingStatus.IN_TRANSIT, shippedAt.plusSeconds(7200)));
        int calls = epicor.calls.size();

        MessageResult late = deliver(event("qv-1", TrackingStatus.PICKED_UP, shippedAt.plusSeconds(3600)));

        assertThat(late.reasonCode()).isEqualTo("STALE_EVENT");
        assertThat(epicor.calls).hasSize(calls);
        assertThat(processed.seen("qv-1")).isTrue();
        assertThat(audits(AuditOperation.EPICOR_WRITE)).last()
                .satisfies(e -> assertThat(e.reasonCode()).isEqualTo("NOTHING_TO_WRITE"));
    }

    @Test
    void theSameScanFromASecondSourceMakesNoEpicorCallOnceWritten() {
        deliver(created());
        Instant scanned = shippedAt.plusSeconds(3600);
        deliver(event("qv-1", TrackingStatus.IN_TRANSIT, scanned));
        int calls = epicor.calls.size();
        TrackingUpdate sameScan = new TrackingUpdate("ta:1", TrackingSource.TRACK_ALERT, null, null, List.of(TRACKING),
                TrackingStatus.IN_TRANSIT, "In transit", scanned, null, null, null);

        assertThat(deliver(sameScan).disposition()).isEqualTo(Disposition.DONE);
        assertThat(epicor.calls).hasSize(calls);
    }

    @Test
    void aBatchWritesEveryReleaseWithOneCallAndMergesUpdatesOfOneRelease() {
        ReleaseKey other = new ReleaseKey("EPIC06", 5002, 1, 1);
        ledger.claim(other, "creator", shippedAt, Duration.ofMinutes(10));
        ledger.markShipped(other, "creator", "1ZSHIP2", List.of("1Z999AA10123456795"), "s3://labels/y.gif", shippedAt);
        TrackingUpdate otherCreated = new TrackingUpdate("created#1ZSHIP2", TrackingSource.SHIPMENT_CREATOR, other,
                "1ZSHIP2", List.of("1Z999AA10123456795"), TrackingStatus.LABEL_CREATED, "created", shippedAt, null,
                null, "s3://labels/y.gif");
        List<String> bodies = List.of(json(created()), json(otherCreated),
                json(event("qv-1", TrackingStatus.IN_TRANSIT, shippedAt.plusSeconds(3600))));
        com.amazonaws.services.lambda.runtime.events.SQSEvent event = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
        List<com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage> records = new java.util.ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            var m = new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
            m.setMessageId("t" + i);
            m.setBody(bodies.get(i));
            records.add(m);
        }
        event.setRecords(records);

        var response = new SqsBatchProcessor(3).process(event, writer);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(epicor.batches).singleElement().satisfies(batch -> {
            assertThat(batch).containsOnlyKeys(KEY, other);
            assertThat(batch.get(KEY).status()).as("the newer update of the release wins")
                    .isEqualTo(TrackingStatus.IN_TRANSIT);
            assertThat(batch.get(KEY).labelLocation()).isEqualTo("s3://labels/x.gif");
        });
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.WRITTEN);
        assertThat(ledger.get(other).orElseThrow().state()).isEqualTo(LedgerState.WRITTEN);
        assertThat(processed.seen("created#1ZSHIP")).isTrue();
        assertThat(processed.seen("qv-1")).isTrue();
    }

    @Test
    void aFailedReleaseInABatchIsRetriedAloneWhileTheOthersAreDone() {
        ReleaseKey other = new ReleaseKey("EPIC06", 5002, 1, 1);
        ledger.claim(other, "creator", shippedAt, Duration.ofMinutes(10));
        ledger.markShipped(other, "creator", "1ZSHIP2", List.of("1Z999AA10123456795"), null, shippedAt);
        epicor.failFor.put(other, transientError("EPICOR_UNAVAILABLE"));
        TrackingUpdate otherCreated = new TrackingUpdate("created#1ZSHIP2", TrackingSource.SHIPMENT_CREATOR, other,
                "1ZSHIP2", List.of("1Z999AA10123456795"), TrackingStatus.LABEL_CREATED, "created", shippedAt, null,
                null, null);
        var event = new com.amazonaws.services.lambda.runtime.events.SQSEvent();
        var a = new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
        a.setMessageId("a");
        a.setBody(json(created()));
        var b = new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
        b.setMessageId("b");
        b.setBody(json(otherCreated));
        event.setRecords(List.of(a, b));

        var response = new SqsBatchProcessor(2).process(event, writer);

        assertThat(response.getBatchItemFailures()).extracting(f -> f.getItemIdentifier()).containsExactly("b");
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.WRITTEN);
        assertThat(ledger.get(other).orElseThrow().state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(processed.seen("created#1ZSHIP2")).isFalse();
    }

    @Test
    void aDeliveredReleaseLeavesTheRenewalList() {
        assertThat(ledger.subscriptionsExpiringBefore(clock.instant().plus(Duration.ofDays(2)), 10)).hasSize(1);
        deliver(event("qv-9", TrackingStatus.DELIVERED, shippedAt.plusSeconds(60)));
        assertThat(ledger.subscriptionsExpiringBefore(clock.instant().plus(Duration.ofDays(2)), 10)).isEmpty();
    }

    @Test
    void anUnknownTrackingNumberIsSkippedAndAcknowledged() {
        TrackingUpdate foreign = new TrackingUpdate("qv-x", TrackingSource.TRACK_ALERT, null, null,
                List.of("1ZUNKNOWN0000000"), TrackingStatus.IN_TRANSIT, null, shippedAt, null, null, null);

        MessageResult result = writer.handle(InboundMessage.of("m", json(foreign)));

        assertThat(result.disposition()).isEqualTo(Disposition.SKIPPED);
        assertThat(result.reasonCode()).isEqualTo("UNKNOWN_TRACKING_NUMBER");
        assertThat(epicor.calls).isEmpty();
        assertThat(audit.forSubject("1ZUNKNOWN0000000")).singleElement()
                .satisfies(e -> assertThat(e.reasonCode()).isEqualTo("UNKNOWN_TRACKING_NUMBER"));
    }

    @Test
    void aTransientEpicorFailureIsRetriedAndTheRetryWritesTheFullFacts() {
        epicor.failNext = transientError("EPICOR_UNAVAILABLE");

        MessageResult first = deliver(created());
        assertThat(first.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(processed.seen("created#1ZSHIP")).isFalse();
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(audits(AuditOperation.EPICOR_WRITE)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.RETRYING));
        assertThat(dlq.sent).isEmpty();

        MessageResult retry = deliver(created());
        assertThat(retry.disposition()).as("same fact again, not stale").isEqualTo(Disposition.DONE);
        assertThat(epicor.fields).containsEntry("UPSStatus_c", "LABEL_CREATED");
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.WRITTEN);
    }

    @Test
    void aPermanentEpicorFailureGoesToTheDlqWithItsReason() {
        epicor.failNext = permanent("EPICOR_BUSINESS_RULE");
        String body = json(created());

        MessageResult result = writer.handle(new InboundMessage("m", body, "rh", 1, "TrackingUpdatesQueue"));

        assertThat(result.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(dlq.sent).singleElement().satisfies(s -> {
            assertThat(s.body()).isEqualTo(body);
            assertThat(s.attributes()).containsEntry("reasonCode", "EPICOR_BUSINESS_RULE")
                    .containsEntry("sourceQueue", "TrackingUpdatesQueue").containsKeys("failedAt", "reasonMessage");
        });
        assertThat(audits(AuditOperation.EPICOR_WRITE)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.replayMessage()).isEqualTo(body);
            assertThat(e.details()).containsEntry("replayQueue", "tracking-updates");
        });
    }

    @Test
    void aMalformedUpdateGoesToTheDlq() {
        MessageResult result = writer.handle(InboundMessage.of("m", "{\"eventId\":\"e1\"}"));

        assertThat(result.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(dlq.sent).singleElement()
                .satisfies(s -> assertThat(s.attributes()).containsEntry("reasonCode", "MALFORMED_MESSAGE")
                        .containsEntry("sourceQueue", "tracking-updates"));
    }

    /** Epicor keeps failing transiently for this release, on every attempt. */
    private void epicorDownForTheRelease() {
        epicor.failFor.put(KEY, transientError("EPICOR_UNAVAILABLE"));
    }

    private MessageResult deliverReceive(String body, int receive) {
        return writer.handle(new InboundMessage("m", body, "rh", receive, "TrackingUpdatesQueue", 5));
    }

    @Test
    void aTransientFailureIsRetriedUntilTheLastReceiveWhereItIsDeadLetteredWithWhyAndAuditedFailedForReplay() {
        epicorDownForTheRelease();
        String body = json(created());

        for (int receive = 1; receive < 5; receive++) {
            assertThat(deliverReceive(body, receive).disposition()).as("receive " + receive)
                    .isEqualTo(Disposition.RETRY);
        }
        assertThat(dlq.sent).isEmpty();
        assertThat(audits(AuditOperation.EPICOR_WRITE)).hasSize(4)
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.RETRYING));

        MessageResult last = deliverReceive(body, 5);

        assertThat(last.disposition()).as("acknowledged: SQS deletes it").isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(dlq.sent).singleElement().satisfies(s -> {
            assertThat(s.body()).isEqualTo(body);
            assertThat(s.attributes()).containsEntry("reasonCode", "EPICOR_UNAVAILABLE")
                    .containsEntry("sourceQueue", "TrackingUpdatesQueue")
                    .containsEntry("failedAt", clock.instant().toString())
                    .containsEntry("reasonMessage", "EPICOR_UNAVAILABLE after 5 attempts: EPICOR_UNAVAILABLE detail");
        });
        assertThat(audits(AuditOperation.EPICOR_WRITE)).last().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.reasonCode()).isEqualTo("EPICOR_UNAVAILABLE");
            assertThat(e.message()).isEqualTo("EPICOR_UNAVAILABLE after 5 attempts: EPICOR_UNAVAILABLE detail");
            assertThat(e.replayMessage()).isEqualTo(body);
            assertThat(e.details()).containsEntry("replayQueue", "tracking-updates");
        });
        assertThat(processed.seen("created#1ZSHIP")).isFalse();

        // Replayed from the audit once Epicor is back, it writes the facts.
        RecordingQueue updates = new RecordingQueue();
        assertThat(new AuditReplay(audit, Map.of("tracking-updates", updates), clock).replaySubject(KEY.asString(),
                false).replayed()).isEqualTo(1);
        epicor.failFor.clear();
        assertThat(deliverReceive(updates.sent.get(0).body(), 1).disposition()).isEqualTo(Disposition.DONE);
        assertThat(epicor.fields).containsEntry("UPSStatus_c", "LABEL_CREATED");
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.WRITTEN);
    }

    @Test
    void whenTheDlqCannotBeReachedOnTheLastReceiveTheMessageStaysABatchItemFailureForSqsToRedrive() {
        epicorDownForTheRelease();
        dlq.failures.set(1);

        MessageResult last = deliverReceive(json(created()), 5);

        assertThat(last.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(last.reasonCode()).isEqualTo("EPICOR_UNAVAILABLE");
        assertThat(dlq.sent).isEmpty();
        assertThat(audits(AuditOperation.EPICOR_WRITE)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.RETRYING));
    }
}
