package com.epicorups.store.memory;

import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingStatus;
import com.epicorups.store.ClaimResult;
import com.epicorups.store.LedgerConflictException;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ShipmentLedger;
import com.epicorups.store.ShipmentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The local-run shipment ledger: same contract as the DynamoDB one, held in memory. */
public final class InMemoryShipmentLedger implements ShipmentLedger {
    private final Map<ReleaseKey, ShipmentRecord> records = new HashMap<>();
    // Like the table's byTrackingNumber index: a lookup, not a scan of every release.
    private final Map<String, ReleaseKey> byTrackingNumber = new HashMap<>();
    // Like the table's sparse renewal index without the release: out until it is shipped again.
    private final Set<ReleaseKey> subscriptionRefused = new HashSet<>();
    // Like the table's reconcileFirst attribute: releases an attempt of which ended with UPS's answer unknown.
    private final Set<ReleaseKey> reconcileFirst = new HashSet<>();

    @Override
    public synchronized ClaimResult claim(ReleaseKey key, String owner, Instant now, Duration lease) {
        ShipmentRecord current = records.get(key);
        if (current == null || current.state() == LedgerState.NEEDS_ATTENTION) {
            int attempt = current == null ? 1 : current.attempt() + 1;
            ShipmentRecord claimed = new ShipmentRecord(key, LedgerState.CLAIMED, attempt, owner, now.plus(lease),
                    null, List.of(), null, null, null, null, null, now);
            records.put(key, claimed);
            return new ClaimResult(reconcileFirst.contains(key) ? ClaimResult.Status.RECLAIMED_AFTER_EXPIRY
                    : ClaimResult.Status.CLAIMED, claimed);
        }
        if (current.shipped()) {
            return new ClaimResult(ClaimResult.Status.ALREADY_SHIPPED, current);
        }
        if (current.state() == LedgerState.CLAIMED && owner.equals(current.owner())) {
            ClaimResult repeated = ClaimResult.repeatedByOwner(current);
            if (repeated.status() == ClaimResult.Status.RECLAIMED_AFTER_EXPIRY) {
                reconcileFirst.add(key);
            }
            return repeated;
        }
        if (current.leaseUntil() != null && current.leaseUntil().isAfter(now)) {
            return new ClaimResult(ClaimResult.Status.IN_PROGRESS, current);
        }
        if (current.owner() != null) {
            // Its lease ran out (a given-back claim names no owner): that attempt may have reached UPS.
            reconcileFirst.add(key);
        }
        ShipmentRecord reclaimed = new ShipmentRecord(key, LedgerState.CLAIMED, current.attempt() + 1, owner,
                now.plus(lease), null, List.of(), null, null, null, null, null, now);
        records.put(key, reclaimed);
        return new ClaimResult(reconcileFirst.contains(key) ? ClaimResult.Status.RECLAIMED_AFTER_EXPIRY
                : ClaimResult.Status.CLAIMED, reclaimed);
    }

    @Override
    public synchronized ShipmentRecord markShipped(ReleaseKey key, String owner, String shipmentId,
                                                   List<String> trackingNumbers, String labelLocation, Instant now) {
        ShipmentRecord current = ownedClaim(key, owner);
        ShipmentRecord shipped = new ShipmentRecord(key, LedgerState.SHIPPED, current.attempt(), null, null,
                shipmentId, trackingNumbers, labelLocation, TrackingStatus.LABEL_CREATED, now, null, null, now);
        records.put(key, shipped);
        subscriptionRefused.remove(key);
        trackingNumbers.forEach(number -> byTrackingNumber.put(number, key));
        return shipped;
    }

    @Override
    public synchronized void markNeedsAttention(ReleaseKey key, String owner, String reasonCode, Instant now) {
        ShipmentRecord current = ownedClaim(key, owner);
        records.put(key, new ShipmentRecord(key, LedgerState.NEEDS_ATTENTION, current.attempt(), null, null, null,
                List.of(), null, null, null, null, reasonCode, now));
    }

