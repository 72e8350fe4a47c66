package com.epicorups.store;

import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingStatus;
import java.time.Instant;
import java.util.List;

/**
 * One item of the shipment ledger: everything known about the shipping of one release, or in pack mode of one pack
 * ({@link PackLedger}: then {@code key} is null).
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
        Instant updatedAt) {

    public ShipmentRecord {
        trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
    }

    /** The same record in {@code state}, with that owner and lease, updated at {@code now}. */
    public ShipmentRecord withState(LedgerState state, String owner, Instant leaseUntil, Instant now) {
        return new ShipmentRecord(key, state, attempt, owner, leaseUntil, shipmentId, trackingNumbers, labelLocation,
                lastStatus, lastEventTime, subscriptionExpiresAt, reasonCode, now);
    }

    public boolean shipped() {
        return state == LedgerState.SHIPPED || state == LedgerState.WRITTEN;
    }
}
