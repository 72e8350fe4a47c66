package com.epicorups.pipeline;

import static com.epicorups.pipeline.TestDoubles.KEY;
import static com.epicorups.pipeline.TestDoubles.release;
import static com.epicorups.pipeline.TestDoubles.usAddress;
import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Reason;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.pipeline.AttemptState.Failed;
import com.epicorups.pipeline.AttemptState.Holding;
import com.epicorups.pipeline.AttemptState.Skip;
import com.epicorups.pipeline.AttemptState.Stage;
import com.epicorups.pipeline.CreationDecision.Audit;
import com.epicorups.pipeline.CreationDecision.DeadLetter;
import com.epicorups.pipeline.CreationDecision.DeadLetterOnLastReceive;
import com.epicorups.pipeline.CreationDecision.Retry;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ShipmentRecord;
import com.epicorups.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The failure policy as a table: where an attempt failed and with what, on a first or on the last receive, to what
 * it decides. Each decision is written out as one line: {@code retry|dead-letter|last-receive <reason>
 * ledger=<change> after=<delay> audit=<outcome>{details} [replay] [+attempt]}.
 */
class CreationFailurePolicyTest {
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private static final CreationFailurePolicy POLICY = new CreationFailurePolicy(LEASE, CLOCK);
    private static final boolean FIRST = false;
    private static final boolean LAST = true;

    private static ConnectorException failure(Reason reason) {
        return new ConnectorException(reason, reason + " detail");
    }

    private static ReleaseAttempt attempt(boolean lastReceive) {
        InboundMessage message = new InboundMessage("m-1", "{body}", "rh", lastReceive ? 5 : 1, "q", 5);
        ShipmentRequestMessage request = new ShipmentRequestMessage("poll-1", CLOCK.instant(),
                release(KEY, 100, usAddress("1 Peachtree St")));
        return new ReleaseAttempt(message, request, "owner-1", CLOCK.instant(), (a, body) -> { },
                EarlyAddressChecks.NONE);
    }

