package com.epicorups.pipeline;

import static com.epicorups.pipeline.TestDoubles.transientError;
import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingStatus;
import com.epicorups.testing.MutableClock;
import com.epicorups.port.SubscriptionResult;
import com.epicorups.port.TrackAlertSubscriptions;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubscriptionRenewalTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final InMemoryShipmentLedger ledger = new InMemoryShipmentLedger();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final List<List<String>> calls = new ArrayList<>();
    private final Instant expiresAt = Instant.parse("2026-12-11T12:00:00Z");
    private int failCall = -1;
    private final TrackAlertSubscriptions subscriptions = numbers -> {
        calls.add(List.copyOf(numbers));
        if (calls.size() == failCall) {
            throw transientError("UPS_UNAVAILABLE");
        }
        List<String> accepted = new ArrayList<>();
        Map<String, String> rejected = new HashMap<>();
        for (String n : numbers) {
            if (n.endsWith("X")) {
                rejected.put(n, "invalid tracking number");
            } else {
                accepted.add(n);
            }
        }
        return new SubscriptionResult(accepted, rejected, expiresAt);
    };
    private final SubscriptionRenewal renewal = new SubscriptionRenewal(ledger, subscriptions, audit, clock,
            PipelineSettings.defaults());

    private ReleaseKey ship(int order, String tracking) {
        ReleaseKey key = new ReleaseKey("EPIC06", order, 1, 1);
        ledger.claim(key, "c", clock.instant(), Duration.ofMinutes(10));
        ledger.markShipped(key, "c", "S" + order, List.of(tracking), null, clock.instant());
        return key;
    }

    @BeforeEach
    void shipSome() {
        for (int i = 1; i <= 250; i++) {
            ship(i, String.format("1Z%06d", i));
        }
    }

    @Test
    void subscribesNewlyShippedReleasesInChunksOf100AndRecordsTheExpiry() {
        ReleaseKey delivered = ship(900, "1ZDELIVERED");
        ledger.recordStatus(delivered, TrackingStatus.DELIVERED, clock.instant().plusSeconds(60));
        ReleaseKey fresh = ship(901, "1ZFRESH");
        ledger.recordSubscription(fresh, clock.instant().plus(Duration.ofDays(10)));

        RenewalSummary summary = renewal.renew("run-1");

        assertThat(calls).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(calls.stream().flatMap(List::stream)).doesNotContain("1ZDELIVERED", "1ZFRESH");
        assertThat(summary.accepted()).isEqualTo(250);
        assertThat(summary.releases()).isEqualTo(250);
        assertThat(ledger.get(new ReleaseKey("EPIC06", 7, 1, 1)).orElseThrow().subscriptionExpiresAt())
                .isEqualTo(expiresAt);
        assertThat(audit.forSubject("run-1")).hasSize(3)
                .allMatch(e -> e.operation() == AuditOperation.TRACK_ALERT_SUBSCRIBE);

        calls.clear();
        assertThat(renewal.renew("run-2").calls()).isZero();

        clock.advance(Duration.ofDays(13));
        assertThat(renewal.renew("run-3").accepted()).as("renewed before the 14 days end").isEqualTo(251);
    }

    @Test
    void rejectedNumbersAreAuditedWithTheReasonAndAFailedCallDoesNotStopTheRun() {
        ship(500, "1ZBADX");
        failCall = 1;

        RenewalSummary summary = renewal.renew("run-1");

        assertThat(summary.failedCalls()).isEqualTo(1);
        assertThat(summary.calls()).isEqualTo(3);
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(audit.forSubject("1ZBADX")).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.message()).isEqualTo("invalid tracking number");
        });
        assertThat(ledger.get(new ReleaseKey("EPIC06", 1, 1, 1)).orElseThrow().subscriptionExpiresAt())
                .as("the failed chunk stays expiring").isNull();
        assertThat(renewal.renew("run-2").accepted()).isEqualTo(100);
    }

    @Test
    void aReleaseTrackAlertRefusesEveryNumberOfIsDroppedNotRefusedAgainEveryRun() {
        // As CIE answers a number that is not one of its test numbers (VSS215): refused for good, not a failed call.
        ReleaseKey refused = ship(600, "1ZNOTCIEX");
        ReleaseKey partly = new ReleaseKey("EPIC06", 601, 1, 1);
        ledger.claim(partly, "c", clock.instant(), Duration.ofMinutes(10));
        ledger.markShipped(partly, "c", "S601", List.of("1Z601A", "1Z601BX"), null, clock.instant());

        RenewalSummary first = renewal.renew("run-1");

        assertThat(first.rejected()).isEqualTo(2);
        assertThat(audit.forSubject(refused.asString())).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.reasonCode()).isEqualTo("SUBSCRIPTION_REJECTED");
            assertThat(e.message()).contains("invalid tracking number").contains("not subscribed again");
        });
        assertThat(ledger.get(partly).orElseThrow().subscriptionExpiresAt()).as("one number accepted").isEqualTo(expiresAt);

        calls.clear();
        clock.advance(Duration.ofDays(13));
        renewal.renew("run-2");
        assertThat(calls.stream().flatMap(List::stream)).doesNotContain("1ZNOTCIEX")
                .as("a release with one accepted number is renewed whole").contains("1Z601A", "1Z601BX");
        assertThat(ledger.get(refused).orElseThrow().state().name()).as("still shipped").isEqualTo("SHIPPED");
    }

    @Test
    void aFailedCallRefusesNothing() {
        ReleaseKey onlyOne = ship(700, "1Z700");
        failCall = 3; // the chunk holding order 700's number

        renewal.renew("run-1");

        assertThat(ledger.subscriptionsExpiringBefore(clock.instant().plus(Duration.ofDays(1)), 500))
                .extracting(r -> r.key()).contains(onlyOne);
        assertThat(audit.forSubject(onlyOne.asString())).isEmpty();
    }
}
