package com.epicorups.pipeline;

import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.logging.JsonLogger;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.pipeline.AttemptState.CheckAddress;
import com.epicorups.pipeline.AttemptState.Claim;
import com.epicorups.pipeline.AttemptState.ClaimAnswered;
import com.epicorups.pipeline.AttemptState.ClaimTaken;
import com.epicorups.pipeline.AttemptState.Create;
import com.epicorups.pipeline.AttemptState.Created;
import com.epicorups.pipeline.AttemptState.Done;
import com.epicorups.pipeline.AttemptState.Failed;
import com.epicorups.pipeline.AttemptState.Outcome;
import com.epicorups.pipeline.AttemptState.Reconcile;
import com.epicorups.pipeline.AttemptState.RecordShipped;
import com.epicorups.pipeline.AttemptState.Reread;
import com.epicorups.pipeline.AttemptState.ResendUpdate;
import com.epicorups.pipeline.AttemptState.SendUpdate;
import com.epicorups.pipeline.AttemptState.Skip;
import com.epicorups.pipeline.AttemptState.Skipped;
import com.epicorups.pipeline.AttemptState.Step;
import com.epicorups.pipeline.AttemptState.StoreLabels;
import com.epicorups.port.AddressCheck;
import com.epicorups.port.AddressValidation;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.EpicorReleases;
import com.epicorups.port.PackageLabel;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.port.UpsShipping;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.ClaimResult;
import com.epicorups.store.LabelStore;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ShipmentLedger;
import com.epicorups.store.ShipmentRecord;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Takes one release's attempt from state to state ({@link AttemptState}) until it ends, and turns the end into the
 * message's result: a failure, or a claim another attempt holds, through {@link CreationFailurePolicy}.
 */
final class ShipmentSteps {
    // The use case's logger: its lines read as before the use case was split into parts.
    private static final JsonLogger LOG = JsonLogger.getLogger(ShipmentCreation.class);

    private final ShipmentLedger ledger;
    private final EpicorReleases epicor;
    private final AddressValidation addressValidation;
    private final UpsShipping ups;
    private final LabelStore labels;
    private final Auditor audit;
    private final Clock clock;
    private final Duration lease;
    private final CreationFailurePolicy policy;
    private final CreationFailureActions actions;
    private final CreationGate gate;

    ShipmentSteps(ShipmentLedger ledger, EpicorReleases epicor, AddressValidation addressValidation, UpsShipping ups,
                  LabelStore labels, Auditor audit, Clock clock, Duration lease, CreationFailurePolicy policy,
                  CreationFailureActions actions, CreationGate gate) {
        this.gate = gate;
        this.ledger = ledger;
        this.epicor = epicor;
        this.addressValidation = addressValidation;
        this.ups = ups;
        this.labels = labels;
        this.audit = audit;
        this.clock = clock;
        this.lease = lease;
        this.policy = policy;
        this.actions = actions;
    }

    /** Runs the attempt from {@code state} to its end; every failure of a step is classified, none escapes. */
    MessageResult run(ReleaseAttempt a, AttemptState state) {
        AttemptState next = state;
        while (next instanceof Step step) {
            try {
                next = take(a, step);
            } catch (RuntimeException e) {
                next = new Failed(step.stage(), e);
            }
        }
        return end(a, (Outcome) next);
    }

    /** Claims the release, unless the preflight refuses: then nothing is claimed and the attempt fails at CLAIM. */
    private AttemptState claim(ReleaseAttempt a) {
        RuntimeException refusal = gate.refusal();
        if (refusal != null) {
            throw refusal;
        }
        return new ClaimAnswered(ledger.claim(a.key(), a.owner(), now(), lease), null);
    }

    /** The batch's one send of "label created" updates failed for this shipped release. */
    MessageResult updateNotSent(ReleaseAttempt a, RuntimeException e) {
        return actions.apply(a, AttemptState.Stage.UPDATE.operation(), policy.whenUpdateNotSent(a, e), null);
    }

