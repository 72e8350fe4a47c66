package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.epicor.pack.FreightCharge;
import com.epicorups.epicor.pack.PackRequestMessage;
import com.epicorups.epicor.pack.PackWriteBack;
import com.epicorups.epicor.pack.ReadyPack;
import com.epicorups.logging.JsonLogger;
import com.epicorups.model.Address;
import com.epicorups.model.PackKey;
import com.epicorups.model.WeightUnit;
import com.epicorups.port.AddressCheck;
import com.epicorups.port.AddressValidation;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.PackageLabel;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.ClaimResult;
import com.epicorups.store.LabelStore;
import com.epicorups.store.LedgerState;
import com.epicorups.store.PackLedger;
import com.epicorups.store.ShipmentRecord;
import com.epicorups.ups.ship.PackPackages;
import com.epicorups.ups.ship.PackShipment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Pack mode's shipment creator: one pack message into at most one UPS shipment, with release mode's guarantees.
 *
 * <p>The pack is claimed in the never-twice ledger ({@link PackLedger}, keyed {@code company#PACK#n}) before anything
 * else; a claim after an earlier attempt's lapsed asks UPS for a shipment with the pack's reference first (Label
 * Recovery) and adopts it. The pack is re-read (still ready?), its shipment built (its lines as releases to the pack's
 * own ship-to, a package per carton), the ship-to validated, the label bought, the labels stored, the ledger marked
 * SHIPPED, and the results written into the pack ({@link PackResults}, then WRITTEN). Every step is audited under the
 * pack key. Failures follow release mode's policy ({@link CreationFailurePolicy}): before UPS may hold a shipment a
 * permanent failure is NEEDS_ATTENTION and dead-lettered with its reason (replayable), a transient one gives the claim
 * back and is retried; once UPS may hold one the claim is kept until its lease ends and the next attempt reconciles;
 * once SHIPPED a failed write-back is retried, and a redelivery writes it (the ledger says SHIPPED, UPS is not called).
 * A pack voided in Epicor before its write-back has its label voided at once ({@link PackVoids}).
 */
public final class PackCreation {
    private static final JsonLogger LOG = JsonLogger.getLogger(PackCreation.class);

    /** What an attempt holds when a step fails: what may be given back and what must be kept. */
    enum Held {
        /** Nothing claimed yet: always retried. */
        NOTHING,
        /** The claim, nothing at UPS: given back (transient) or NEEDS_ATTENTION (permanent). */
        CLAIM,
        /** The claim, and UPS may hold a shipment: kept until its lease ends. */
        MAYBE_SHIPPED,
        /** The ledger says SHIPPED: the write-back is retried or replayed. */
        SHIPPED,
        /** A void claim, given back already: retried when transient, dead-lettered when UPS refused the void. */
        VOID
    }

    private final PackLedger ledger;
    private final PackShipping packs;
    private final AddressValidation addressValidation;
    private final LabelStore labels;
    private final Auditor audit;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final Duration lease;
    private final Supplier<String> ownerIds;
    private final CreationGate gate;
    private final WeightUnit unit;
    private final boolean markShipped;
    private final FreightCharge customerFreight;
    private final PackVoids voids;

    PackCreation(PackLedger ledger, PackShipping packs, AddressValidation addressValidation, LabelStore labels,
                 Auditor audit, DeadLetters deadLetters, Clock clock, Duration lease, Supplier<String> ownerIds,
                 CreationGate gate, WeightUnit unit, boolean markShipped, FreightCharge customerFreight) {
        this.ledger = ledger;
        this.packs = packs;
        this.addressValidation = addressValidation;
        this.labels = labels;
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.clock = clock;
        this.lease = lease;
        this.ownerIds = ownerIds;
        this.gate = gate;
        this.unit = unit;
        this.markShipped = markShipped;
        this.customerFreight = customerFreight;
        this.voids = new PackVoids(ledger, packs, audit, this::failed, clock, lease);
    }

    /** One pack's attempt: its message, request, claim owner (fresh per attempt) and start. */
    record PackAttempt(InboundMessage message, PackRequestMessage request, String owner, Instant started) {
        PackKey key() {
            return request.key();
        }

        String subject() {
            return key().asString();
        }
    }

    MessageResult handle(InboundMessage message, PackRequestMessage request) {
        PackAttempt a = new PackAttempt(message, request, ownerIds.get(), clock.instant());
        if (request.kind() == PackRequestMessage.Kind.PACK_VOID) {
            return voids.voidLabel(a);
        }
        RuntimeException refusal = gate.refusal();
        if (refusal != null) {
            return failed(a, AuditOperation.SHIPMENT_CREATE, refusal, Held.NOTHING);
        }
        ClaimResult claim;
        try {
            claim = ledger.claim(a.key(), a.owner(), now(), lease);
        } catch (RuntimeException e) {
            return failed(a, AuditOperation.SHIPMENT_CREATE, e, Held.NOTHING);
        }
        return switch (claim.status()) {
            case IN_PROGRESS -> claimTaken(a, claim.record());
            case ALREADY_SHIPPED -> alreadyShipped(a, claim.record());
            case CLAIMED -> ship(a, false);
            case RECLAIMED_AFTER_EXPIRY -> ship(a, true);
        };
    }

    /**
     * @param reconcile an earlier attempt's claim lapsed: UPS may hold its shipment. It is looked up first, before the
     *                  re-read: a pack voided or changed in Epicor since does not leave a bought label behind (the
     *                  write-back of an adopted shipment to a voided pack voids it)
     */
    private MessageResult ship(PackAttempt a, boolean reconcile) {
        CreatedShipment created = null;
        List<PackPackages.PackPackage> packages = null;
        String warehouse = a.request().pack().warehouse();
        if (reconcile) {
            try {
                created = adopted(a, warehouse);
                packages = created == null ? null : packs.packages(a.request().pack());
                created = created == null ? null : PackCartons.inCartonOrder(created, packages, packs, audit, a);
            } catch (RuntimeException e) {
                return failed(a, AuditOperation.LABEL_RECOVERY, e, Held.CLAIM);
            }
        }
        boolean adopted = created != null;
        if (!adopted) {
            PackShipment shipment;
            try {
                Optional<ReadyPack> current = packs.reread(a.key());
                if (current.isEmpty()) {
                    return notReady(a);
                }
                shipment = validated(a, packs.shipment(current.get()));
            } catch (RuntimeException e) {
                return failed(a, AuditOperation.SHIPMENT_CREATE, e, Held.CLAIM);
            }
            try {
                created = packs.create(shipment);
            } catch (RuntimeException e) {
                boolean maybe = CreationFailurePolicy.holdingAfterCreateFailed(e) == AttemptState.Holding.CLAIM_AND_MAYBE_SHIPMENT;
                return failed(a, AuditOperation.SHIPMENT_CREATE, e, maybe ? Held.MAYBE_SHIPPED : Held.CLAIM);
            }
            packages = shipment.packages();
            warehouse = shipment.warehouse();
            Map<String, String> details = details(created);
            details.put("packages", String.valueOf(packages.size()));
            if (created.requestBody() != null) {
                details.put("request", Texts.truncate(created.requestBody(), 4000));
            }
            audit.record(a.subject(), AuditOperation.SHIPMENT_CREATE, AuditOutcome.SUCCESS, null, "pack "
                    + a.key().packNum() + " shipped as " + created.shipmentId() + " (" + packages.size()
                    + " package(s))", a.started(), details);
        }
        try {
            String labelLocation = storeLabels(a, created);
            ledger.markShipped(a.key(), a.owner(), created.shipmentId(), created.trackingNumbers(), labelLocation,
                    PackResults.freight(created), now());
        } catch (RuntimeException e) {
            return failed(a, AuditOperation.LABEL_STORE, e, Held.MAYBE_SHIPPED);
        }
        LOG.info("pack_shipped", "shipmentId", created.shipmentId(), "adopted", adopted,
                "packages", created.packages().size());
        return writeBack(a, packages, created, warehouse);
    }

    /** The pack's ship-to checked with UPS Address Validation (US and PR), on every line, as release mode does. */
    private PackShipment validated(PackAttempt a, PackShipment shipment) {
        Address shipTo = shipment.lines().get(0).shipTo();
        Instant t = clock.instant();
        AddressCheck check = addressValidation.validate(shipTo);
        if (check.outcome() != AddressCheck.Outcome.VALIDATED) {
            audit.record(a.subject(), AuditOperation.ADDRESS_VALIDATION, AuditOutcome.SKIPPED,
                    check.notValidatedReason(), check.note() == null ? "address validation only covers US and PR"
                            : check.note(), t, Map.of("country", String.valueOf(shipTo.countryCode())));
            return shipment;
        }
        audit.record(a.subject(), AuditOperation.ADDRESS_VALIDATION, AuditOutcome.SUCCESS, null,
                check.note() == null ? "validated" : check.note(), t,
                Map.of("residential", String.valueOf(check.address().residential()),
                        "country", String.valueOf(check.address().countryCode())));
        return new PackShipment(shipment.key(), shipment.lines().stream().map(l -> l.withShipTo(check.address()))
                .toList(), shipment.packages(), shipment.unit());
    }

    /** After a lapsed claim: the shipment UPS already holds for the pack's reference, if any (none created then). */
    private CreatedShipment adopted(PackAttempt a, String warehouse) {
        Instant t = clock.instant();
        Optional<CreatedShipment> existing = packs.findAtUps(a.key(), warehouse);
        if (existing.isEmpty()) {
            audit.record(a.subject(), AuditOperation.LABEL_RECOVERY, AuditOutcome.SKIPPED, Reason.NONE_AT_UPS,
                    "no UPS shipment for reference " + a.key().reference(), t, Map.of());
            return null;
        }
        audit.record(a.subject(), AuditOperation.LABEL_RECOVERY, AuditOutcome.SUCCESS, Reason.ADOPTED_EXISTING,
                "UPS already had a shipment for reference " + a.key().reference() + "; adopted, none created", t,
                details(existing.get()));
        return existing.get();
    }

    private String storeLabels(PackAttempt a, CreatedShipment created) {
        Instant t = clock.instant();
        List<String> locations = new ArrayList<>();
        for (PackageLabel label : created.packages()) {
            if (label.label() != null && label.label().length > 0) {
                locations.add(labels.store(a.key(), label.trackingNumber(), label.format(), label.label()));
            }
        }
        PackageLabel forms = created.customsForms();
        if (forms != null) {
            String formsLocation = labels.store(a.key(), forms.trackingNumber(), forms.format(), forms.label());
            audit.record(a.subject(), AuditOperation.LABEL_STORE, AuditOutcome.SUCCESS, null, "customs forms stored",
                    t, Map.of("formsLocation", formsLocation));
        }
        if (locations.isEmpty()) {
            audit.record(a.subject(), AuditOperation.LABEL_STORE, AuditOutcome.SKIPPED, Reason.NO_LABEL,
                    "UPS returned no label bytes", t, Map.of());
            return null;
        }
        audit.record(a.subject(), AuditOperation.LABEL_STORE, AuditOutcome.SUCCESS, null,
                locations.size() + " label(s) stored", t, Map.of("locations", String.join(",", locations)));
        return locations.get(0);
    }

    /**
     * Writes the shipment into the pack and marks the ledger WRITTEN. A pack Epicor voided meanwhile (it refuses the
     * write) has its label voided now; any other failure leaves the ledger SHIPPED, so a redelivery writes it.
     */
    private MessageResult writeBack(PackAttempt a, List<PackPackages.PackPackage> packages, CreatedShipment created,
                                    String warehouse) {
        Instant t = clock.instant();
        try {
            PackWriteBack wb = PackResults.writeBack(created, packages, unit, markShipped)
                    .withCustomerFreight(customerFreight);
            Map<String, Object> written = packs.writeBack(a.key(), wb);
            ledger.markWritten(a.key(), now());
            Map<String, String> details = new LinkedHashMap<>();
            written.forEach((column, value) -> details.put(column, String.valueOf(value)));
            PackResults.customerFreightNote(wb).ifPresent(note -> details.put("customerFreight", note));
            audit.record(a.subject(), AuditOperation.EPICOR_WRITE, written.isEmpty() ? AuditOutcome.SKIPPED
                            : AuditOutcome.SUCCESS, written.isEmpty() ? Reason.NOTHING_TO_WRITE : null,
                    written.isEmpty() ? "the pack already holds its tracking" : "pack " + a.key().packNum()
                            + " written: " + written.keySet(), t, details);
            return MessageResult.done();
        } catch (ConnectorException e) {
            if (e.reason() == Reason.EPICOR_PACK_NOT_FOUND && !e.isTransient()) {
                return voids.voidedBeforeWriteBack(a, created.shipmentId(), warehouse, e.getMessage());
            }
            return failed(a, AuditOperation.EPICOR_WRITE, e, Held.SHIPPED);
        } catch (RuntimeException e) {
            return failed(a, AuditOperation.EPICOR_WRITE, e, Held.SHIPPED);
        }
    }

    /**
     * The ledger has the pack shipped: UPS is not called. SHIPPED (a write-back that failed or was cut short): the
     * write-back again, the cartons planned as before, the freight the ledger kept from UPS's answer.
     */
    private MessageResult alreadyShipped(PackAttempt a, ShipmentRecord record) {
        if (record.state() != LedgerState.SHIPPED) {
            audit.record(a.subject(), AuditOperation.SHIPMENT_CREATE, AuditOutcome.SKIPPED, Reason.ALREADY_SHIPPED,
                    "already shipped as " + record.shipmentId() + " (" + record.state() + "); UPS not called",
                    a.started(), Map.of("shipmentId", String.valueOf(record.shipmentId()),
                            "ledgerState", record.state().name()));
            return MessageResult.skipped(Reason.ALREADY_SHIPPED, record.shipmentId());
        }
        audit.record(a.subject(), AuditOperation.SHIPMENT_CREATE, AuditOutcome.SKIPPED, Reason.ALREADY_SHIPPED,
                "already shipped as " + record.shipmentId() + "; UPS not called, its write-back is done again",
                a.started(), Map.of("shipmentId", String.valueOf(record.shipmentId()), "ledgerState", "SHIPPED"));
        List<PackPackages.PackPackage> packages;
        try {
            packages = packs.packages(a.request().pack());
        } catch (RuntimeException e) {
            return failed(a, AuditOperation.EPICOR_WRITE, e, Held.SHIPPED);
        }
        List<PackageLabel> labelsOf = record.trackingNumbers().stream().map(n -> new PackageLabel(n, null, null))
                .toList();
        Map<String, String> charges = record.freight() == null ? Map.of()
                : Map.of(PackResults.KEPT_FREIGHT, record.freight().toPlainString());
        CreatedShipment known = new CreatedShipment(record.shipmentId(), labelsOf, charges, null, List.of());
        return writeBack(a, packages, known, a.request().pack().warehouse());
    }

    /** Epicor no longer has the pack ready: nothing is bought; NEEDS_ATTENTION so that a replay re-checks it. */
    private MessageResult notReady(PackAttempt a) {
        String detail = "pack " + a.key().packNum() + " is no longer ready for a label in Epicor (voided, shipped, "
                + "tracked by another system, or no longer passing epicor.packs.readyFilter): nothing bought";
        audit.record(a.subject(), AuditOperation.RELEASE_SKIPPED, AuditOutcome.SKIPPED, Reason.PACK_NOT_READY, detail,
                a.started(), Map.of(), a.message().body());
        ledger.markNeedsAttention(a.key(), a.owner(), Reason.PACK_NOT_READY.code(), now());
        return MessageResult.skipped(Reason.PACK_NOT_READY, detail);
    }

    private MessageResult claimTaken(PackAttempt a, ShipmentRecord holder) {
        Duration left = holder.leaseUntil() == null ? lease : Duration.between(clock.instant(), holder.leaseUntil());
        String text = "another attempt holds the claim of pack " + a.key().packNum() + " until " + holder.leaseUntil();
        Optional<String> dead = deadLetters.deadLetterIfLastReceive(a.message(), Reason.CLAIM_IN_PROGRESS, text);
        if (dead.isPresent()) {
            audit.record(a.subject(), AuditOperation.SHIPMENT_CREATE, AuditOutcome.FAILED, Reason.CLAIM_IN_PROGRESS,
                    dead.get(), a.started(), replayable(a), a.message().body());
            return MessageResult.deadLettered(Reason.CLAIM_IN_PROGRESS, dead.get());
        }
        audit.record(a.subject(), AuditOperation.SHIPMENT_CREATE, AuditOutcome.RETRYING, Reason.CLAIM_IN_PROGRESS,
                text, a.started(), Map.of("attempt", String.valueOf(holder.attempt())));
        return MessageResult.retryAfter(Reason.CLAIM_IN_PROGRESS, "claimed by another attempt",
                left.isNegative() ? Duration.ZERO : left);
    }

    /**
     * A step failed with {@code e} while the attempt held {@code held}: retried or dead-lettered, the claim given back,
     * kept or marked NEEDS_ATTENTION, as {@link CreationFailurePolicy} decides for a release; always audited with the
     * message for replay.
     */
    MessageResult failed(PackAttempt a, AuditOperation operation, RuntimeException e, Held held) {
        Reason reason = CreationFailurePolicy.reasonOf(e);
        String text = CreationFailurePolicy.textOf(e);
        boolean retried = held == Held.NOTHING || held == Held.MAYBE_SHIPPED
                || !(e instanceof ConnectorException ce) || ce.isTransient();
        String why = switch (held) {
            case MAYBE_SHIPPED -> text + " (UPS may hold a shipment for this pack: claim kept until its lease ends; "
                    + "the next attempt reconciles by reference " + a.key().reference() + " before creating anything)";
            case SHIPPED -> text + " (the pack is shipped: a replay writes it back without calling UPS)";
            default -> text;
        };
        Map<String, String> details = replayable(a);
        if (retried) {
            Optional<String> dead = deadLetters.deadLetterIfLastReceive(a.message(), reason, why);
            if (dead.isEmpty()) {
                if (held == Held.CLAIM) {
                    ledger.releaseClaim(a.key(), a.owner());
                }
                audit.record(a.subject(), operation, AuditOutcome.RETRYING, reason, why, a.started(), details,
                        a.message().body());
                return held == Held.MAYBE_SHIPPED ? MessageResult.retryAfter(reason, text, lease)
                        : MessageResult.retry(reason, text);
            }
            why = dead.get();
        } else {
            try {
                deadLetters.send(a.message(), reason, why);
            } catch (RuntimeException dlqDown) {
                // Stays on its queue instead; a claim left behind lapses and the next attempt reconciles first.
                LOG.warn("dead_letter_send_failed", "reasonCode", reason.code(), "error",
                        dlqDown.getClass().getSimpleName());
                return MessageResult.retry(Reason.DLQ_UNAVAILABLE, reason.code());
            }
        }
        if (held == Held.CLAIM) {
            try {
                ledger.markNeedsAttention(a.key(), a.owner(), reason.code(), now());
            } catch (RuntimeException lost) {
                LOG.warn("mark_needs_attention_failed", "error", lost.getClass().getSimpleName());
            }
        }
        audit.record(a.subject(), operation, AuditOutcome.FAILED, reason, why, a.started(), details,
                a.message().body());
        return MessageResult.deadLettered(reason, why);
    }

    private static Map<String, String> replayable(PackAttempt a) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("replayQueue", ShipmentCreation.SOURCE_QUEUE);
        details.put("receiveCount", String.valueOf(a.message().receiveCount()));
        return details;
    }

    static Map<String, String> details(CreatedShipment s) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("shipmentId", s.shipmentId());
        details.put("trackingNumbers", String.join(",", s.trackingNumbers()));
        s.charges().forEach((k, v) -> details.put("charge." + k, v));
        if (!s.auditNotes().isEmpty()) {
            details.put("auditNotes", Texts.truncate(String.join(" | ", s.auditNotes()), 2000));
        }
        return details;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