    static Stream<Arguments> failures() {
        String keepAudit = "audit=RETRYING{claimKept=true, replayQueue=shipment-requests} replay";
        return Stream.of(
                // Claiming: nothing done yet, retried whatever the reason.
                row(Stage.CLAIM, failure(Reason.LEDGER_CONFLICT), FIRST,
                        "retry LEDGER_CONFLICT ledger=NONE after=- audit=RETRYING{replayQueue=shipment-requests} replay"),
                row(Stage.CLAIM, failure(Reason.CONFIG_INVALID), FIRST,
                        "retry CONFIG_INVALID ledger=NONE after=- audit=RETRYING{replayQueue=shipment-requests} replay"),
                row(Stage.CLAIM, new IllegalStateException("dynamo"), FIRST,
                        "retry UNEXPECTED_ERROR ledger=NONE after=- audit=RETRYING{replayQueue=shipment-requests} replay"),
                // The claim held, nothing at UPS: transient releases the claim, permanent dead-letters at once.
                row(Stage.RECONCILE, failure(Reason.UPS_UNAVAILABLE), FIRST,
                        "retry UPS_UNAVAILABLE ledger=RELEASE_CLAIM after=- audit=RETRYING{replayQueue=shipment-requests} replay"),
                row(Stage.REREAD, failure(Reason.EPICOR_UNAVAILABLE), FIRST,
                        "retry EPICOR_UNAVAILABLE ledger=RELEASE_CLAIM after=- audit=RETRYING{replayQueue=shipment-requests} replay"),
                row(Stage.REREAD, failure(Reason.NO_WEIGHT), FIRST,
                        "dead-letter NO_WEIGHT ledger=NEEDS_ATTENTION audit=FAILED{replayQueue=shipment-requests} replay +attempt"),
                row(Stage.ADDRESS, failure(Reason.ADDRESS_REJECTED), FIRST,
                        "dead-letter ADDRESS_REJECTED ledger=NEEDS_ATTENTION audit=FAILED{replayQueue=shipment-requests} replay +attempt"),
                row(Stage.ADDRESS, new NullPointerException(), FIRST,
                        "retry UNEXPECTED_ERROR ledger=RELEASE_CLAIM after=- audit=RETRYING{replayQueue=shipment-requests} replay"),
                // The create call: a refusal proves nothing was made; anything else may have made a shipment.
                row(Stage.CREATE, failure(Reason.UPS_BUSINESS_ERROR), FIRST,
                        "dead-letter UPS_BUSINESS_ERROR ledger=NEEDS_ATTENTION audit=FAILED{replayQueue=shipment-requests} replay +attempt"),
                row(Stage.CREATE, failure(Reason.UPS_RATE_LIMITED), FIRST,
                        "retry UPS_RATE_LIMITED ledger=RELEASE_CLAIM after=- audit=RETRYING{replayQueue=shipment-requests} replay"),
                row(Stage.CREATE, failure(Reason.UPS_TOKEN_WAIT_TIMEOUT), FIRST,
                        "retry UPS_TOKEN_WAIT_TIMEOUT ledger=RELEASE_CLAIM after=- audit=RETRYING{replayQueue=shipment-requests} replay"),
                row(Stage.CREATE, failure(Reason.UPS_TIMEOUT), FIRST,
                        "retry UPS_TIMEOUT ledger=NONE after=PT10M " + keepAudit),
                row(Stage.CREATE, failure(Reason.UPS_UNAVAILABLE), FIRST,
                        "retry UPS_UNAVAILABLE ledger=NONE after=PT10M " + keepAudit),
                row(Stage.CREATE, new IllegalStateException("socket"), FIRST,
                        "retry UNEXPECTED_ERROR ledger=NONE after=PT10M " + keepAudit),
                // After UPS answered: even a permanent failure keeps the claim (a replay would claim afresh).
                row(Stage.SHIPMENT_MADE, failure(Reason.LEDGER_CONFLICT), FIRST,
                        "retry LEDGER_CONFLICT ledger=NONE after=PT10M " + keepAudit),
                row(Stage.LABELS, new ConnectorException(Reason.UNEXPECTED_ERROR, FailureKind.PERMANENT, "s3", null),
                        FIRST, "retry UNEXPECTED_ERROR ledger=NONE after=PT10M " + keepAudit),
                row(Stage.UPDATE, failure(Reason.QUEUE_SEND_FAILED), FIRST,
                        "retry QUEUE_SEND_FAILED ledger=NONE after=- " + keepAudit),
                // Shipped before this attempt: no claim of ours.
                row(Stage.ALREADY_SHIPPED, new ConnectorException(Reason.QUEUE_SEND_FAILED, FailureKind.PERMANENT,
                                "sender fault", null), FIRST,
                        "dead-letter QUEUE_SEND_FAILED ledger=NONE audit=FAILED{replayQueue=shipment-requests} replay +attempt"),
                row(Stage.ALREADY_SHIPPED, failure(Reason.QUEUE_SEND_FAILED), FIRST,
                        "retry QUEUE_SEND_FAILED ledger=NONE after=- audit=RETRYING{replayQueue=shipment-requests} replay"),
                // The last receive: a transient failure is final; a permanent one is as on any receive.
                row(Stage.REREAD, failure(Reason.EPICOR_UNAVAILABLE), LAST,
                        "last-receive EPICOR_UNAVAILABLE ledger=NEEDS_ATTENTION audit=FAILED{receiveCount=5, replayQueue=shipment-requests} replay"
                                + " else retry EPICOR_UNAVAILABLE ledger=RELEASE_CLAIM after=- audit=RETRYING{replayQueue=shipment-requests} replay"),
                row(Stage.CLAIM, failure(Reason.LEDGER_CONFLICT), LAST,
                        "last-receive LEDGER_CONFLICT ledger=NONE audit=FAILED{receiveCount=5, replayQueue=shipment-requests} replay"
                                + " else retry LEDGER_CONFLICT ledger=NONE after=- audit=RETRYING{replayQueue=shipment-requests} replay"),
                row(Stage.REREAD, failure(Reason.NO_WEIGHT), LAST,
                        "dead-letter NO_WEIGHT ledger=NEEDS_ATTENTION audit=FAILED{replayQueue=shipment-requests} replay +attempt"),
                row(Stage.CREATE, failure(Reason.UPS_TIMEOUT), LAST,
                        "last-receive UPS_TIMEOUT ledger=NONE audit=FAILED{claimKept=true, receiveCount=5, replayQueue=shipment-requests} replay"
                                + " else retry UPS_TIMEOUT ledger=NONE after=PT10M " + keepAudit),
                row(Stage.UPDATE, failure(Reason.QUEUE_SEND_FAILED), LAST,
                        "last-receive QUEUE_SEND_FAILED ledger=NONE audit=FAILED{claimKept=false, receiveCount=5, replayQueue=shipment-requests} replay"
                                + " else retry QUEUE_SEND_FAILED ledger=NONE after=- " + keepAudit));
    }