    /** A group's shipping broke in a way nothing classified. */
    MessageResult groupBroke(ReleaseAttempt a, Throwable e) {
        return actions.apply(a, AttemptState.Stage.CREATE.operation(), policy.whenGroupBroke(e), a.started());
    }

    private MessageResult end(ReleaseAttempt a, Outcome outcome) {
        return switch (outcome) {
            case Done d -> MessageResult.done();
            case Skipped s -> MessageResult.skipped(s.reason(), s.detail());
            case ClaimTaken t -> actions.apply(a, AttemptState.Stage.CLAIM.operation(),
                    policy.whenClaimTaken(a, t.holder()), a.started());
            case Failed f -> actions.apply(a, f.stage().operation(), policy.whenFailed(a, f.stage(), f.failure()),
                    a.started());
        };
    }

    private AttemptState take(ReleaseAttempt a, Step step) {
        return switch (step) {
            case Claim c -> claim(a);
            case ClaimAnswered c -> afterClaim(c);
            case ResendUpdate r -> resendUpdate(a, r.shipped());
            case Reconcile r -> reconcile(a, r.reread());
            case Reread r -> reread(a, r.reread());
            case Skip s -> skip(a, s);
            case CheckAddress c -> checkAddress(a, c);
            case Create c -> new Created(ups.create(List.of(c.toShip())), false, c.changed(), Map.of());
            case Created c -> created(a, c);
            case StoreLabels s -> storeLabels(a, s);
            case RecordShipped r -> recordShipped(a, r);
            case SendUpdate u -> sendUpdate(a, u);
        };
    }

    private static AttemptState afterClaim(ClaimAnswered c) {
        ClaimResult claim = c.claim();
        return switch (claim.status()) {
            case ALREADY_SHIPPED -> new ResendUpdate(claim.record());
            case IN_PROGRESS -> new ClaimTaken(claim.record());
            // An attempt after one whose claim lapsed may follow one that UPS answered: look there first. Any other
            // claim follows attempts that ended before UPS could make anything (decision 20): no look-up, which could
            // not say "nothing" unless UPS's code for it is configured.
            case RECLAIMED_AFTER_EXPIRY -> new Reconcile(c.reread());
            case CLAIMED -> new Reread(c.reread());
        };
    }

    private AttemptState resendUpdate(ReleaseAttempt a, ShipmentRecord record) {
        boolean resent = false;
        if (record.state() == LedgerState.SHIPPED) {
            // The writer may never have got the first update (crash between markShipped and send); it dedupes.
            Instant eventTime = record.lastStatus() == TrackingStatus.LABEL_CREATED ? record.lastEventTime()
                    : record.updatedAt();
            // The ledger keeps no forms location: a resent update leaves the forms column as the first one wrote it.
            sendCreatedUpdate(a, record.key(), record.shipmentId(), record.trackingNumbers(), record.labelLocation(),
                    null, Map.of(), eventTime);
            resent = true;
        }
        audit.record(a.subject(), AuditOperation.SHIPMENT_CREATE, AuditOutcome.SKIPPED, Reason.ALREADY_SHIPPED,
                "already shipped as " + record.shipmentId() + "; UPS not called", a.started(),
                Map.of("shipmentId", String.valueOf(record.shipmentId()),
                        "ledgerState", record.state().name(),
                        "trackingUpdateResent", String.valueOf(resent)));
        return new Skipped(Reason.ALREADY_SHIPPED, record.shipmentId());
    }

