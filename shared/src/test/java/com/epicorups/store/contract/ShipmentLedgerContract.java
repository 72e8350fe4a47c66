package com.epicorups.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingStatus;
import com.epicorups.store.ClaimResult;
import com.epicorups.store.LedgerConflictException;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ShipmentLedger;
import com.epicorups.store.ShipmentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ShipmentLedger} does; run against the in-memory and the DynamoDB implementation. */
public abstract class ShipmentLedgerContract {
    protected static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    protected static final Duration LEASE = Duration.ofMinutes(2);
    protected static final ReleaseKey KEY = new ReleaseKey("EPIC06", 5001, 1, 1);
    protected static final ReleaseKey OTHER = new ReleaseKey("EPIC06", 5002, 2, 3);

    private ShipmentLedger ledger;

    /** A ledger with nothing in it. */
    protected abstract ShipmentLedger newLedger();

    @BeforeEach
    void createLedger() {
        ledger = newLedger();
    }

    @Test
    void aClaimAskedAgainByItsOwnerIsStillTheOwnersAndAReclaimStaysAReclaim() {
        // What an SDK retry of a claim whose first try landed looks like: the same owner asks again.
        ledger.claim(KEY, "a", T0, LEASE);
        ClaimResult again = ledger.claim(KEY, "a", T0.plusSeconds(1), LEASE);
        assertThat(again.status()).isEqualTo(ClaimResult.Status.CLAIMED);
        assertThat(again.record().owner()).isEqualTo("a");
        assertThat(ledger.markShipped(KEY, "a", "S1", List.of("1ZA"), null, T0.plusSeconds(2)).shipped()).isTrue();

        ledger.claim(OTHER, "crashed", T0, LEASE);
        assertThat(ledger.claim(OTHER, "b", T0.plus(LEASE), LEASE).status())
                .isEqualTo(ClaimResult.Status.RECLAIMED_AFTER_EXPIRY);
        // The repeat cannot tell whether the first try took over an unfinished claim: it must reconcile.
        assertThat(ledger.claim(OTHER, "b", T0.plus(LEASE).plusSeconds(1), LEASE).status())
                .isEqualTo(ClaimResult.Status.RECLAIMED_AFTER_EXPIRY);
        assertThat(ledger.claim(OTHER, "c", T0.plus(LEASE).plusSeconds(2), LEASE).status())
                .isEqualTo(ClaimResult.Status.IN_PROGRESS);
    }

    @Test
    void theFirstClaimWinsAndALiveLeaseKeepsOthersOut() {
        ClaimResult first = ledger.claim(KEY, "a", T0, LEASE);
        assertThat(first.status()).isEqualTo(ClaimResult.Status.CLAIMED);
        assertThat(first.record().attempt()).isEqualTo(1);
        assertThat(first.record().owner()).isEqualTo("a");
        assertThat(first.record().leaseUntil()).isEqualTo(T0.plus(LEASE));

        ClaimResult second = ledger.claim(KEY, "b", T0.plusSeconds(60), LEASE);
        assertThat(second.status()).isEqualTo(ClaimResult.Status.IN_PROGRESS);
        assertThat(second.record().owner()).isEqualTo("a");
        assertThat(ledger.get(KEY)).get().extracting(ShipmentRecord::state).isEqualTo(LedgerState.CLAIMED);
    }

    @Test
    void anExpiredLeaseIsReclaimedAndSaysSo() {
        ledger.claim(KEY, "a", T0, LEASE);
        ClaimResult reclaimed = ledger.claim(KEY, "b", T0.plus(LEASE), LEASE);
        assertThat(reclaimed.status()).isEqualTo(ClaimResult.Status.RECLAIMED_AFTER_EXPIRY);
        assertThat(reclaimed.record().attempt()).isEqualTo(2);
        assertThat(reclaimed.record().owner()).isEqualTo("b");
        assertThatThrownBy(() -> ledger.markShipped(KEY, "a", "S1", List.of("1Z1"), null, T0.plusSeconds(200)))
                .isInstanceOf(LedgerConflictException.class);
    }

