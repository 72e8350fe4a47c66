package com.epicorups.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.model.PackKey;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingStatus;
import com.epicorups.store.ClaimResult;
import com.epicorups.store.LedgerConflictException;
import com.epicorups.store.LedgerState;
import com.epicorups.store.PackLedger;
import com.epicorups.store.ShipmentLedger;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every pack ledger guarantees (pack mode): the release ledger's claim rules on a pack key, in the same store as
 * the releases without ever meeting them, and a label voided once.
 */
public abstract class PackLedgerContract {
    protected static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    protected static final Duration LEASE = Duration.ofMinutes(2);
    protected static final PackKey PACK = new PackKey("EPIC06", 1005);

    /** A fresh release ledger whose store the pack ledger shares. */
    protected abstract ShipmentLedger newLedger();

    @Test
    void aPackIsClaimedOnceAndNeverMeetsAReleaseOfTheSameNumbers() {
        ShipmentLedger releases = newLedger();
        PackLedger packs = releases.packs();

        assertThat(packs.claim(PACK, "a", T0, LEASE).status()).isEqualTo(ClaimResult.Status.CLAIMED);
        assertThat(packs.claim(PACK, "b", T0.plusSeconds(1), LEASE).status()).isEqualTo(ClaimResult.Status.IN_PROGRESS);
        assertThat(releases.claim(new ReleaseKey("EPIC06", 1005, 1, 1), "c", T0, LEASE).status())
                .isEqualTo(ClaimResult.Status.CLAIMED);
        assertThat(packs.claim(PACK, "d", T0.plus(LEASE).plusSeconds(1), LEASE).status())
                .as("a lapsed claim: reconcile first").isEqualTo(ClaimResult.Status.RECLAIMED_AFTER_EXPIRY);
        packs.markShipped(PACK, "d", "1ZSHIP", List.of("1ZA", "1ZB"), "s3://labels/p", new BigDecimal("41.20"),
                T0.plusSeconds(200));

        assertThat(packs.get(PACK)).get().satisfies(r -> {
            assertThat(r.state()).isEqualTo(LedgerState.SHIPPED);
            assertThat(r.trackingNumbers()).containsExactly("1ZA", "1ZB");
            assertThat(r.key()).as("a pack's record names no release").isNull();
            assertThat(r.freight()).as("UPS's freight kept with the shipment").isEqualByComparingTo("41.20");
        });
        assertThat(packs.claim(PACK, "e", T0.plusSeconds(300), LEASE).status())
                .isEqualTo(ClaimResult.Status.ALREADY_SHIPPED);
        // Tracked as a release's shipment is (decision 0030): every package's number finds the pack's item.
        assertThat(releases.findByTrackingNumber("1ZA")).get().satisfies(r -> {
            assertThat(r.pack()).isEqualTo(PACK);
            assertThat(r.key()).isNull();
        });
        assertThat(releases.findByTrackingNumber("1ZB")).get().satisfies(r -> assertThat(r.pack()).isEqualTo(PACK));
        assertThat(releases.subscriptionsExpiringBefore(T0.plus(Duration.ofDays(30)), 10))
                .as("and Track Alert renewal lists it").singleElement()
                .satisfies(r -> assertThat(r.pack()).isEqualTo(PACK));
        assertThat(packs.recordStatus(PACK, TrackingStatus.IN_TRANSIT, T0.plusSeconds(250))).isTrue();
        assertThat(packs.recordStatus(PACK, TrackingStatus.LABEL_CREATED, T0.plusSeconds(260)))
                .as("never backwards").isFalse();
        assertThat(packs.get(PACK).orElseThrow().lastStatus()).isEqualTo(TrackingStatus.IN_TRANSIT);
        packs.recordSubscription(PACK, T0.plus(Duration.ofDays(14)));
        assertThat(packs.get(PACK).orElseThrow().subscriptionExpiresAt()).isEqualTo(T0.plus(Duration.ofDays(14)));
        assertThat(releases.subscriptionsExpiringBefore(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
        packs.recordSubscriptionRefused(PACK);
        assertThat(releases.subscriptionsExpiringBefore(T0.plus(Duration.ofDays(30)), 10))
                .as("refused for good: off the renewal list").isEmpty();
        assertThat(packs.getAll(List.of(PACK, new PackKey("EPIC06", 9)))).containsOnlyKeys(PACK);
        packs.markWritten(PACK, T0.plusSeconds(301));
        assertThat(packs.get(PACK).orElseThrow().state()).isEqualTo(LedgerState.WRITTEN);
        assertThat(packs.get(PACK).orElseThrow().freight()).isEqualByComparingTo("41.20");
    }

    @Test
    void aShippedPackIsVoidedByOneAttemptOnly() {
        ShipmentLedger releases = newLedger();
        PackLedger packs = releases.packs();
        assertThat(packs.claimVoid(PACK, "v0", T0, LEASE)).as("never shipped: nothing to void").isEmpty();
        packs.claim(PACK, "a", T0, LEASE);
        packs.markShipped(PACK, "a", "1ZSHIP", List.of("1ZA"), null, T0);

        assertThat(packs.claimVoid(PACK, "v1", T0.plusSeconds(1), LEASE)).get()
                .satisfies(r -> assertThat(r.shipmentId()).isEqualTo("1ZSHIP"));
        assertThat(packs.claimVoid(PACK, "v2", T0.plusSeconds(2), LEASE)).as("v1 is voiding it").isEmpty();
        assertThatThrownBy(() -> packs.markVoided(PACK, "v2", T0.plusSeconds(3)))
                .isInstanceOf(LedgerConflictException.class);
        packs.releaseVoid(PACK, "v1");
        assertThat(packs.claimVoid(PACK, "v3", T0.plusSeconds(4), LEASE)).as("given back: a retry voids").isPresent();
        packs.markVoided(PACK, "v3", T0.plusSeconds(5));

        assertThat(packs.get(PACK).orElseThrow().state()).isEqualTo(LedgerState.VOIDED);
        assertThat(releases.subscriptionsExpiringBefore(T0.plus(Duration.ofDays(30)), 10))
                .as("a voided label is not subscribed again").isEmpty();
        assertThat(packs.recordStatus(PACK, TrackingStatus.IN_TRANSIT, T0.plusSeconds(6))).isFalse();
        assertThat(packs.claimVoid(PACK, "v4", T0.plus(Duration.ofHours(1)), LEASE)).as("voided once").isEmpty();
        assertThat(packs.claim(PACK, "b", T0.plus(Duration.ofHours(1)), LEASE).status())
                .as("a voided pack is never shipped again").isEqualTo(ClaimResult.Status.ALREADY_SHIPPED);
    }
}