    private AttemptState reconcile(ReleaseAttempt a, ReleaseRecheck reread) {
        Instant t = clock.instant();
        Optional<CreatedShipment> existing = ups.findByReference(a.request().release());
        if (existing.isPresent()) {
            audit.record(a.subject(), AuditOperation.LABEL_RECOVERY, AuditOutcome.SUCCESS, Reason.ADOPTED_EXISTING,
                    "UPS already had a shipment for reference " + a.key().reference() + "; adopted, none created",
                    t, shipmentDetails(existing.get()));
            return new Created(existing.get(), true, false, Map.of());
        }
        audit.record(a.subject(), AuditOperation.LABEL_RECOVERY, AuditOutcome.SKIPPED, Reason.NONE_AT_UPS,
                "no UPS shipment for reference " + a.key().reference(), t, Map.of());
        return new Reread(reread);
    }

    /** @param reread the release as a batched re-read found it; null: re-read it now */
    private AttemptState reread(ReleaseAttempt a, ReleaseRecheck reread) {
        ReleaseRecheck recheck = reread != null ? reread : epicor.recheck(a.key());
        if (!recheck.isShippable()) {
            Reason reason = recheck.notShippableReason() == null ? Reason.NOT_SHIPPABLE : recheck.notShippableReason();
            return policy.whenNotShippable(reason, recheck.detail());
        }
        ShippableRelease current = recheck.current();
        // What refuses the release without asking UPS refuses it before Address Validation, its first UPS call.
        ups.checkBeforeAnyCall(List.of(current));
        ShippableRelease enqueued = a.request().release();
        boolean changed = current.sysRevId() != enqueued.sysRevId()
                || !Objects.equals(current.shipTo(), enqueued.shipTo());
        return new CheckAddress(current, changed);
    }

    private AttemptState skip(ReleaseAttempt a, Skip s) {
        audit.record(a.subject(), AuditOperation.RELEASE_SKIPPED, AuditOutcome.SKIPPED, s.reason(),
                s.detail() == null ? "release no longer shippable in Epicor" : s.detail(), a.started(), Map.of(),
                a.message().body());
        ledger.markNeedsAttention(a.key(), a.owner(), s.reason().code(), now());
        return new Skipped(s.reason(), s.detail());
    }

    private AttemptState checkAddress(ReleaseAttempt a, CheckAddress c) {
        ShippableRelease current = c.current();
        Instant t = clock.instant();
        AddressCheck check = a.earlyChecks().check(addressValidation, current.shipTo());
        ShippableRelease toShip = current;
        if (check.outcome() == AddressCheck.Outcome.VALIDATED) {
            toShip = withShipTo(current, check.address());
            audit.record(a.subject(), AuditOperation.ADDRESS_VALIDATION, AuditOutcome.SUCCESS, null,
                    check.note() == null ? "validated" : check.note(), t,
                    Map.of("residential", String.valueOf(check.address().residential()),
                            "country", String.valueOf(check.address().countryCode())));
        } else {
            audit.record(a.subject(), AuditOperation.ADDRESS_VALIDATION, AuditOutcome.SKIPPED,
                    check.notValidatedReason(),
                    check.note() == null ? "address validation only covers US and PR" : check.note(), t,
                    Map.of("country", String.valueOf(current.shipTo().countryCode())));
        }
        return new Create(toShip, c.changed());
    }

    private AttemptState created(ReleaseAttempt a, Created c) {
        CreatedShipment shipment = c.shipment();
        if (!c.adopted()) {
            Map<String, String> details = shipmentDetails(shipment);
            details.putAll(c.groupDetails());
            details.put("changedSinceEnqueued", String.valueOf(c.changed()));
            if (shipment.requestBody() != null) {
                details.put("request", Texts.truncate(shipment.requestBody(), 4000));
            }
            audit.record(a.subject(), AuditOperation.SHIPMENT_CREATE, AuditOutcome.SUCCESS, null,
                    "shipment " + shipment.shipmentId() + " created", a.started(), details);
        }
        return new StoreLabels(shipment, c.adopted());
    }

