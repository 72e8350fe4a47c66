package com.epicorups.pipeline;

import com.epicorups.core.Reason;
import com.epicorups.model.PackKey;
import com.epicorups.pipeline.PackCreation.Held;
import com.epicorups.pipeline.PackCreation.PackAttempt;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.LedgerState;
import com.epicorups.store.PackLedger;
import com.epicorups.store.ShipmentRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Voids the UPS shipment of a pack voided in Epicor after its label was bought, exactly once: the ledger's
 * conditional SHIPPED/WRITTEN → VOIDING transition lets one attempt call UPS Void, VOIDING → VOIDED ends it. Epicor
 * refuses any update to a voided pack, so "clearing its tracking" is the connector's own record: the ledger says
 * VOIDED and the audit names the voided shipment and tracking numbers.
 */
final class PackVoids {
    /** How a failed void is classified and carried out (the creator's failure handling). */
    @FunctionalInterface
    interface Failure {
        MessageResult failed(PackAttempt a, AuditOperation operation, RuntimeException e, Held held);
    }

    private final PackLedger ledger;
    private final PackShipping packs;
    private final Auditor audit;
    private final Failure failure;
    private final Clock clock;
    private final Duration lease;

    PackVoids(PackLedger ledger, PackShipping packs, Auditor audit, Failure failure, Clock clock, Duration lease) {
        this.ledger = ledger;
        this.packs = packs;
        this.audit = audit;
        this.failure = failure;
        this.clock = clock;
        this.lease = lease;
    }

    /** A PACK_VOID message from the poll's void pass: the pack is voided in Epicor. */
    MessageResult voidLabel(PackAttempt a) {
        return voidIt(a, a.request().pack().warehouse(), "voided in Epicor after its label was bought");
    }

    /** The write-back found the pack voided in Epicor right after its label was bought. */
    MessageResult voidedBeforeWriteBack(PackAttempt a, String shipmentId, String warehouse, String epicorSaid) {
        audit.record(a.subject(), AuditOperation.EPICOR_WRITE, AuditOutcome.SKIPPED, Reason.EPICOR_PACK_NOT_FOUND,
                epicorSaid, a.started(), Map.of("shipmentId", String.valueOf(shipmentId)));
        return voidIt(a, warehouse, "voided in Epicor before its label was written back");
    }

    private MessageResult voidIt(PackAttempt a, String warehouse, String why) {
        PackKey key = a.key();
        Optional<ShipmentRecord> voiding;
        try {
            voiding = ledger.claimVoid(key, a.owner(), now(), lease);
        } catch (RuntimeException e) {
            return failure.failed(a, AuditOperation.SHIPMENT_VOID, e, Held.NOTHING);
        }
        if (voiding.isEmpty()) {
            return notOurs(a, ledger.get(key).orElse(null));
        }
        ShipmentRecord record = voiding.get();
        Instant t = clock.instant();
        try {
            packs.voidShipment(record.shipmentId(), warehouse);
        } catch (RuntimeException e) {
            ledger.releaseVoid(key, a.owner());
            return failure.failed(a, AuditOperation.SHIPMENT_VOID, e, Held.VOID);
        }
        ledger.markVoided(key, a.owner(), now());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("shipmentId", record.shipmentId());
        details.put("trackingNumbers", String.join(",", record.trackingNumbers()));
        details.put("ledgerState", LedgerState.VOIDED.name());
        audit.record(a.subject(), AuditOperation.SHIPMENT_VOID, AuditOutcome.SUCCESS, Reason.LABEL_VOIDED, "pack "
                + key.packNum() + " " + why + ": UPS shipment " + record.shipmentId() + " voided; its tracking "
                + record.trackingNumbers() + " is cleared in the connector's ledger (Epicor refuses updates to a "
                + "voided pack)", t, details);
        return MessageResult.done();
    }

    /** Nothing for this attempt to void: voided already, being voided by another attempt, or never shipped by us. */
    private MessageResult notOurs(PackAttempt a, ShipmentRecord record) {
        LedgerState state = record == null ? null : record.state();
        if (state == LedgerState.VOIDING) {
            String text = "another attempt is voiding pack " + a.key().packNum() + " until " + record.leaseUntil();
            audit.record(a.subject(), AuditOperation.SHIPMENT_VOID, AuditOutcome.RETRYING, Reason.CLAIM_IN_PROGRESS,
                    text, a.started(), Map.of());
            Duration left = record.leaseUntil() == null ? lease : Duration.between(clock.instant(), record.leaseUntil());
            return MessageResult.retryAfter(Reason.CLAIM_IN_PROGRESS, text, left.isNegative() ? Duration.ZERO : left);
        }
        String text = state == LedgerState.VOIDED ? "already voided at UPS (" + record.shipmentId() + "); not again"
                : "the connector holds no label for pack " + a.key().packNum() + " (ledger: " + state + "): nothing to void";
        audit.record(a.subject(), AuditOperation.SHIPMENT_VOID, AuditOutcome.SKIPPED,
                state == LedgerState.VOIDED ? Reason.LABEL_VOIDED : Reason.NOTHING_TO_WRITE, text, a.started(),
                Map.of("ledgerState", String.valueOf(state)));
        return MessageResult.skipped(state == LedgerState.VOIDED ? Reason.LABEL_VOIDED : Reason.NOTHING_TO_WRITE, text);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
