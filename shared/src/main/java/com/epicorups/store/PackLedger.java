package com.epicorups.store;

import com.epicorups.model.PackKey;
import com.epicorups.model.TrackingStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The never-twice ledger of pack mode: the same table, conditional writes and claim rules as
 * {@link ShipmentLedger}, one item per {@link PackKey} ({@code company#PACK#n}, never a release's key). A pack's
 * {@link ShipmentRecord} names no release: its {@code key()} is null; the caller knows the pack.
 *
 * <p>A pack's shipment is tracked as a release's is: its item joins the tracking number index (every package's
 * number finds it, with {@link ShipmentRecord#pack()} naming the pack) and the Track Alert renewal index, and its
 * statuses are ordered by {@link #recordStatus}. A pack voided in Epicor after its label was bought is voided at UPS once:
 * {@link #claimVoid} lets one attempt at a time void it, {@link #markVoided} ends it.
 */
public interface PackLedger {
    ClaimResult claim(PackKey key, String owner, Instant now, Duration lease);

    /** CLAIMED by {@code owner} to SHIPPED. Throws {@link LedgerConflictException} if the claim was lost. */
    default ShipmentRecord markShipped(PackKey key, String owner, String shipmentId, List<String> trackingNumbers,
                                       String labelLocation, Instant now) {
        return markShipped(key, owner, shipmentId, trackingNumbers, labelLocation, null, now);
    }

    /**
     * CLAIMED by {@code owner} to SHIPPED, keeping {@code freight} (what UPS charged, null when unknown) with the
     * shipment. Throws {@link LedgerConflictException} if the claim was lost.
     */
    ShipmentRecord markShipped(PackKey key, String owner, String shipmentId, List<String> trackingNumbers,
                               String labelLocation, BigDecimal freight, Instant now);

    /** CLAIMED by {@code owner} to NEEDS_ATTENTION with the reason; a later claim (replay) may ship it. */
    void markNeedsAttention(PackKey key, String owner, String reasonCode, Instant now);

    /** Gives up a claim while UPS cannot hold a shipment from this attempt (see {@link ShipmentLedger#releaseClaim}). */
    void releaseClaim(PackKey key, String owner);

    /** SHIPPED to WRITTEN once the pack has its tracking in Epicor. Idempotent. */
    void markWritten(PackKey key, Instant now);

    Optional<ShipmentRecord> get(PackKey key);

    /** The records of those {@code keys} the ledger has; a key without a record is absent. */
    default Map<PackKey, ShipmentRecord> getAll(Collection<PackKey> keys) {
        Map<PackKey, ShipmentRecord> found = new HashMap<>();
        for (PackKey key : new LinkedHashSet<>(keys)) {
            get(key).ifPresent(record -> found.put(key, record));
        }
        return found;
    }

    /**
     * SHIPPED or WRITTEN (or VOIDING whose lease ended) to VOIDING by {@code owner} until {@code now + lease}, in one
     * conditional write: the one attempt that may call UPS Void for the pack's shipment. Returns the record as
     * voiding, or empty when the pack is not the ledger's to void (never shipped, voided already, or another
     * attempt is voiding it now).
     */
    Optional<ShipmentRecord> claimVoid(PackKey key, String owner, Instant now, Duration lease);

    /** VOIDING by {@code owner} to VOIDED. Throws {@link LedgerConflictException} if the void claim was lost. */
    void markVoided(PackKey key, String owner, Instant now);

    /** Gives up a void claim after a failure, so that a retry may void at once. */
    void releaseVoid(PackKey key, String owner);

    /** {@link ShipmentLedger#recordStatus} for the pack's shipment (SHIPPED or WRITTEN only, never backwards). */
    boolean recordStatus(PackKey key, TrackingStatus status, Instant eventTime);

    /** {@link ShipmentLedger#recordSubscription} for the pack's shipment. */
    void recordSubscription(PackKey key, Instant expiresAt);

    /** {@link ShipmentLedger#recordSubscriptionRefused} for the pack's shipment. */
    void recordSubscriptionRefused(PackKey key);
}
