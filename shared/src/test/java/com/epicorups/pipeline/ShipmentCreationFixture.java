package com.epicorups.pipeline;

import static com.epicorups.pipeline.TestDoubles.release;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.pipeline.TestDoubles.FlakyLedger;
import com.epicorups.pipeline.TestDoubles.MemoryLabels;
import com.epicorups.pipeline.TestDoubles.RecordingQueue;
import com.epicorups.pipeline.TestDoubles.ScriptedAddressValidation;
import com.epicorups.pipeline.TestDoubles.ScriptedEpicor;
import com.epicorups.pipeline.TestDoubles.ScriptedUps;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import com.epicorups.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The scripted Epicor, UPS, stores and queues a {@link ShipmentCreation} runs against in the use-case tests that
 * extend it, fresh for every test, and a builder wired to them.
 */
abstract class ShipmentCreationFixture {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    final InMemoryShipmentLedger memoryLedger = new InMemoryShipmentLedger();
    /** The ledger the creation is given: {@link #memoryLedger}, failing only when a test says so. */
    final FlakyLedger ledger = new FlakyLedger(memoryLedger);
    final ScriptedEpicor epicor = new ScriptedEpicor();
    final ScriptedAddressValidation validation = new ScriptedAddressValidation();
    final ScriptedUps ups = new ScriptedUps();
    final MemoryLabels labels = new MemoryLabels();
    final RecordingQueue trackingUpdates = new RecordingQueue();
    final RecordingQueue dlq = new RecordingQueue();
    final InMemoryAuditLog audit = new InMemoryAuditLog();
    /** Counts the owner ids handed out, one per claim attempt. */
    final AtomicInteger owners = new AtomicInteger();

    /** A builder wired to this fixture's doubles; the test adds its own options and builds. */
    ShipmentCreation.Builder creationBuilder() {
        return ShipmentCreation.builder().ledger(ledger).epicor(epicor).addressValidation(validation).ups(ups)
                .labels(labels).trackingUpdates(trackingUpdates).deadLetterQueue(dlq).auditLog(audit).clock(clock)
                .ownerIds(() -> "owner-" + owners.incrementAndGet());
    }

    /** A release of {@code key} to {@code shipTo}, which Epicor's re-read finds shippable as it is. */
    ShippableRelease shippableInEpicor(ReleaseKey key, Address shipTo) {
        ShippableRelease r = release(key, 10, shipTo);
        epicor.current.put(key, ReleaseRecheck.shippable(r));
        return r;
    }

    /** An SQS event of {@code bodies}, each on its first delivery, the i-th with message id {@code messageId(i)}. */
    static SQSEvent sqsBatch(List<String> bodies, IntFunction<String> messageId) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            var m = new SQSEvent.SQSMessage();
            m.setMessageId(messageId.apply(i));
            m.setBody(bodies.get(i));
            m.setReceiptHandle("rh-" + m.getMessageId());
            m.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            records.add(m);
        }
        var event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
