package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.logging.JsonLogger;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ReleaseReferences;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.model.ShippableRelease;
import com.epicorups.pipeline.AttemptState.ClaimAnswered;
import com.epicorups.pipeline.AttemptState.Failed;
import com.epicorups.port.AddressValidation;
import com.epicorups.port.EpicorReleases;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.port.UpsShipping;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.ClaimResult;
import com.epicorups.store.ShipmentLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The batch path's shared work, done once before any message of the batch goes on: every message is claimed, the
 * address checks of the first attempts start, and the releases this batch may ship are re-read from Epicor with one
 * {@link EpicorReleases#recheckAll} (a handful of calls for the whole batch instead of a handful per message); with
 * grouping on, the groups are shipped ({@link OrderGrouping}). A release the batched read did not answer for (the
 * read failed) is re-read on its own, as on the single path. Releases whose claim found them shipped or in progress
 * are not re-read.
 */
final class BatchPreparation {
    // The use case's logger: its lines read as before the use case was split into parts.
    private static final JsonLogger LOG = JsonLogger.getLogger(ShipmentCreation.class);

    private final ShipmentLedger ledger;
    private final EpicorReleases epicor;
    private final AddressValidation addressValidation;
    private final UpsShipping ups;
    private final MessageQueue trackingUpdates;
    private final ExecutorService earlyValidation;
    private final Clock clock;
    private final Duration lease;
    private final Supplier<String> ownerIds;
    private final ShipmentSteps steps;
    /** Null when grouping is off. */
    private final OrderGrouping grouping;
    private final CreationGate gate;

    BatchPreparation(ShipmentLedger ledger, EpicorReleases epicor, AddressValidation addressValidation,
                     UpsShipping ups, MessageQueue trackingUpdates, ExecutorService earlyValidation, Clock clock,
                     Duration lease, Supplier<String> ownerIds, ShipmentSteps steps, OrderGrouping grouping, CreationGate gate) {
        this.gate = gate;
        this.ledger = ledger;
        this.epicor = epicor;
        this.addressValidation = addressValidation;
        this.ups = ups;
        this.trackingUpdates = trackingUpdates;
        this.earlyValidation = earlyValidation;
        this.clock = clock;
        this.lease = lease;
        this.ownerIds = ownerIds;
        this.steps = steps;
        this.grouping = grouping;
    }

    /** One message of a batch after its claim: the claim's answer, or why claiming failed. */
    record Claimed(ReleaseAttempt attempt, ClaimResult claim, RuntimeException failure) {
        /** Claimed now for the first time: nothing to reconcile with UPS first. */
        boolean isFirstAttempt() {
            return failure == null && claim != null && claim.status() == ClaimResult.Status.CLAIMED
                    && claim.record().attempt() <= 1;
        }

        boolean mayShip() {
            return claim != null && (claim.status() == ClaimResult.Status.CLAIMED
                    || claim.status() == ClaimResult.Status.RECLAIMED_AFTER_EXPIRY);
        }

        /** Where the attempt goes on from, with the release as the batch's re-read found it (null: not read). */
        AttemptState start(ReleaseRecheck reread) {
            return failure != null ? new Failed(AttemptState.Stage.CLAIM, failure) : new ClaimAnswered(claim, reread);
        }

        Claimed withAttempt(ReleaseAttempt a) {
            return new Claimed(a, claim, failure);
        }
    }

    /** @param single handles a message the batch could not claim (malformed, no message id) on its own */
    ShipmentBatch prepare(List<InboundMessage> messages, MessageHandler single) {
        DeferredUpdates deferred = new DeferredUpdates();
        Map<String, Claimed> claimed = claimAll(messages, deferred);
        List<Claimed> toReread = claimed.values().stream().filter(Claimed::mayShip).toList();
        List<ReleaseKey> toRead = toReread.stream().map(c -> c.attempt().key()).distinct().toList();
        List<ReleaseReferences> references = toReread.stream().map(c -> c.attempt().request().references())
                .filter(Objects::nonNull).distinct().toList();
        EarlyAddressChecks earlyChecks = EarlyAddressChecks.start(earlyValidation, addressValidation,
                claimed.values().stream().filter(Claimed::isFirstAttempt).map(Claimed::attempt).toList(),
                this::refusedBeforeAnyCall);
        claimed.replaceAll((id, c) -> c.withAttempt(c.attempt().withEarlyChecks(earlyChecks)));
        Map<ReleaseKey, ReleaseRecheck> reread = Map.of();
        if (!toRead.isEmpty()) {
            try {
                reread = epicor.recheckAll(toRead, references);
            } catch (RuntimeException e) {
                // Each message re-reads its own release and classifies the failure itself.
                LOG.warn("batch_recheck_failed", "releases", toRead.size(),
                        "error", e instanceof ConnectorException ce ? ce.reasonCode() : e.getClass().getName());
            }
        }
        Map<String, MessageResult> grouped = grouping == null ? Map.of() : grouping.shipGroups(claimed.values(), reread);
        return new ShipmentBatch(claimed, reread, grouped, deferred, single, steps, trackingUpdates, earlyChecks);
    }

    /** Whether UPS Shipping refuses the release without a call (then no address check is started for it). */
    private boolean refusedBeforeAnyCall(ShippableRelease release) {
        try {
            ups.checkBeforeAnyCall(List.of(release));
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    /**
     * Claims each message's release in message order; one that is malformed or has no id is left to the single path.
     * While the preflight refuses (asked once for the batch), nothing is claimed: each message fails at its claim.
     */
    private Map<String, Claimed> claimAll(List<InboundMessage> messages, DeferredUpdates deferred) {
        RuntimeException refusal = gate.refusal();
        Map<String, Claimed> claimed = new LinkedHashMap<>();
        for (InboundMessage message : messages) {
            ShipmentRequestMessage request;
            try {
                request = ShipmentRequests.parse(message.body());
            } catch (ConnectorException e) {
                continue; // the single path audits and dead-letters it
            }
            if (message.messageId() == null || claimed.containsKey(message.messageId())) {
                continue;
            }
            ReleaseAttempt a = new ReleaseAttempt(message, request, ownerIds.get(), clock.instant(), deferred,
                    EarlyAddressChecks.NONE);
            if (refusal != null) {
                claimed.put(message.messageId(), new Claimed(a, null, refusal));
                continue;
            }
            try {
                claimed.put(message.messageId(), new Claimed(a,
                        ledger.claim(a.key(), a.owner(), clock.instant().truncatedTo(ChronoUnit.MILLIS), lease), null));
            } catch (RuntimeException e) {
                claimed.put(message.messageId(), new Claimed(a, null, e));
            }
        }
        return claimed;
    }
}
