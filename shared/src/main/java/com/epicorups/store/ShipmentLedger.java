package com.epicorups.store;

import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The never-twice ledger: one item per release key. Every state change is one conditional write.
 */
public interface ShipmentLedger {
    /**
     * The pack mode ledger over the same items (one table): its pack keys never equal a release key.
     *
     * @throws UnsupportedOperationException for a ledger that holds releases only
     */
    default PackLedger packs() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " holds no packs");
    }

    ClaimResult claim(ReleaseKey key, String owner, Instant now, Duration lease);

    /** CLAIMED by {@code owner} to SHIPPED. Throws {@link LedgerConflictException} if the claim was lost. */
    ShipmentRecord markShipped(ReleaseKey key, String owner, String shipmentId, List<String> trackingNumbers,
                               String labelLocation, Instant now);

    /** CLAIMED by {@code owner} to NEEDS_ATTENTION with the reason; a later claim (replay) may ship it. */
    void markNeedsAttention(ReleaseKey key, String owner, String reasonCode, Instant now);

    /**
     * Gives up a claim after a transient failure while UPS cannot hold a shipment from this attempt (before the create
     * call, or a create UPS refused unprocessed), so the next delivery can claim at once, without reconciling (unless
     * an earlier claim of the release lapsed: then every later claim reconciles).
     */
    void releaseClaim(ReleaseKey key, String owner);

    /** SHIPPED to WRITTEN once Epicor has the tracking number. Idempotent. */
    void markWritten(ReleaseKey key, Instant now);

    Optional<ShipmentRecord> get(ReleaseKey key);

    /**
     * The records of those {@code keys} the ledger has, by key; a key with no record at all is absent from the map.
     * The default asks {@link #get} once per key; stores with a batched read override it.
     */
    default Map<ReleaseKey, ShipmentRecord> getAll(Collection<ReleaseKey> keys) {
        Map<ReleaseKey, ShipmentRecord> found = new HashMap<>();
        for (ReleaseKey key : new LinkedHashSet<>(keys)) {
            get(key).ifPresent(record -> found.put(key, record));
        }
        return found;
    }

    Optional<ShipmentRecord> findByTrackingNumber(String trackingNumber);

    /**
     * Records a tracking status if it does not move the release backwards (see
     * {@link TrackingStatus#mayReplace}; at equal rank only a later event time wins). Returns whether it did.
     */
    boolean recordStatus(ReleaseKey key, TrackingStatus status, Instant eventTime);

    void recordSubscription(ReleaseKey key, Instant expiresAt);

    /**
     * Track Alert refused every tracking number of the release for good (UPS called them invalid, or CIE refused
     * numbers that are not its test numbers, VSS215): the release is no longer listed for renewal, so it is not
     * refused again every run. Its tracking still arrives through Quantum View and the Tracking API.
     */
    void recordSubscriptionRefused(ReleaseKey key);

    /** Shipped, not yet in a terminal status, whose Track Alert subscription ends before {@code before}. */
    List<ShipmentRecord> subscriptionsExpiringBefore(Instant before, int limit);
}
