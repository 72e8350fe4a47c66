package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.logging.CorrelationId;
import com.epicorups.logging.JsonLogger;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.pipeline.AttemptState.Created;
import com.epicorups.pipeline.AttemptState.Failed;
import com.epicorups.pipeline.AttemptState.Stage;
import com.epicorups.pipeline.BatchPreparation.Claimed;
import com.epicorups.port.AddressCheck;
import com.epicorups.port.AddressValidation;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.port.UpsShipping;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Grouping (ups.groupReleasesByOrder, off by default): the batch's releases that were claimed for the first time and
 * are shippable after the re-read are grouped by company, order, warehouse, ShipViaCode and ship-to (as Epicor has
 * them now); each group of two or more that UPS {@link UpsShipping#canGroup can group} is shipped with one create
 * call, one package per release. Everything else (a lone release; a reclaimed or replayed release, which must
 * reconcile by its own reference first) takes the single path, so a retried group may end as separate shipments,
 * never twice.
 */
final class OrderGrouping {
    // The use case's logger: its lines read as before the use case was split into parts.
    private static final JsonLogger LOG = JsonLogger.getLogger(ShipmentCreation.class);

    private final UpsShipping ups;
    private final AddressValidation addressValidation;
    private final Auditor audit;
    private final Clock clock;
    private final ShipmentSteps steps;

    OrderGrouping(UpsShipping ups, AddressValidation addressValidation, Auditor audit, Clock clock,
                  ShipmentSteps steps) {
        this.ups = ups;
        this.addressValidation = addressValidation;
        this.audit = audit;
        this.clock = clock;
        this.steps = steps;
    }

    /** What releases must share to travel in one shipment (the ship-to as Epicor has it now). */
    private record GroupKey(String company, int orderNum, String warehouse, String shipViaCode, Address shipTo) {
        static GroupKey of(ShippableRelease r) {
            return new GroupKey(r.key().company(), r.key().orderNum(), r.warehouse(), r.shipViaCode(), r.shipTo());
        }
    }

    /** Ships the batch's groups; returns the result per message id of every grouped message. Never throws. */
    Map<String, MessageResult> shipGroups(Collection<Claimed> claimed, Map<ReleaseKey, ReleaseRecheck> reread) {
        Map<GroupKey, List<Claimed>> groups = new LinkedHashMap<>();
        for (Claimed c : claimed) {
            if (!c.isFirstAttempt()) {
                continue;
            }
            ReleaseRecheck recheck = reread.get(c.attempt().key());
            if (recheck == null || !recheck.isShippable() || recheck.current() == null
                    || recheck.current().shipTo() == null) {
                continue;
            }
            groups.computeIfAbsent(GroupKey.of(recheck.current()), k -> new ArrayList<>()).add(c);
        }
        Map<String, MessageResult> results = new LinkedHashMap<>();
        for (List<Claimed> members : groups.values()) {
            if (members.size() < 2) {
                continue;
            }
            List<ShippableRelease> current = members.stream().map(c -> reread.get(c.attempt().key()).current())
                    .toList();
            boolean canGroup;
            try {
                ups.checkBeforeAnyCall(current);
                canGroup = ups.canGroup(current);
            } catch (RuntimeException e) {
                canGroup = false; // refused without a UPS call: each member is refused on the single path
            }
            if (!canGroup) {
                continue;
            }
            List<MessageResult> outcomes;
            try {
                outcomes = shipGroup(members, current);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw e;
                }
                // shipGroup classifies every failure itself; this is a last resort that keeps each claim.
                LOG.warn("group_failed_unexpectedly", "error", e.getClass().getName());
                outcomes = members.stream().map(c -> steps.groupBroke(c.attempt(), e)).toList();
            }
            for (int i = 0; i < members.size(); i++) {
                results.put(members.get(i).attempt().message().messageId(), outcomes.get(i));
            }
        }
        return results;
    }

    /** Ships one group with one create call; one result per member, in order. */
    private List<MessageResult> shipGroup(List<Claimed> members, List<ShippableRelease> current) {
        List<ReleaseAttempt> attempts = members.stream().map(Claimed::attempt).toList();
        String groupKeys = String.join(",", attempts.stream().map(ReleaseAttempt::subject).toList());
        Stage stage = Stage.ADDRESS;
        try {
            Instant t = clock.instant();
            Address shipTo = current.get(0).shipTo();
            AddressCheck check = attempts.get(0).earlyChecks().check(addressValidation, shipTo);
            Address validated = check.outcome() == AddressCheck.Outcome.VALIDATED ? check.address() : null;
            for (ReleaseAttempt a : attempts) {
                auditAddressCheck(a, check, validated, shipTo, groupKeys, t);
            }
            List<ShippableRelease> toShip = current.stream()
                    .map(r -> validated == null ? r : ShipmentSteps.withShipTo(r, validated)).toList();

            stage = Stage.CREATE;
            CreatedShipment created = ups.create(toShip);
            List<Integer> counts = created.packagesPerRelease();
            if (counts.size() != attempts.size()
                    || counts.stream().mapToInt(Integer::intValue).sum() != created.packages().size()) {
                // UPS made something we cannot map to the releases: keep every claim, reconcile by reference.
                stage = Stage.SHIPMENT_MADE;
                throw new ConnectorException(Reason.GROUP_PACKAGE_MISMATCH, "UPS answered "
                        + created.packages().size() + " package(s) for " + attempts.size() + " releases sent as "
                        + counts + " packages");
            }
            Map<String, String> group = Map.of("groupedWith", groupKeys,
                    "groupPackages", String.valueOf(created.packages().size()));
            List<MessageResult> results = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < attempts.size(); i++) {
                ReleaseAttempt a = attempts.get(i);
                ShippableRelease enqueued = a.request().release();
                boolean changed = current.get(i).sysRevId() != enqueued.sysRevId()
                        || !Objects.equals(current.get(i).shipTo(), enqueued.shipTo());
                // UPS lists the packages in the order they were sent: each release's packages, release by release.
                int to = from + counts.get(i);
                CreatedShipment own = new CreatedShipment(created.shipmentId(), created.packages().subList(from, to),
                        created.charges(), created.requestBody(), created.auditNotes(), List.of(to - from));
                from = to;
                results.add(CorrelationId.with(a.subject(), () -> steps.run(a, new Created(own, false, changed,
                        group))));
            }
            return results;
        } catch (RuntimeException e) {
            Stage failedAt = stage;
            List<MessageResult> results = new ArrayList<>();
            for (ReleaseAttempt a : attempts) {
                results.add(CorrelationId.with(a.subject(), () -> steps.run(a, new Failed(failedAt, e))));
            }
            return results;
        }
    }

    private void auditAddressCheck(ReleaseAttempt a, AddressCheck check, Address validated, Address shipTo,
                                   String groupKeys, Instant t) {
        if (validated != null) {
            audit.record(a.subject(), AuditOperation.ADDRESS_VALIDATION, AuditOutcome.SUCCESS, null,
                    check.note() == null ? "validated" : check.note(), t,
                    Map.of("residential", String.valueOf(validated.residential()),
                            "country", String.valueOf(validated.countryCode()), "groupedWith", groupKeys));
        } else {
            audit.record(a.subject(), AuditOperation.ADDRESS_VALIDATION, AuditOutcome.SKIPPED,
                    check.notValidatedReason(),
                    check.note() == null ? "address validation only covers US and PR" : check.note(), t,
                    Map.of("country", String.valueOf(shipTo.countryCode()), "groupedWith", groupKeys));
        }
    }
}