    @Test
    void aShippedReleaseIsNeverClaimedAgain() {
        ledger.claim(KEY, "a", T0, LEASE);
        ShipmentRecord shipped = ledger.markShipped(KEY, "a", "SHIP1", List.of("1ZA", "1ZB"), "s3://b/k", T0.plusSeconds(5));
        assertThat(shipped.state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(shipped.trackingNumbers()).containsExactly("1ZA", "1ZB");
        assertThat(shipped.shipmentId()).isEqualTo("SHIP1");
        assertThat(shipped.labelLocation()).isEqualTo("s3://b/k");
        assertThat(shipped.lastStatus()).isEqualTo(TrackingStatus.LABEL_CREATED);
        assertThat(shipped.owner()).isNull();

        ClaimResult again = ledger.claim(KEY, "b", T0.plus(Duration.ofDays(1)), LEASE);
        assertThat(again.status()).isEqualTo(ClaimResult.Status.ALREADY_SHIPPED);
        assertThat(again.record().trackingNumbers()).containsExactly("1ZA", "1ZB");

        ledger.markWritten(KEY, T0.plusSeconds(10));
        ledger.markWritten(KEY, T0.plusSeconds(11));
        assertThat(ledger.get(KEY)).get().extracting(ShipmentRecord::state).isEqualTo(LedgerState.WRITTEN);
        assertThat(ledger.claim(KEY, "c", T0.plus(Duration.ofDays(2)), LEASE).status())
                .isEqualTo(ClaimResult.Status.ALREADY_SHIPPED);
    }

    @Test
    void onlyTheOwnerMarksShippedOrNeedsAttention() {
        ledger.claim(KEY, "a", T0, LEASE);
        assertThatThrownBy(() -> ledger.markShipped(KEY, "b", "S1", List.of("1Z1"), null, T0))
                .isInstanceOf(LedgerConflictException.class);
        assertThatThrownBy(() -> ledger.markNeedsAttention(KEY, "b", "NO_WEIGHT", T0))
                .isInstanceOf(LedgerConflictException.class);
        assertThatThrownBy(() -> ledger.markShipped(OTHER, "a", "S1", List.of("1Z1"), null, T0))
                .isInstanceOf(LedgerConflictException.class);
        assertThat(ledger.get(KEY)).get().extracting(ShipmentRecord::state).isEqualTo(LedgerState.CLAIMED);
    }

    @Test
    void needsAttentionIsReplayable() {
        ledger.claim(KEY, "a", T0, LEASE);
        ledger.markNeedsAttention(KEY, "a", "ADDRESS_REJECTED", T0.plusSeconds(1));
        ShipmentRecord failed = ledger.get(KEY).orElseThrow();
        assertThat(failed.state()).isEqualTo(LedgerState.NEEDS_ATTENTION);
        assertThat(failed.reasonCode()).isEqualTo("ADDRESS_REJECTED");
        assertThat(failed.owner()).isNull();

        ClaimResult replay = ledger.claim(KEY, "b", T0.plusSeconds(2), LEASE);
        assertThat(replay.status()).isEqualTo(ClaimResult.Status.CLAIMED);
        assertThat(replay.record().attempt()).isEqualTo(2);
        assertThat(ledger.get(KEY).orElseThrow().reasonCode()).isNull();
    }

    /**
     * A claim is given back only while UPS cannot hold a shipment from its attempt (decision 20): the next claim ships
     * without a look-up at UPS. Once a claim of the release lapsed (its attempt may have reached UPS), every later
     * claim reconciles first, also after a give-back or NEEDS_ATTENTION.
     */
    @Test
    void aClaimGivenBackIsTakenAtOnceAndReconciledOnlyOnceAClaimOfTheReleaseLapsed() {
        ledger.claim(KEY, "a", T0, LEASE);
        ledger.releaseClaim(KEY, "someone-else");
        assertThat(ledger.claim(KEY, "b", T0.plusSeconds(1), LEASE).status()).isEqualTo(ClaimResult.Status.IN_PROGRESS);
        ledger.releaseClaim(KEY, "a");
        ClaimResult next = ledger.claim(KEY, "b", T0.plusSeconds(2), LEASE);
        assertThat(next.status()).isEqualTo(ClaimResult.Status.CLAIMED);
        assertThat(next.record().owner()).isEqualTo("b");
        assertThat(next.record().attempt()).isEqualTo(2);

        Instant lapsed = T0.plusSeconds(2).plus(LEASE);
        assertThat(ledger.claim(KEY, "c", lapsed, LEASE).status()).isEqualTo(ClaimResult.Status.RECLAIMED_AFTER_EXPIRY);
        ledger.releaseClaim(KEY, "c");
        assertThat(ledger.claim(KEY, "d", lapsed.plusSeconds(1), LEASE).status())
                .isEqualTo(ClaimResult.Status.RECLAIMED_AFTER_EXPIRY);
        ledger.markNeedsAttention(KEY, "d", "RECOVERY_INCONCLUSIVE", lapsed.plusSeconds(2));
        ClaimResult replay = ledger.claim(KEY, "e", lapsed.plusSeconds(3), LEASE);
        assertThat(replay.status()).isEqualTo(ClaimResult.Status.RECLAIMED_AFTER_EXPIRY);
        assertThat(replay.record().attempt()).isEqualTo(5);
        assertThat(ledger.claim(OTHER, "a", T0, LEASE).status()).as("another release").isEqualTo(ClaimResult.Status.CLAIMED);
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsWins() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ClaimResult>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String owner = "creator-" + i;
                Callable<ClaimResult> claim = () -> {
                    start.await();
                    return ledger.claim(KEY, owner, T0, LEASE);
                };
                results.add(pool.submit(claim));
            }
            start.countDown();
            List<ClaimResult.Status> statuses = new ArrayList<>();
            for (Future<ClaimResult> result : results) {
                statuses.add(result.get().status());
            }
            assertThat(statuses).filteredOn(s -> s == ClaimResult.Status.CLAIMED).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == ClaimResult.Status.IN_PROGRESS).hasSize(contenders - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyPackageNumberFindsItsRelease() {
        ship(KEY, "1ZFIRST", "1ZSECOND");
        ship(OTHER, "1ZOTHER");
        assertThat(ledger.findByTrackingNumber("1ZFIRST")).get().extracting(ShipmentRecord::key).isEqualTo(KEY);
        assertThat(ledger.findByTrackingNumber("1ZSECOND")).get().extracting(ShipmentRecord::key).isEqualTo(KEY);
        assertThat(ledger.findByTrackingNumber("1ZOTHER")).get().extracting(ShipmentRecord::key).isEqualTo(OTHER);
        assertThat(ledger.findByTrackingNumber("1ZNONE")).isEmpty();
    }

    @Test
    void statusNeverMovesBackwards() {
        assertThat(ledger.recordStatus(KEY, TrackingStatus.IN_TRANSIT, T0)).as("unknown release").isFalse();
        ledger.claim(KEY, "a", T0, LEASE);
        assertThat(ledger.recordStatus(KEY, TrackingStatus.IN_TRANSIT, T0)).as("not shipped yet").isFalse();
        ledger.markShipped(KEY, "a", "S", List.of("1Z1"), null, T0);

        Instant t1 = T0.plusSeconds(3600);
        assertThat(ledger.recordStatus(KEY, TrackingStatus.IN_TRANSIT, t1)).isTrue();
        assertThat(ledger.recordStatus(KEY, TrackingStatus.PICKED_UP, t1.plusSeconds(60))).as("lower rank").isFalse();
        assertThat(ledger.recordStatus(KEY, TrackingStatus.EXCEPTION, t1.minusSeconds(1)))
                .as("equal rank, older event").isFalse();
        assertThat(ledger.recordStatus(KEY, TrackingStatus.EXCEPTION, t1)).as("equal rank, same time").isFalse();
        assertThat(ledger.recordStatus(KEY, TrackingStatus.EXCEPTION, t1.plusSeconds(1)))
                .as("equal rank, later event").isTrue();
        assertThat(ledger.get(KEY).orElseThrow().lastStatus()).isEqualTo(TrackingStatus.EXCEPTION);
        assertThat(ledger.get(KEY).orElseThrow().lastEventTime()).isEqualTo(t1.plusSeconds(1));

        Instant delivered = t1.plus(Duration.ofDays(1));
        assertThat(ledger.recordStatus(KEY, TrackingStatus.DELIVERED, delivered)).isTrue();
        assertThat(ledger.recordStatus(KEY, TrackingStatus.RETURNED, delivered.plusSeconds(1)))
                .as("terminal is final, even at equal rank").isFalse();
        assertThat(ledger.recordStatus(KEY, TrackingStatus.VOIDED, delivered.plusSeconds(1)))
                .as("terminal is final, even at higher rank").isFalse();
        assertThat(ledger.get(KEY).orElseThrow().lastStatus()).isEqualTo(TrackingStatus.DELIVERED);
    }

    @Test
    void subscriptionsToRenewAreShippedNonTerminalOnesExpiringSoonest() {
        Instant now = T0.plus(Duration.ofDays(10));
        ship(KEY, "1ZA");                                     // never subscribed: due
        ReleaseKey soon = new ReleaseKey("EPIC06", 6009, 1, 1);
        ship(soon, "1ZB");
        ledger.recordSubscription(soon, now.plus(Duration.ofDays(1)));
        ReleaseKey later = new ReleaseKey("EPIC06", 6002, 1, 1);
        ship(later, "1ZC");
        ledger.recordSubscription(later, now.plus(Duration.ofDays(30)));
        ReleaseKey delivered = new ReleaseKey("EPIC06", 6003, 1, 1);
        ship(delivered, "1ZD");
        ledger.recordSubscription(delivered, now.plus(Duration.ofDays(1)));
        ledger.recordStatus(delivered, TrackingStatus.DELIVERED, now);
        ReleaseKey written = new ReleaseKey("EPIC06", 6004, 1, 1);
        ship(written, "1ZE");
        ledger.markWritten(written, now);
        ledger.recordSubscription(written, now.plus(Duration.ofDays(2)));
        ledger.claim(OTHER, "a", T0, LEASE);                  // claimed only: not shipped
        ledger.recordSubscription(OTHER, now);

        Instant before = now.plus(Duration.ofDays(7));
        assertThat(ledger.subscriptionsExpiringBefore(before, 10)).extracting(ShipmentRecord::key)
                .containsExactly(KEY, soon, written);
        assertThat(ledger.subscriptionsExpiringBefore(before, 2)).extracting(ShipmentRecord::key)
                .containsExactly(KEY, soon);
        assertThat(ledger.get(soon).orElseThrow().subscriptionExpiresAt()).isEqualTo(now.plus(Duration.ofDays(1)));
        assertThat(ledger.get(KEY).orElseThrow().subscriptionExpiresAt()).isNull();
    }

    @Test
    void aReleaseWhoseSubscriptionTrackAlertRefusedForGoodIsNoLongerListedForRenewal() {
        Instant now = T0.plus(Duration.ofDays(10));
        ship(KEY, "1ZA");
        ReleaseKey refused = new ReleaseKey("EPIC06", 6011, 1, 1);
        ship(refused, "1ZB");
        ledger.recordSubscriptionRefused(refused);
        ledger.recordSubscriptionRefused(new ReleaseKey("EPIC06", 6012, 1, 1)); // unknown: nothing to record

        assertThat(ledger.subscriptionsExpiringBefore(now, 10)).extracting(ShipmentRecord::key).containsExactly(KEY);
        assertThat(ledger.get(refused).orElseThrow().state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(ledger.recordStatus(refused, TrackingStatus.IN_TRANSIT, now)).as("tracking still recorded").isTrue();
        assertThat(ledger.subscriptionsExpiringBefore(now, 10)).extracting(ShipmentRecord::key).containsExactly(KEY);
    }

    @Test
    void getAllFindsTheRecordsOfManyKeysInAnyStateAndLeavesOutKeysItHasNever() {
        List<ReleaseKey> asked = new ArrayList<>();
        List<ReleaseKey> recorded = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            ReleaseKey key = new ReleaseKey("EPIC06", 7000 + i, 1 + i % 3, 1);
            asked.add(key);
            if (i % 2 == 0) {
                ledger.claim(key, "creator", T0, LEASE);
                recorded.add(key);
            }
        }
        ReleaseKey shipped = recorded.get(0);
        ledger.markShipped(shipped, "creator", "S1", List.of("1ZA", "1ZB"), null, T0.plusSeconds(1));
        ReleaseKey written = recorded.get(1);
        ledger.markShipped(written, "creator", "S2", List.of("1ZC"), null, T0.plusSeconds(1));
        ledger.markWritten(written, T0.plusSeconds(2));
        ReleaseKey needsAttention = recorded.get(2);
        ledger.markNeedsAttention(needsAttention, "creator", "NO_WEIGHT", T0.plusSeconds(1));
        ReleaseKey released = recorded.get(3);
        ledger.releaseClaim(released, "creator");
        asked.add(shipped); // asked twice: answered once

        java.util.Map<ReleaseKey, ShipmentRecord> found = ledger.getAll(asked);

        assertThat(found).hasSize(125);
        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(recorded);
        assertThat(found.get(shipped).state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(found.get(shipped).trackingNumbers()).containsExactly("1ZA", "1ZB");
        assertThat(found.get(written).state()).isEqualTo(LedgerState.WRITTEN);
        assertThat(found.get(needsAttention).state()).isEqualTo(LedgerState.NEEDS_ATTENTION);
        assertThat(found.get(needsAttention).reasonCode()).isEqualTo("NO_WEIGHT");
        assertThat(found.get(released).state()).isEqualTo(LedgerState.CLAIMED);
        assertThat(found.get(recorded.get(4))).isEqualTo(ledger.get(recorded.get(4)).orElseThrow());
        assertThat(ledger.getAll(List.of())).isEmpty();
        assertThat(ledger.getAll(List.of(new ReleaseKey("EPIC06", 1, 1, 1)))).isEmpty();
    }

    private void ship(ReleaseKey key, String... trackingNumbers) {
        assertThat(ledger.claim(key, "creator", T0, LEASE).status()).isEqualTo(ClaimResult.Status.CLAIMED);
        ledger.markShipped(key, "creator", "SHIP-" + key.orderNum(), List.of(trackingNumbers), null, T0.plusSeconds(1));
    }
}
