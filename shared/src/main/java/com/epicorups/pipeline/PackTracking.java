package com.epicorups.pipeline;

import com.epicorups.core.Reason;
import com.epicorups.model.PackKey;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.port.EpicorWriteBack;
import com.epicorups.port.TrackingFacts;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.PackLedger;
import com.epicorups.store.ProcessedEventStore;
import com.epicorups.store.ShipmentRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Pack mode's tracking: a Quantum View or Track Alert event for one of a pack's packages (the ledger's tracking index
 * finds the pack's item) is ordered by the pack's ledger item and written where release mode writes a release's
 * status, for every release the pack ships ({@link EpicorWriteBack#writePack}). The writer reads first and never
 * moves a status backwards, so a pack's event is written on its own, outside the batch of releases' writes.
 * An event for a voided pack's label writes nothing.
 */
final class PackTracking {
    private final PackLedger ledger;
    private final EpicorWriteBack epicor;
    private final ProcessedEventStore processed;
    private final Auditor audit;
    private final Clock clock;
    private final Function<TrackingUpdate, Map<String, String>> details;

    PackTracking(PackLedger ledger, EpicorWriteBack epicor, ProcessedEventStore processed, Auditor audit, Clock clock,
                 Function<TrackingUpdate, Map<String, String>> details) {
        this.ledger = ledger;
        this.epicor = epicor;
        this.processed = processed;
        this.audit = audit;
        this.clock = clock;
        this.details = details;
    }

    /**
     * Writes {@code update} for the pack of {@code record}. A failure (a {@code ConnectorException}) is the caller's
     * to retry or dead-letter; the event is remembered only once Epicor has it.
     */
    MessageResult write(TrackingUpdate update, ShipmentRecord record, Instant started) {
        PackKey pack = record.pack();
        String subject = pack.asString();
        if (!record.shipped()) {
            audit.record(subject, AuditOperation.TRACKING_UPDATE, AuditOutcome.SKIPPED, Reason.LABEL_VOIDED,
                    "pack " + pack.packNum() + " is " + record.state() + " (its label voided at UPS): "
                            + update.status() + " not written", started, details.apply(update));
            processed.remember(update.eventId(), now());
            return MessageResult.skipped(Reason.LABEL_VOIDED, update.eventId());
        }
        boolean applied = ledger.recordStatus(pack, update.status(), update.eventTime());
        boolean sameFact = record.lastStatus() == update.status() && sameInstant(record.lastEventTime(),
                update.eventTime());
        String factId = "written#" + subject + "#" + update.status() + "#"
                + (update.eventTime() == null ? "" : update.eventTime().truncatedTo(ChronoUnit.MILLIS).toEpochMilli());
        if (!applied && !sameFact) {
            audit.record(subject, AuditOperation.TRACKING_UPDATE, AuditOutcome.SKIPPED, Reason.STALE_EVENT,
                    update.status() + " at " + update.eventTime() + " is older than " + record.lastStatus() + " at "
                            + record.lastEventTime() + "; nothing written", started, details.apply(update));
            processed.remember(update.eventId(), now());
            return MessageResult.skipped(Reason.STALE_EVENT, update.eventId());
        }
        if (!applied && processed.seen(factId)) {
            audit.record(subject, AuditOperation.EPICOR_WRITE, AuditOutcome.SKIPPED, Reason.NOTHING_TO_WRITE,
                    "Epicor already had these facts (shipment ledger)", clock.instant(), Map.of());
        } else {
            Set<String> numbers = new LinkedHashSet<>(record.trackingNumbers());
            numbers.addAll(update.trackingNumbers());
            TrackingFacts facts = new TrackingFacts(List.copyOf(numbers), update.status(),
                    update.statusDescription(), update.estimatedDelivery(), update.deliveredAt(),
                    update.labelLocation() != null ? update.labelLocation() : record.labelLocation(),
                    update.customsFormsLocation(), update.shippedService(), update.shippingCharge());
            Map<String, Object> written = epicor.writePack(pack, facts);
            Map<String, String> writtenDetails = new LinkedHashMap<>();
            written.forEach((field, value) -> writtenDetails.put("field." + field,
                    Texts.truncate(String.valueOf(value), 500)));
            audit.record(subject, AuditOperation.EPICOR_WRITE,
                    written.isEmpty() ? AuditOutcome.SKIPPED : AuditOutcome.SUCCESS,
                    written.isEmpty() ? Reason.NOTHING_TO_WRITE : null,
                    written.isEmpty() ? "Epicor already had these facts" : written.size()
                            + " field(s) written for pack " + pack.packNum(), clock.instant(), writtenDetails);
            processed.remember(factId, now());
        }
        processed.remember(update.eventId(), now());
        audit.record(subject, AuditOperation.TRACKING_UPDATE, AuditOutcome.SUCCESS, null,
                update.status() + " from " + update.source(), started, details.apply(update));
        return MessageResult.done();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean sameInstant(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.truncatedTo(ChronoUnit.MILLIS).equals(b.truncatedTo(ChronoUnit.MILLIS));
    }
}
