package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.model.ReleaseKey;
import com.epicorups.pipeline.PipelineSettings;
import com.epicorups.pipeline.RenewalSummary;
import com.epicorups.pipeline.SubscriptionRenewal;
import com.epicorups.sandbox.ups.Environment;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The connector against the UPS sandbox playing CIE, UPS's test host ({@code wwwcie.ups.com}), where UPS documents that
 * it differs from production: Track Alert refuses every number but its two test numbers (VSS215) and creates no
 * subscription; Address Validation answers only New York and California addresses.
 */
class CieSandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension(Environment.CIE);

    @Test
    void trackAlertsRefusalOfANonTestNumberIsNotAFailedRenewalToRetryForever() {
        InMemoryShipmentLedger ledger = new InMemoryShipmentLedger();
        InMemoryAuditLog audit = new InMemoryAuditLog();
        SubscriptionRenewal renewal = new SubscriptionRenewal(ledger, ups.clients().trackAlert(null), audit,
                ups.clock(), PipelineSettings.defaults());
        int before = ups.sandbox().requests(Operation.TRACK_ALERT_SUBSCRIBE);
        ReleaseKey real = ship(ledger, 9101, "1ZC1H2I30312345678");

        // Only non-test numbers: CIE answers 400 VSS215, a refusal of the numbers, not a failed call.
        RenewalSummary first = renewal.renew("cie-run-1");

        assertThat(first.failedCalls()).isZero();
        assertThat(first.rejected()).isEqualTo(1);
        assertThat(audit.forSubject(real.asString())).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.reasonCode()).isEqualTo("SUBSCRIPTION_REJECTED");
            assertThat(e.message()).contains("VSS215").contains("not subscribed again");
        });

        // Beside a test number CIE lists a non-test number as invalid: refused for good as well.
        ReleaseKey test = ship(ledger, 9102, Environment.CIE_TEST_TRACKING_NUMBERS.get(0));
        ReleaseKey other = ship(ledger, 9103, "1ZC1H2I30387654321");
        RenewalSummary second = renewal.renew("cie-run-2");
        assertThat(second.releases()).as("the test number's release and the new one").isEqualTo(2);
        assertThat(second.accepted()).isEqualTo(1);
        assertThat(audit.forSubject(other.asString())).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("not subscribed again"));

        ups.clock().advance(Duration.ofDays(13));
        RenewalSummary third = renewal.renew("cie-run-3");
        assertThat(third.releases()).as("only the test number's release is renewed").isEqualTo(1);
        assertThat(third.rejected()).isZero();
        assertThat(ups.sandbox().requests(Operation.TRACK_ALERT_SUBSCRIBE) - before).isEqualTo(3);
        assertThat(ledger.get(test).orElseThrow().subscriptionExpiresAt()).isNotNull();
    }

    private ReleaseKey ship(InMemoryShipmentLedger ledger, int order, String trackingNumber) {
        ReleaseKey key = new ReleaseKey("EPIC06", order, 1, 1);
        ledger.claim(key, "creator", ups.clock().instant(), Duration.ofMinutes(5));
        ledger.markShipped(key, "creator", trackingNumber, List.of(trackingNumber), null, ups.clock().instant());
        return key;
    }
}