    private AttemptState storeLabels(ReleaseAttempt a, StoreLabels s) {
        Instant t = clock.instant();
        List<String> locations = new ArrayList<>();
        for (PackageLabel label : s.shipment().packages()) {
            if (label.label() != null && label.label().length > 0) {
                locations.add(labels.store(a.key(), label.trackingNumber(), label.format(), label.label()));
            }
        }
        PackageLabel forms = s.shipment().customsForms();
        String formsLocation = null;
        if (forms != null) {
            formsLocation = labels.store(a.key(), forms.trackingNumber(), forms.format(), forms.label());
            audit.record(a.subject(), AuditOperation.LABEL_STORE, AuditOutcome.SUCCESS, null,
                    "customs forms stored", t, Map.of("formsLocation", formsLocation));
        }
        if (locations.isEmpty()) {
            audit.record(a.subject(), AuditOperation.LABEL_STORE, AuditOutcome.SKIPPED, Reason.NO_LABEL,
                    "UPS returned no label bytes", t, Map.of());
        } else {
            audit.record(a.subject(), AuditOperation.LABEL_STORE, AuditOutcome.SUCCESS, null,
                    locations.size() + " label(s) stored", t, Map.of("locations", String.join(",", locations)));
        }
        return new RecordShipped(s.shipment(), locations.isEmpty() ? null : locations.get(0), formsLocation,
                s.adopted());
    }

    private AttemptState recordShipped(ReleaseAttempt a, RecordShipped r) {
        Instant shippedAt = now();
        ShipmentRecord shipped = ledger.markShipped(a.key(), a.owner(), r.shipment().shipmentId(),
                r.shipment().trackingNumbers(), r.labelLocation(), shippedAt);
        return new SendUpdate(shipped, r.shipment(), r.labelLocation(), r.formsLocation(), shippedAt, r.adopted());
    }

    private AttemptState sendUpdate(ReleaseAttempt a, SendUpdate u) {
        sendCreatedUpdate(a, u.shipped().key(), u.shipment().shipmentId(), u.shipment().trackingNumbers(),
                u.labelLocation(), u.formsLocation(), u.shipment().charges(), u.shippedAt());
        LOG.info("shipment_completed", "shipmentId", u.shipment().shipmentId(),
                "adopted", u.adopted(), "packages", u.shipment().packages().size());
        return new Done();
    }

    private void sendCreatedUpdate(ReleaseAttempt a, ReleaseKey key, String shipmentId, List<String> trackingNumbers,
                                   String labelLocation, String formsLocation, Map<String, String> charges,
                                   Instant eventTime) {
        // Per release: the releases of a grouped shipment share its id, and the writer drops repeated event ids.
        TrackingUpdate update = new TrackingUpdate("created#" + shipmentId + "#" + key.asString(),
                TrackingSource.SHIPMENT_CREATOR, key,
                shipmentId, trackingNumbers, TrackingStatus.LABEL_CREATED, "Shipment label created", eventTime,
                null, null, labelLocation, formsLocation, charges.get(CreatedShipment.CHOSEN_SERVICE),
                charges.get(CreatedShipment.CHOSEN_CHARGE));
        try {
            a.updates().send(a, Json.mapper().writeValueAsString(update));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a TrackingUpdate", e);
        }
    }

    private Instant now() {
        // The ledger keeps epoch milliseconds; equal instants must compare equal after a round trip.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static ShippableRelease withShipTo(ShippableRelease r, Address shipTo) {
        return r.withShipTo(shipTo);
    }

    private static Map<String, String> shipmentDetails(CreatedShipment s) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("shipmentId", s.shipmentId());
        details.put("trackingNumbers", String.join(",", s.trackingNumbers()));
        details.put("packages", String.valueOf(s.packages().size()));
        s.charges().forEach((k, v) -> details.put("charge." + k, v));
        if (!s.auditNotes().isEmpty()) {
            details.put("auditNotes", Texts.truncate(String.join(" | ", s.auditNotes()), 2000));
        }
        return details;
    }
}
