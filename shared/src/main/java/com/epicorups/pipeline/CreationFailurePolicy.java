package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Reason;
import com.epicorups.pipeline.AttemptState.Holding;
import com.epicorups.pipeline.AttemptState.Stage;
import com.epicorups.pipeline.CreationDecision.Audit;
import com.epicorups.pipeline.CreationDecision.DeadLetter;
import com.epicorups.pipeline.CreationDecision.DeadLetterOnLastReceive;
import com.epicorups.pipeline.CreationDecision.LedgerChange;
import com.epicorups.pipeline.CreationDecision.Retry;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.ShipmentRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole failure policy of shipment creation: given what stopped an attempt and where, whether it is retried (and
 * when), dead-lettered (with what reason), whether the claim is kept or released, what the ledger says and what is
 * audited. It only decides; {@link CreationFailureActions} carries the {@link CreationDecision} out.
 *
 * <ul>
 *   <li>Once UPS has, or may have, a shipment for the release (from the create call on, unless UPS refused the call
 *       unprocessed), nothing releases the claim or marks the release NEEDS_ATTENTION, which a replay would claim
 *       afresh: UPS has no idempotency key. The claim is kept until its lease ends, the retry is hidden until then,
 *       and the attempt after it reconciles by reference (Label Recovery) before creating anything. Calling Label
 *       Recovery at once was rejected: it is not guaranteed to see a shipment seconds after it was made, and an empty
 *       answer would be taken for "not created".</li>
 *   <li>Before that, a permanent failure is audited FAILED with the message for replay, the release is marked
 *       NEEDS_ATTENTION and the message goes to the DLQ at once; a transient one releases the claim, is audited
 *       RETRYING and left to SQS's redelivery with backoff.</li>
 *   <li>On the message's last receive SQS will not deliver it again: a transient failure is then final, sent to the
 *       DLQ with its reason and the number of attempts (SQS's own redrive would say neither) and audited FAILED.</li>
 *   <li>Claiming can only fail before anything was done: retried, whatever the reason.</li>
 *   <li>A claim another attempt holds is waited out: the retry is hidden until its lease ends.</li>
 *   <li>A release Epicor no longer wants shipped ({@link Reason#noLongerWanted()}) is skipped, not failed: audited,
 *       acknowledged, NEEDS_ATTENTION so that a later replay re-checks it. Any other not-shippable reason (NO_PART,
 *       NO_WEIGHT, SHIP_TO_INACTIVE, NO_SHIP_TO_ADDRESS, ...) is a permanent failure that ships on a redrive once
 *       the data is fixed; a skip would leave it behind, since fixing a Part or ShipTo row does not change the
 *       OrderRel row the poll watches.</li>
 * </ul>
 */
final class CreationFailurePolicy {
    private final Duration lease;
    private final Clock clock;

    CreationFailurePolicy(Duration lease, Clock clock) {
        this.lease = lease;
        this.clock = clock;
    }

    /** A re-read that found the release not shippable for {@code reason}: a skip, or a permanent failure. */
    AttemptState whenNotShippable(Reason reason, String detail) {
        if (reason.noLongerWanted()) {
            return new AttemptState.Skip(reason, detail);
        }
        return new AttemptState.Failed(Stage.REREAD, new ConnectorException(reason, FailureKind.PERMANENT,
                detail == null ? "release is not shippable: " + reason.code() : detail, null));
    }

    /**
     * What the attempt holds after the create call failed with {@code e}: only a refusal proves no shipment was
     * made, permanent (UPS refused the request) or refused unprocessed (HTTP 429; no token, so the POST was never
     * sent). A timeout, a 5xx or anything unclassified may have made one. In a 429 storm every release would
     * otherwise sit out a full lease per refusal and burn its receives on CLAIM_IN_PROGRESS until it landed in the
     * DLQ.
     */
    static Holding holdingAfterCreateFailed(RuntimeException e) {
        return e instanceof ConnectorException ce && (!ce.isTransient() || ce.reason().refusedUnprocessed())
                ? Holding.CLAIM : Holding.CLAIM_AND_MAYBE_SHIPMENT;
    }

    /** A step of the attempt threw {@code e} in {@code stage}. */
    CreationDecision whenFailed(ReleaseAttempt a, Stage stage, RuntimeException e) {
        Reason reason = reasonOf(e);
        String text = textOf(e);
        Holding holding = stage == Stage.CREATE ? holdingAfterCreateFailed(e) : stage.holding();
        if (holding == Holding.CLAIM_AND_MAYBE_SHIPMENT || holding == Holding.SHIPPED) {
            return keepClaim(a, reason, text, holding == Holding.CLAIM_AND_MAYBE_SHIPMENT);
        }
        boolean held = holding == Holding.CLAIM;
        boolean retried = stage == Stage.CLAIM || !(e instanceof ConnectorException ce) || ce.isTransient();
        if (!retried) {
            return new DeadLetter(reason, text, held ? LedgerChange.NEEDS_ATTENTION : LedgerChange.NONE,
                    new Audit(AuditOutcome.FAILED, text, replayable(), true, true));
        }
        Retry retry = new Retry(reason, text, null, held ? LedgerChange.RELEASE_CLAIM : LedgerChange.NONE,
                new Audit(AuditOutcome.RETRYING, text, replayable(), true, false));
        return onLastReceive(a, reason, text, held ? LedgerChange.NEEDS_ATTENTION : LedgerChange.NONE,
                exhausted(a), retry);
    }

    /** Another attempt holds the claim until its lease ends: wait it out (the replay finds the outcome). */
    CreationDecision whenClaimTaken(ReleaseAttempt a, ShipmentRecord holder) {
        String text = "another attempt holds the claim until " + holder.leaseUntil();
        Retry retry = new Retry(Reason.CLAIM_IN_PROGRESS, "claimed by another attempt", untilLeaseEnds(holder),
                LedgerChange.NONE, new Audit(AuditOutcome.RETRYING, text,
                Map.of("attempt", String.valueOf(holder.attempt())), false, false));
        return onLastReceive(a, Reason.CLAIM_IN_PROGRESS, text, LedgerChange.NONE, exhausted(a), retry);
    }

    /**
     * The batch's one send of its "label created" updates failed with {@code e} for this shipped release: delivered
     * again (the ledger says SHIPPED, so the redelivery only sends the update), unless this was its last receive.
     */
    CreationDecision whenUpdateNotSent(ReleaseAttempt a, RuntimeException e) {
        String text = "the \"label created\" tracking update could not be sent: " + textOf(e);
        Retry redeliver = new Retry(reasonOf(e), text, null, LedgerChange.NONE, null);
        return keptClaimOnLastReceive(a, reasonOf(e), text, false, redeliver);
    }

    /** A message that is not a shipment request: nothing to claim, straight to the DLQ. */
    CreationDecision whenMalformed(ConnectorException e) {
        String text = Texts.messageOf(e);
        return new DeadLetter(e.reason(), text, LedgerChange.NONE,
                new Audit(AuditOutcome.FAILED, text, replayable(), true, false));
    }

    /** A group's shipping broke in a way nothing classified: every member keeps its claim and retries. */
    CreationDecision whenGroupBroke(Throwable e) {
        return new Retry(Reason.UNEXPECTED_ERROR, e.getClass().getName(), lease, LedgerChange.NONE, null);
    }

    /** UPS has (or may have) the shipment: keep the claim, whatever the failure; the next owner adopts it. */
    private CreationDecision keepClaim(ReleaseAttempt a, Reason reason, String text, boolean claimHeld) {
        Map<String, String> details = replayable();
        details.put("claimKept", "true");
        Retry retry = new Retry(reason, text, claimHeld ? lease : null, LedgerChange.NONE,
                new Audit(AuditOutcome.RETRYING, text + " (UPS may hold a shipment for this release: claim kept until"
                        + " its lease ends, the next attempt reconciles by reference " + a.key().reference() + ")",
                        details, true, false));
        return keptClaimOnLastReceive(a, reason, text, claimHeld, retry);
    }

    private CreationDecision keptClaimOnLastReceive(ReleaseAttempt a, Reason reason, String text, boolean claimHeld,
                                                    CreationDecision otherwise) {
        String why = claimHeld
                ? text + " (UPS may hold a shipment for this release: claim kept until its lease ends; a replay"
                        + " reconciles by reference " + a.key().reference() + " before creating anything)"
                : text + " (UPS has a shipment for this release: a replay finds it in the ledger)";
        Map<String, String> details = exhausted(a);
        details.put("claimKept", String.valueOf(claimHeld));
        return onLastReceive(a, reason, why, LedgerChange.NONE, details, otherwise);
    }

    private static CreationDecision onLastReceive(ReleaseAttempt a, Reason reason, String why, LedgerChange ledger,
                                                  Map<String, String> details, CreationDecision otherwise) {
        if (!a.message().isLastReceive()) {
            return otherwise;
        }
        return new DeadLetterOnLastReceive(reason, why, ledger, new Audit(AuditOutcome.FAILED, null, details, true,
                false), otherwise);
    }

    private static Map<String, String> replayable() {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("replayQueue", ShipmentCreation.SOURCE_QUEUE);
        return details;
    }

    private static Map<String, String> exhausted(ReleaseAttempt a) {
        Map<String, String> details = replayable();
        details.put("receiveCount", String.valueOf(a.message().receiveCount()));
        return details;
    }

    private Duration untilLeaseEnds(ShipmentRecord record) {
        if (record.leaseUntil() == null) {
            return null;
        }
        Duration left = Duration.between(clock.instant(), record.leaseUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The reason of a failure; one nothing classified (a bug, an SDK exception) is retried, never lost. */
    static Reason reasonOf(RuntimeException e) {
        return e instanceof ConnectorException ce ? ce.reason() : Reason.UNEXPECTED_ERROR;
    }

    static String textOf(RuntimeException e) {
        return e instanceof ConnectorException ? Texts.messageOf(e)
                : e.getClass().getName() + ": " + Texts.messageOf(e);
    }
}
