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
    // By key text, as the table's pk: a release's, or a pack's (InMemoryPackLedger), whose records name no release.
    private final Map<String, ShipmentRecord> records = new HashMap<>();
    // Like the table's byTrackingNumber index: a lookup, not a scan of every release.
    private final Map<String, String> byTrackingNumber = new HashMap<>();
    // Like the table's sparse renewal index without the release: out until it is shipped again.
    private final Set<String> subscriptionRefused = new HashSet<>();
    // Like the table's reconcileFirst attribute: releases an attempt of which ended with UPS's answer unknown.
    private final Set<String> reconcileFirst = new HashSet<>();

    /** The packs' ledger over the same items. */
    @Override
    public com.epicorups.store.PackLedger packs() {
        return new InMemoryPackLedger(this);
    }

    @Override
    public ClaimResult claim(ReleaseKey key, String owner, Instant now, Duration lease) {
        return claim(key.asString(), key, owner, now, lease);
    }

    /** The claim of any ledger key by its text; {@code release} is null for a pack's. */
    synchronized ClaimResult claim(String text, ReleaseKey release, String owner, Instant now, Duration lease) {
        ShipmentRecord current = records.get(text);
        if (current == null || current.state() == LedgerState.NEEDS_ATTENTION) {
            int attempt = current == null ? 1 : current.attempt() + 1;
            ShipmentRecord claimed = new ShipmentRecord(release, LedgerState.CLAIMED, attempt, owner, now.plus(lease),
                    null, List.of(), null, null, null, null, null, now);
            records.put(text, named(text, claimed));
            return new ClaimResult(reconcileFirst.contains(text) ? ClaimResult.Status.RECLAIMED_AFTER_EXPIRY
                    : ClaimResult.Status.CLAIMED, claimed);
        }
        if (current.shipped() || current.state() == LedgerState.VOIDING || current.state() == LedgerState.VOIDED) {
            return new ClaimResult(ClaimResult.Status.ALREADY_SHIPPED, current);
        }
        if (current.state() == LedgerState.CLAIMED && owner.equals(current.owner())) {
            ClaimResult repeated = ClaimResult.repeatedByOwner(current);
            if (repeated.status() == ClaimResult.Status.RECLAIMED_AFTER_EXPIRY) {
                reconcileFirst.add(text);
            }
            return repeated;
        }
        if (current.leaseUntil() != null && current.leaseUntil().isAfter(now)) {
            return new ClaimResult(ClaimResult.Status.IN_PROGRESS, current);
        }
        if (current.owner() != null) {
            // Its lease ran out (a given-back claim names no owner): that attempt may have reached UPS.
            reconcileFirst.add(text);
        }
        ShipmentRecord reclaimed = new ShipmentRecord(release, LedgerState.CLAIMED, current.attempt() + 1, owner,
                now.plus(lease), null, List.of(), null, null, null, null, null, now);
        records.put(text, named(text, reclaimed));
        return new ClaimResult(reconcileFirst.contains(text) ? ClaimResult.Status.RECLAIMED_AFTER_EXPIRY
                : ClaimResult.Status.CLAIMED, reclaimed);
    }

    @Override
    public synchronized ShipmentRecord markShipped(ReleaseKey key, String owner, String shipmentId,
                                                   List<String> trackingNumbers, String labelLocation, Instant now) {
        return markShipped(key.asString(), key, owner, shipmentId, trackingNumbers, labelLocation, now);
    }

    synchronized ShipmentRecord markShipped(String text, ReleaseKey release, String owner, String shipmentId,
                                            List<String> trackingNumbers, String labelLocation, Instant now) {
        ShipmentRecord current = ownedClaim(text, owner);
        ShipmentRecord shipped = new ShipmentRecord(release, LedgerState.SHIPPED, current.attempt(), null, null,
                shipmentId, trackingNumbers, labelLocation, TrackingStatus.LABEL_CREATED, now, null, null, now);
        records.put(text, named(text, shipped));
        subscriptionRefused.remove(text);
        trackingNumbers.forEach(number -> byTrackingNumber.put(number, text));
        return records.get(text);
    }

    @Override
    public void markNeedsAttention(ReleaseKey key, String owner, String reasonCode, Instant now) {
        markNeedsAttention(key.asString(), key, owner, reasonCode, now);
    }

    synchronized void markNeedsAttention(String text, ReleaseKey release, String owner, String reasonCode,
                                         Instant now) {
        ShipmentRecord current = ownedClaim(text, owner);
        records.put(text, named(text, new ShipmentRecord(release, LedgerState.NEEDS_ATTENTION, current.attempt(), null, null,
                null, List.of(), null, null, null, null, reasonCode, now)));
    }

    @Override
    public void releaseClaim(ReleaseKey key, String owner) {
        releaseClaim(key.asString(), owner);
    }

    synchronized void releaseClaim(String text, String owner) {
        ShipmentRecord current = records.get(text);
        if (current != null && current.state() == LedgerState.CLAIMED && owner.equals(current.owner())) {
            records.put(text, named(text, new ShipmentRecord(current.key(), LedgerState.CLAIMED, current.attempt(), null,
                    Instant.EPOCH, null, List.of(), null, null, null, null, current.reasonCode(), current.updatedAt())));
        }
    }

    @Override
    public void markWritten(ReleaseKey key, Instant now) {
        markWritten(key.asString(), now);
    }

    synchronized void markWritten(String text, Instant now) {
        ShipmentRecord r = records.get(text);
        if (r != null && r.state() == LedgerState.SHIPPED) {
            records.put(text, named(text, r.withState(LedgerState.WRITTEN, null, null, now)));
        }
    }

    /** Replaces the record of {@code text} (the pack ledger's void transitions). */
    synchronized void put(String text, ShipmentRecord record) {
        records.put(text, named(text, record));
    }

    /** A pack's record names its pack, as the DynamoDB ledger's does (its pk is the pack's key). */
    private static ShipmentRecord named(String text, ShipmentRecord record) {
        return com.epicorups.model.PackKey.isPackKey(text) ? record.ofPack(com.epicorups.model.PackKey.parse(text))
                : record;
    }

    @Override
    public Optional<ShipmentRecord> get(ReleaseKey key) {
        return get(key.asString());
    }

    synchronized Optional<ShipmentRecord> get(String text) {
        return Optional.ofNullable(records.get(text));
    }

    @Override
    public synchronized Optional<ShipmentRecord> findByTrackingNumber(String trackingNumber) {
        String key = byTrackingNumber.get(trackingNumber);
        ShipmentRecord record = key == null ? null : records.get(key);
        return record != null && record.trackingNumbers().contains(trackingNumber) ? Optional.of(record)
                : Optional.empty();
    }

    @Override
    public boolean recordStatus(ReleaseKey key, TrackingStatus status, Instant eventTime) {
        return recordStatus(key.asString(), status, eventTime);
    }

    synchronized boolean recordStatus(String text, TrackingStatus status, Instant eventTime) {
        ShipmentRecord r = records.get(text);
        if (r == null || !r.shipped() || !status.mayReplace(r.lastStatus())) {
            return false;
        }
        boolean sameRank = r.lastStatus() != null && r.lastStatus().rank() == status.rank();
        if (sameRank && r.lastEventTime() != null && eventTime != null && !eventTime.isAfter(r.lastEventTime())) {
            return false;
        }
        records.put(text, new ShipmentRecord(r.key(), r.state(), r.attempt(), r.owner(), r.leaseUntil(),
                r.shipmentId(), r.trackingNumbers(), r.labelLocation(), status, eventTime, r.subscriptionExpiresAt(), r.reasonCode(),
                r.updatedAt(), r.pack(), r.freight()));
        return true;
    }

    @Override
    public void recordSubscription(ReleaseKey key, Instant expiresAt) {
        recordSubscription(key.asString(), expiresAt);
    }

    synchronized void recordSubscription(String text, Instant expiresAt) {
        ShipmentRecord r = records.get(text);
        if (r != null) {
            records.put(text, new ShipmentRecord(r.key(), r.state(), r.attempt(), r.owner(), r.leaseUntil(),
                    r.shipmentId(), r.trackingNumbers(), r.labelLocation(), r.lastStatus(), r.lastEventTime(),
                    expiresAt, r.reasonCode(), r.updatedAt(), r.pack(), r.freight()));
        }
    }

    @Override
    public void recordSubscriptionRefused(ReleaseKey key) {
        recordSubscriptionRefused(key.asString());
    }

    synchronized void recordSubscriptionRefused(String text) {
        if (records.containsKey(text)) {
            subscriptionRefused.add(text);
        }
    }

    @Override
    public synchronized List<ShipmentRecord> subscriptionsExpiringBefore(Instant before, int limit) {
        return records.values().stream()
                .filter(ShipmentRecord::shipped)
                .filter(r -> !subscriptionRefused.contains(r.keyText()))
                .filter(r -> r.lastStatus() == null || !r.lastStatus().terminal())
                .filter(r -> r.subscriptionExpiresAt() == null || r.subscriptionExpiresAt().isBefore(before))
                // never-subscribed first, then soonest expiry: the order of the DynamoDB index
                .sorted(Comparator.comparing((ShipmentRecord r) -> r.subscriptionExpiresAt() == null ? Instant.EPOCH
                        : r.subscriptionExpiresAt()).thenComparing(ShipmentRecord::keyText))
                .limit(limit)
                .toList();
    }

    private ShipmentRecord ownedClaim(String key, String owner) {
        ShipmentRecord current = records.get(key);
        if (current == null || current.state() != LedgerState.CLAIMED || !owner.equals(current.owner())) {
            throw new LedgerConflictException("release " + key + " is not claimed by " + owner);
        }
        return current;
    }
}
