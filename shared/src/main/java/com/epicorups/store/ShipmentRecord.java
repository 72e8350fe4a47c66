package com.epicorups.store;

import com.epicorups.model.PackKey;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One item of the shipment ledger: everything known about the shipping of one release, or in pack mode of one pack
 * ({@link PackLedger}: then {@code key} is null and {@code pack} names the pack).
 *
 * @param pack the pack whose shipment this is, in pack mode; null for a release's
 * @param freight what UPS charged for a pack's shipment (negotiated when given), kept from UPS's answer so that a
 *                write-back replayed from SHIPPED writes it too; null when unknown (a release's, or a shipment adopted
 *                through Label Recovery, which carries no charges)
 */
public record ShipmentRecord(
        ReleaseKey key,
        LedgerState state,
        int attempt,
        String owner,
        Instant leaseUntil,
        String shipmentId,
        List<String> trackingNumbers,
        String labelLocation,
        TrackingStatus lastStatus,
        Instant lastEventTime,
        Instant subscriptionExpiresAt,
        String reasonCode,
        Instant updatedAt,
        PackKey pack,
        BigDecimal freight) {

    public ShipmentRecord {
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
    }

    /** A release's record (or a pack's not yet told which pack: see {@link #ofPack}). */
    public ShipmentRecord(ReleaseKey key, LedgerState state, int attempt, String owner, Instant leaseUntil,
                          String shipmentId, List<String> trackingNumbers, String labelLocation,
                          TrackingStatus lastStatus, Instant lastEventTime, Instant subscriptionExpiresAt,
                          String reasonCode, Instant updatedAt) {
        this(key, state, attempt, owner, leaseUntil, shipmentId, trackingNumbers, labelLocation, lastStatus,
                lastEventTime, subscriptionExpiresAt, reasonCode, updatedAt, null, null);
    }

    /** The same record, naming the pack whose shipment it is. */
    public ShipmentRecord ofPack(PackKey pack) {
        return new ShipmentRecord(null, state, attempt, owner, leaseUntil, shipmentId, trackingNumbers, labelLocation,
                lastStatus, lastEventTime, subscriptionExpiresAt, reasonCode, updatedAt, pack, freight);
    }

    /** The same record with the freight UPS charged. */
    public ShipmentRecord withFreight(BigDecimal freight) {
        return new ShipmentRecord(key, state, attempt, owner, leaseUntil, shipmentId, trackingNumbers, labelLocation,
                lastStatus, lastEventTime, subscriptionExpiresAt, reasonCode, updatedAt, pack, freight);
    }

    /** The ledger item's key text: the release's or the pack's. */
    public String keyText() {
        return pack != null ? pack.asString() : key == null ? null : key.asString();
    }

    /** The same record in {@code state}, with that owner and lease, updated at {@code now}. */
    public ShipmentRecord withState(LedgerState state, String owner, Instant leaseUntil, Instant now) {
        return new ShipmentRecord(key, state, attempt, owner, leaseUntil, shipmentId, trackingNumbers, labelLocation,
                lastStatus, lastEventTime, subscriptionExpiresAt, reasonCode, now, pack, freight);
    }

    public boolean shipped() {
        return state == LedgerState.SHIPPED || state == LedgerState.WRITTEN;
    }
}