    private static Arguments row(Stage stage, RuntimeException failure, boolean lastReceive, String decision) {
        return Arguments.of(stage, failure, lastReceive, decision);
    }

    @ParameterizedTest(name = "{0} {1} last receive {2}: {3}")
    @MethodSource("failures")
    void aFailureAtAStageComesToItsDecision(Stage stage, RuntimeException failure, boolean lastReceive,
                                            String decision) {
        assertThat(describe(POLICY.whenFailed(attempt(lastReceive), stage, failure))).isEqualTo(decision);
    }

    @Test
    void whenTheClaimIsKeptTheTextsSayWhyAndWhereTheNextAttemptLooks() {
        Retry retry = (Retry) POLICY.whenFailed(attempt(FIRST), Stage.CREATE, failure(Reason.UPS_TIMEOUT));
        assertThat(retry.detail()).isEqualTo("UPS_TIMEOUT detail");
        assertThat(retry.audit().text()).isEqualTo("UPS_TIMEOUT detail (UPS may hold a shipment for this release:"
                + " claim kept until its lease ends, the next attempt reconciles by reference " + KEY.reference() + ")");

        DeadLetterOnLastReceive held = (DeadLetterOnLastReceive) POLICY.whenFailed(attempt(LAST), Stage.CREATE,
                failure(Reason.UPS_TIMEOUT));
        assertThat(held.why()).isEqualTo("UPS_TIMEOUT detail (UPS may hold a shipment for this release: claim kept"
                + " until its lease ends; a replay reconciles by reference " + KEY.reference()
                + " before creating anything)");
        DeadLetterOnLastReceive shipped = (DeadLetterOnLastReceive) POLICY.whenFailed(attempt(LAST), Stage.UPDATE,
                failure(Reason.QUEUE_SEND_FAILED));
        assertThat(shipped.why()).isEqualTo(
                "QUEUE_SEND_FAILED detail (UPS has a shipment for this release: a replay finds it in the ledger)");
    }

    @Test
    void anUnclassifiedFailureIsNamedByItsType() {
        Retry retry = (Retry) POLICY.whenFailed(attempt(FIRST), Stage.REREAD, new IllegalStateException("boom"));
        assertThat(retry.detail()).isEqualTo("java.lang.IllegalStateException: boom");
    }

    @Test
    void onlyARefusalOfTheCreateCallProvesNoShipmentWasMade() {
        assertThat(CreationFailurePolicy.holdingAfterCreateFailed(failure(Reason.UPS_BUSINESS_ERROR)))
                .isEqualTo(Holding.CLAIM);
        for (Reason refused : List.of(Reason.UPS_RATE_LIMITED, Reason.UPS_TOKEN_THROTTLED,
                Reason.UPS_TOKEN_UNAVAILABLE, Reason.UPS_TOKEN_WAIT_TIMEOUT, Reason.UPS_TOKEN_BAD_RESPONSE)) {
            assertThat(CreationFailurePolicy.holdingAfterCreateFailed(failure(refused))).as(refused.code())
                    .isEqualTo(Holding.CLAIM);
        }
        for (Reason maybeMade : List.of(Reason.UPS_TIMEOUT, Reason.UPS_CONNECTION, Reason.UPS_UNAVAILABLE,
                Reason.UPS_BAD_RESPONSE)) {
            assertThat(CreationFailurePolicy.holdingAfterCreateFailed(failure(maybeMade))).as(maybeMade.code())
                    .isEqualTo(Holding.CLAIM_AND_MAYBE_SHIPMENT);
        }
        assertThat(CreationFailurePolicy.holdingAfterCreateFailed(new IllegalStateException()))
                .isEqualTo(Holding.CLAIM_AND_MAYBE_SHIPMENT);
    }

