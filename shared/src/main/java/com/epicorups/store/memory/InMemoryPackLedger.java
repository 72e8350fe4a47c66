package com.epicorups.store.memory;

import com.epicorups.model.PackKey;
import com.epicorups.model.TrackingStatus;
import com.epicorups.store.ClaimResult;
import com.epicorups.store.LedgerConflictException;
import com.epicorups.store.LedgerState;
import com.epicorups.store.PackLedger;
import com.epicorups.store.ShipmentRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The local-run pack ledger: the release ledger's items and rules ({@link InMemoryShipmentLedger}) on the pack's
 * key, as the DynamoDB pack ledger shares the shipments table.
 */
public final class InMemoryPackLedger implements PackLedger {
    private final InMemoryShipmentLedger ledger;

    /** @param ledger the release ledger whose items the packs share (one table) */
    public InMemoryPackLedger(InMemoryShipmentLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public ClaimResult claim(PackKey key, String owner, Instant now, Duration lease) {
        return ledger.claim(key.asString(), null, owner, now, lease);
    }

    @Override
    public ShipmentRecord markShipped(PackKey key, String owner, String shipmentId, List<String> trackingNumbers,
                                      String labelLocation, BigDecimal freight, Instant now) {
        synchronized (ledger) {
            ShipmentRecord shipped = ledger.markShipped(key.asString(), null, owner, shipmentId, trackingNumbers,
                    labelLocation, now).withFreight(freight);
            ledger.put(key.asString(), shipped);
            return shipped;
        }
    }

    @Override
    public void markNeedsAttention(PackKey key, String owner, String reasonCode, Instant now) {
        ledger.markNeedsAttention(key.asString(), null, owner, reasonCode, now);
    }

    @Override
    public void releaseClaim(PackKey key, String owner) {
        ledger.releaseClaim(key.asString(), owner);
    }

    @Override
    public void markWritten(PackKey key, Instant now) {
        ledger.markWritten(key.asString(), now);
    }

    @Override
    public Optional<ShipmentRecord> get(PackKey key) {
        return ledger.get(key.asString());
    }

    @Override
    public Optional<ShipmentRecord> claimVoid(PackKey key, String owner, Instant now, Duration lease) {
        synchronized (ledger) {
            ShipmentRecord r = ledger.get(key.asString()).orElse(null);
            boolean mayVoid = r != null && (r.shipped() || (r.state() == LedgerState.VOIDING
                    && (r.leaseUntil() == null || !r.leaseUntil().isAfter(now))));
            if (!mayVoid) {
                return Optional.empty();
            }
            ShipmentRecord voiding = r.withState(LedgerState.VOIDING, owner, now.plus(lease), now);
            ledger.put(key.asString(), voiding);
            return Optional.of(voiding);
        }
    }

    @Override
    public void markVoided(PackKey key, String owner, Instant now) {
        synchronized (ledger) {
            ShipmentRecord r = ledger.get(key.asString()).orElse(null);
            if (r == null || r.state() != LedgerState.VOIDING || !owner.equals(r.owner())) {
                throw new LedgerConflictException("pack " + key + " is not being voided by " + owner);
            }
            ledger.put(key.asString(), r.withState(LedgerState.VOIDED, null, null, now));
        }
    }

    @Override
    public void releaseVoid(PackKey key, String owner) {
        synchronized (ledger) {
            ShipmentRecord r = ledger.get(key.asString()).orElse(null);
            if (r != null && r.state() == LedgerState.VOIDING && owner.equals(r.owner())) {
                ledger.put(key.asString(), r.withState(LedgerState.VOIDING, owner, Instant.EPOCH, r.updatedAt()));
            }
        }
    }

    @Override
    public boolean recordStatus(PackKey key, TrackingStatus status, Instant eventTime) {
        return ledger.recordStatus(key.asString(), status, eventTime);
    }

    @Override
    public void recordSubscription(PackKey key, Instant expiresAt) {
        ledger.recordSubscription(key.asString(), expiresAt);
    }

    @Override
    public void recordSubscriptionRefused(PackKey key) {
        ledger.recordSubscriptionRefused(key.asString());
    }
}