    @Override
    public synchronized void releaseClaim(ReleaseKey key, String owner) {
        ShipmentRecord current = records.get(key);
        if (current != null && current.state() == LedgerState.CLAIMED && owner.equals(current.owner())) {
            records.put(key, new ShipmentRecord(key, LedgerState.CLAIMED, current.attempt(), null, Instant.EPOCH,
                    null, List.of(), null, null, null, null, current.reasonCode(), current.updatedAt()));
        }
    }

    @Override
    public synchronized void markWritten(ReleaseKey key, Instant now) {
        ShipmentRecord r = records.get(key);
        if (r != null && r.state() == LedgerState.SHIPPED) {
            records.put(key, new ShipmentRecord(key, LedgerState.WRITTEN, r.attempt(), null, null, r.shipmentId(),
                    r.trackingNumbers(), r.labelLocation(), r.lastStatus(), r.lastEventTime(),
                    r.subscriptionExpiresAt(), r.reasonCode(), now));
        }
    }

    @Override
    public synchronized Optional<ShipmentRecord> get(ReleaseKey key) {
        return Optional.ofNullable(records.get(key));
    }

    @Override
    public synchronized Optional<ShipmentRecord> findByTrackingNumber(String trackingNumber) {
        ReleaseKey key = byTrackingNumber.get(trackingNumber);
        ShipmentRecord record = key == null ? null : records.get(key);
        return record != null && record.trackingNumbers().contains(trackingNumber) ? Optional.of(record)
                : Optional.empty();
    }

    @Override
    public synchronized boolean recordStatus(ReleaseKey key, TrackingStatus status, Instant eventTime) {
        ShipmentRecord r = records.get(key);
        if (r == null || !r.shipped() || !status.mayReplace(r.lastStatus())) {
            return false;
        }
        boolean sameRank = r.lastStatus() != null && r.lastStatus().rank() == status.rank();
        if (sameRank && r.lastEventTime() != null && eventTime != null && !eventTime.isAfter(r.lastEventTime())) {
            return false;
        }
        records.put(key, new ShipmentRecord(key, r.state(), r.attempt(), r.owner(), r.leaseUntil(), r.shipmentId(),
                r.trackingNumbers(), r.labelLocation(), status, eventTime, r.subscriptionExpiresAt(), r.reasonCode(),
                r.updatedAt()));
        return true;
    }

    @Override
    public synchronized void recordSubscription(ReleaseKey key, Instant expiresAt) {
        ShipmentRecord r = records.get(key);
        if (r != null) {
            records.put(key, new ShipmentRecord(key, r.state(), r.attempt(), r.owner(), r.leaseUntil(),
                    r.shipmentId(), r.trackingNumbers(), r.labelLocation(), r.lastStatus(), r.lastEventTime(),
                    expiresAt, r.reasonCode(), r.updatedAt()));
        }
    }

    @Override
    public synchronized void recordSubscriptionRefused(ReleaseKey key) {
        if (records.containsKey(key)) {
            subscriptionRefused.add(key);
        }
    }

    @Override
    public synchronized List<ShipmentRecord> subscriptionsExpiringBefore(Instant before, int limit) {
        return records.values().stream()
                .filter(ShipmentRecord::shipped)
                .filter(r -> !subscriptionRefused.contains(r.key()))
                .filter(r -> r.lastStatus() == null || !r.lastStatus().terminal())
                .filter(r -> r.subscriptionExpiresAt() == null || r.subscriptionExpiresAt().isBefore(before))
                // never-subscribed first, then soonest expiry: the order of the DynamoDB index
                .sorted(Comparator.comparing((ShipmentRecord r) -> r.subscriptionExpiresAt() == null ? Instant.EPOCH
                        : r.subscriptionExpiresAt()).thenComparing(r -> r.key().asString()))
                .limit(limit)
                .toList();
    }

    private ShipmentRecord ownedClaim(ReleaseKey key, String owner) {
        ShipmentRecord current = records.get(key);
        if (current == null || current.state() != LedgerState.CLAIMED || !owner.equals(current.owner())) {
            throw new LedgerConflictException("release " + key + " is not claimed by " + owner);
        }
        return current;
    }
}