    @Test
    void aClaimAnotherAttemptHoldsIsWaitedOutUntilItsLeaseEndsThenFinalOnTheLastReceive() {
        ShipmentRecord holder = new ShipmentRecord(KEY, LedgerState.CLAIMED, 2, "other",
                CLOCK.instant().plus(Duration.ofMinutes(4)), null, List.of(), null, null, null, null, null,
                CLOCK.instant());

        assertThat(describe(POLICY.whenClaimTaken(attempt(FIRST), holder))).isEqualTo(
                "retry CLAIM_IN_PROGRESS ledger=NONE after=PT4M audit=RETRYING{attempt=2}");
        assertThat(((Retry) POLICY.whenClaimTaken(attempt(FIRST), holder)).detail())
                .isEqualTo("claimed by another attempt");
        assertThat(describe(POLICY.whenClaimTaken(attempt(LAST), holder))).isEqualTo(
                "last-receive CLAIM_IN_PROGRESS ledger=NONE audit=FAILED{receiveCount=5, replayQueue=shipment-requests}"
                        + " replay else retry CLAIM_IN_PROGRESS ledger=NONE after=PT4M audit=RETRYING{attempt=2}");

        ShipmentRecord lapsed = new ShipmentRecord(KEY, LedgerState.CLAIMED, 2, "other",
                CLOCK.instant().minusSeconds(1), null, List.of(), null, null, null, null, null, CLOCK.instant());
        assertThat(((Retry) POLICY.whenClaimTaken(attempt(FIRST), lapsed)).retryAfter()).isEqualTo(Duration.ZERO);
    }

    @Test
    void aReleaseNobodyWantsIsSkippedOneThatNeedsAFixFailsWithItsReason() {
        assertThat(POLICY.whenNotShippable(Reason.NOT_ELIGIBLE, "filter")).isEqualTo(
                new Skip(Reason.NOT_ELIGIBLE, "filter"));
        assertThat(POLICY.whenNotShippable(Reason.NO_PART, null)).isInstanceOfSatisfying(Failed.class, f -> {
            assertThat(f.stage()).isEqualTo(Stage.REREAD);
            assertThat(f.failure()).isInstanceOfSatisfying(ConnectorException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.NO_PART);
                assertThat(e.isTransient()).isFalse();
                assertThat(e.getMessage()).isEqualTo("release is not shippable: NO_PART");
            });
        });
    }

    @Test
    void aBatchUpdateThatDidNotGoIsDeliveredAgainUnlessThisWasTheLastReceive() {
        RuntimeException sqs = failure(Reason.QUEUE_SEND_FAILED);
        assertThat(describe(POLICY.whenUpdateNotSent(attempt(FIRST), sqs))).isEqualTo(
                "retry QUEUE_SEND_FAILED ledger=NONE after=- audit=none");
        assertThat(describe(POLICY.whenUpdateNotSent(attempt(LAST), sqs))).isEqualTo(
                "last-receive QUEUE_SEND_FAILED ledger=NONE audit=FAILED{claimKept=false, receiveCount=5,"
                        + " replayQueue=shipment-requests} replay else retry QUEUE_SEND_FAILED ledger=NONE after=-"
                        + " audit=none");
        assertThat(((DeadLetterOnLastReceive) POLICY.whenUpdateNotSent(attempt(LAST), sqs)).why()).isEqualTo(
                "the \"label created\" tracking update could not be sent: QUEUE_SEND_FAILED detail"
                        + " (UPS has a shipment for this release: a replay finds it in the ledger)");
    }

    @Test
    void aMalformedMessageGoesToTheDlqAndABrokenGroupKeepsItsClaims() {
        assertThat(describe(POLICY.whenMalformed(failure(Reason.MALFORMED_MESSAGE)))).isEqualTo(
                "dead-letter MALFORMED_MESSAGE ledger=NONE audit=FAILED{replayQueue=shipment-requests} replay");
        assertThat(describe(POLICY.whenGroupBroke(new AssertionError()))).isEqualTo(
                "retry UNEXPECTED_ERROR ledger=NONE after=PT10M audit=none");
    }

    private static String describe(CreationDecision decision) {
        return switch (decision) {
            case Retry r -> "retry " + r.reason() + " ledger=" + r.ledger() + " after="
                    + (r.retryAfter() == null ? "-" : r.retryAfter()) + " " + describe(r.audit());
            case DeadLetter d -> "dead-letter " + d.reason() + " ledger=" + d.ledger() + " " + describe(d.audit());
            case DeadLetterOnLastReceive d -> "last-receive " + d.reason() + " ledger=" + d.ledger() + " "
                    + describe(d.audit()) + " else " + describe(d.otherwise());
        };
    }

    private static String describe(Audit audit) {
        if (audit == null) {
            return "audit=none";
        }
        Map<String, String> details = new TreeMap<>(audit.details());
        return "audit=" + audit.outcome() + details + (audit.withReplayMessage() ? " replay" : "")
                + (audit.withLedgerAttemptNumber() ? " +attempt" : "");
    }
}
