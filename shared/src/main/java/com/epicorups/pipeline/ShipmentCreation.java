package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.DaemonThreads;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.epicorups.logging.CorrelationId;
import com.epicorups.logging.JsonLogger;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ReleaseReferences;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.port.AddressCheck;
import com.epicorups.port.AddressValidation;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.EpicorReleases;
import com.epicorups.port.PackageLabel;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.port.UpsShipping;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.ClaimResult;
import com.epicorups.store.LabelStore;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ShipmentLedger;
import com.epicorups.store.ShipmentRecord;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Turns one shipment-requests message into at most one UPS shipment.
 *
 * <p>Never twice: the release key is claimed in the {@link ShipmentLedger} with one conditional write before
 * anything else. Any attempt that is not the release's first (a claim taken over after its lease expired, a
 * claim released after a transient failure, a replay after NEEDS_ATTENTION) first asks UPS whether it already
 * has a shipment for the release's reference and adopts it instead of creating another one.
 *
 * <p>Timeout after create: when {@link UpsShipping#create} fails transiently (timeout, 5xx, connection reset)
 * UPS may have created the shipment anyway. The claim is then <em>kept</em>, not released: the message is
 * retried, finds the claim IN_PROGRESS until the lease expires, and the attempt after that reconciles by
 * reference. The immediate alternative (calling findByReference at once) was rejected because UPS Label
 * Recovery is not guaranteed to see a shipment seconds after it was made, and an empty answer there would
 * be taken for "not created". The same holds for every failure after UPS answered (label store, ledger
 * markShipped): the claim stays, and the next owner adopts the shipment by reference. Such a retry (and an
 * IN_PROGRESS one) carries the time left on the lease as its {@link MessageResult#retryAfter()}, so the batch
 * processor can hide the message until the lease ends instead of spending the queue's redeliveries on it.
 *
 * <p>Grouping ({@link Builder#groupReleasesByOrder}, off by default): in the batch path the releases of one
 * order, warehouse, ShipViaCode and ship-to that were claimed for the first time share one create call and one
 * shipment, a package each (see {@code shipGroups}). Any later attempt of such a release (a retry after a
 * failed group call, a reclaim, a replay) takes the single path and reconciles by its own reference first, so
 * a retried group may end as separate shipments, never twice.
 *
 * <p>Not-shippable rechecks: a release Epicor no longer wants shipped (cancelled, closed, voided, gone,
 * shipped in Epicor) is SKIPPED: audited, acknowledged, ledger NEEDS_ATTENTION with the reason so that a
 * later replay re-checks it. Any other not-shippable reason (NO_PART, NO_WEIGHT, SHIP_TO_INACTIVE,
 * NO_SHIP_TO_ADDRESS, ...) is a permanent failure: DLQ.
 */
public final class ShipmentCreation implements MessageHandler {
    private static final JsonLogger LOG = JsonLogger.getLogger(ShipmentCreation.class);

    /**
     * Recheck reasons that mean "nobody wants this shipped any more", as opposed to "fix the data". NO_PART,
     * NO_WEIGHT, SHIP_TO_INACTIVE and NO_SHIP_TO_ADDRESS are not here: the poller enqueues such releases so that
     * they fail into the DLQ (ledger NEEDS_ATTENTION) and ship on a redrive once Epicor's Part or ShipTo row is
     * fixed; a skip would leave them behind, since fixing those rows does not change the OrderRel row the poll
     * watches.
     */
    public static final Set<String> NO_LONGER_WANTED = Set.of("RELEASE_GONE", "RELEASE_CLOSED", "RELEASE_VOID",
            "RELEASE_CANCELLED", "ORDER_CLOSED", "ORDER_CANCELLED", "ORDER_VOID", "LINE_CLOSED", "LINE_VOID",
            "ALREADY_SHIPPED_IN_EPICOR", "NOT_ELIGIBLE", "DROP_SHIP", "SERVICE_ITEM", "ZERO_QUANTITY",
            "NOT_UPS_SHIP_VIA");
    public static final String SOURCE_QUEUE = "shipment-requests";
    /**
     * Transient create failures UPS answered before doing anything (HTTP 429: the request was throttled, not
     * processed). Unlike a timeout or a 5xx they prove no shipment was made, so the claim is released and the
     * retry need not wait out the lease: in a 429 storm every release would otherwise sit out a full lease
     * per refusal and burn its SQS receives on CLAIM_IN_PROGRESS until it landed in the DLQ. The same holds for
     * the transient UPS token failures: without a token the ship POST is never sent (the UPS client gets the
     * token before each send, and a second one only after UPS refused the first with a 401).
     */
    public static final Set<String> REFUSED_UNPROCESSED = Set.of("UPS_RATE_LIMITED", "UPS_TOKEN_THROTTLED",
            "UPS_TOKEN_UNAVAILABLE", "UPS_TOKEN_WAIT_TIMEOUT", "UPS_TOKEN_BAD_RESPONSE");

    private final ShipmentLedger ledger;
    private final EpicorReleases epicor;
    private final AddressValidation addressValidation;
    private final UpsShipping ups;
    private final LabelStore labels;
    private final MessageQueue trackingUpdates;
    private final DeadLetters deadLetters;
    private final Auditor audit;
    private final Clock clock;
    private final Duration lease;
    private final Supplier<String> ownerIds;
    private final boolean groupReleasesByOrder;
    /** The early address checks' threads; started on first use (a pool starts no thread before a task). */
    private final ExecutorService earlyValidation;

    private ShipmentCreation(Builder b) {
        this.ledger = Objects.requireNonNull(b.ledger, "ledger");
        this.epicor = Objects.requireNonNull(b.epicor, "epicor");
        this.addressValidation = Objects.requireNonNull(b.addressValidation, "addressValidation");
        this.ups = Objects.requireNonNull(b.ups, "ups");
        this.labels = Objects.requireNonNull(b.labels, "labels");
        this.trackingUpdates = Objects.requireNonNull(b.trackingUpdates, "trackingUpdates");
        this.clock = b.clock;
        this.deadLetters = new DeadLetters(Objects.requireNonNull(b.deadLetterQueue, "deadLetterQueue"),
                SOURCE_QUEUE, clock);
        this.audit = new Auditor(Objects.requireNonNull(b.auditLog, "auditLog"), clock);
        this.lease = b.settings.claimLease();
        this.ownerIds = b.ownerIds;
        this.groupReleasesByOrder = b.groupReleasesByOrder;
        this.earlyValidation = Executors.newFixedThreadPool(b.settings.batchConcurrency(),
                DaemonThreads.named("address-check"));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The state of one attempt, for classifying a failure correctly wherever it happens. */
    private static final class Attempt {
        final InboundMessage message;
        final ReleaseKey key;
        final String owner;
        AuditOperation step = AuditOperation.SHIPMENT_CREATE;
        boolean claimHeld;
        /** From the moment create() is called until UPS refused it: a shipment may exist at UPS. */
        boolean upsMayHaveShipment;
        /** In a batch: where the tracking update goes until the batch's one send; null: sent at once. */
        DeferredUpdates deferredUpdates;
        /** In a batch: address checks started while Epicor was re-read, by the ship-to they checked. */
        Map<Address, Future<AddressCheck>> earlyChecks = Map.of();

        Attempt(InboundMessage message, ReleaseKey key, String owner) {
            this.message = message;
            this.key = key;
            this.owner = owner;
        }

        String subject() {
            return key.asString();
        }
    }

    @Override
    public MessageResult handle(InboundMessage message) {
        ShipmentRequestMessage request;
        try {
            request = parse(message.body());
        } catch (ConnectorException e) {
            return malformed(message, e);
        }
        ReleaseKey key = request.release().key();
        return CorrelationId.with(key.asString(), () -> handle(message, request, key));
    }

    private MessageResult handle(InboundMessage message, ShipmentRequestMessage request, ReleaseKey key) {
        Attempt a = new Attempt(message, key, ownerIds.get());
        Instant started = clock.instant();
        ClaimResult claim;
        try {
            claim = ledger.claim(key, a.owner, now(), lease);
        } catch (RuntimeException e) {
            return transientFailure(a, e, started);
        }
        return afterClaim(a, request, claim, started, null);
    }

    /**
     * The batch path: every message of the batch is claimed first, then the releases this batch may ship are
     * re-read from Epicor with one {@link EpicorReleases#recheckAll} (a handful of calls for the whole batch
     * instead of a handful per message), then each message goes on from its claim with its re-read. A release
     * the batched read did not answer for (the read failed) is re-read on its own, as on the single path.
     * Releases whose claim found them shipped or in progress are not re-read.
     */
    @Override
    public MessageHandler forBatch(List<InboundMessage> messages) {
        DeferredUpdates deferred = new DeferredUpdates();
        Map<String, Claimed> claimed = new LinkedHashMap<>();
        for (InboundMessage message : messages) {
            ShipmentRequestMessage request;
            try {
                request = parse(message.body());
            } catch (ConnectorException e) {
                continue; // the per-message path audits and dead-letters it
            }
            if (message.messageId() == null || claimed.containsKey(message.messageId())) {
                continue;
            }
            ReleaseKey key = request.release().key();
            Attempt a = new Attempt(message, key, ownerIds.get());
            a.deferredUpdates = deferred;
            Instant started = clock.instant();
            try {
                claimed.put(message.messageId(), new Claimed(a, request,
                        ledger.claim(key, a.owner, now(), lease), null, started));
            } catch (RuntimeException e) {
                claimed.put(message.messageId(), new Claimed(a, request, null, e, started));
            }
        }
        List<Claimed> toReread = claimed.values().stream()
                .filter(c -> c.claim() != null && mayShip(c.claim().status())).toList();
        List<ReleaseKey> toRead = toReread.stream().map(c -> c.attempt().key).distinct().toList();
        List<ReleaseReferences> references = toReread.stream().map(c -> c.request().references())
                .filter(java.util.Objects::nonNull).distinct().toList();
        Map<Address, Future<AddressCheck>> earlyChecks = validateEarly(claimed.values());
        claimed.values().forEach(c -> c.attempt().earlyChecks = earlyChecks);
        Map<ReleaseKey, ReleaseRecheck> rechecks = Map.of();
        if (!toRead.isEmpty()) {
            try {
                rechecks = epicor.recheckAll(toRead, references);
            } catch (RuntimeException e) {
                // Each message re-reads its own release and classifies the failure itself.
                LOG.warn("batch_recheck_failed", "releases", toRead.size(),
                        "error", e instanceof ConnectorException ce ? ce.reasonCode() : e.getClass().getName());
            }
        }
        Map<ReleaseKey, ReleaseRecheck> reread = rechecks;
        Map<String, MessageResult> grouped = groupReleasesByOrder ? shipGroups(claimed.values(), reread) : Map.of();
        return new MessageHandler() {
            @Override
            public MessageResult handle(InboundMessage message) {
                MessageResult groupResult = grouped.get(message.messageId());
                if (groupResult != null) {
                    return groupResult;
                }
                Claimed c = claimed.get(message.messageId());
                if (c == null) {
                    return ShipmentCreation.this.handle(message);
                }
                return CorrelationId.with(c.attempt().key.asString(), () -> c.failure() != null
                        ? transientFailure(c.attempt(), c.failure(), c.started())
                        : afterClaim(c.attempt(), c.request(), c.claim(), c.started(), reread.get(c.attempt().key)));
            }

            @Override
            public List<String> afterBatch() {
                return deferred.sendAll(trackingUpdates, ShipmentCreation.this::updateNotSentOnLastReceive);
            }
        };
    }

    /**
     * The batch's "label created" tracking updates, sent together when the batch ends (SendMessageBatch: one call
     * per ten instead of one each). If that send fails, the messages whose updates did not go are delivered again;
     * their ledger rows say SHIPPED, so the redelivery sends the update again and never calls UPS.
     */
    private static final class DeferredUpdates {
        private final ConcurrentLinkedQueue<Map.Entry<Attempt, String>> updates =
                new ConcurrentLinkedQueue<>();

        void add(Attempt attempt, String body) {
            updates.add(Map.entry(attempt, body));
        }

        /**
         * @param lastReceive takes each message whose update did not go, with the failure; true when it
         *                    dead-lettered it on its last receive (so it is not listed for redelivery)
         */
        List<String> sendAll(MessageQueue queue,
                             java.util.function.BiPredicate<Attempt, RuntimeException> lastReceive) {
            List<Map.Entry<Attempt, String>> pending = new ArrayList<>(updates);
            updates.clear();
            if (pending.isEmpty()) {
                return List.of();
            }
            try {
                queue.sendAll(pending.stream().map(Map.Entry::getValue).toList());
                return List.of();
            } catch (RuntimeException e) {
                LOG.warn("tracking_updates_send_failed", "updates", pending.size(), "error",
                        e instanceof ConnectorException ce ? ce.reasonCode() : e.getClass().getName(),
                        "detail", String.valueOf(e.getMessage()));
                List<String> redeliver = new ArrayList<>();
                Set<String> handled = new java.util.HashSet<>();
                for (Map.Entry<Attempt, String> p : pending) {
                    Attempt a = p.getKey();
                    String id = a.message.messageId();
                    if (!handled.add(id)) {
                        continue;
                    }
                    if (!lastReceive.test(a, e)) {
                        redeliver.add(id);
                    }
                }
                return redeliver;
            }
        }
    }

    /**
     * The batch's update send failed for this message: on its last receive SQS will not deliver it again, so it
     * goes to the DLQ with why and is audited FAILED (a replay finds the release SHIPPED and resends the update
     * only); true when it did.
     */
    private boolean updateNotSentOnLastReceive(Attempt a, RuntimeException e) {
        String reason = e instanceof ConnectorException ce ? ce.reasonCode() : "UNEXPECTED_ERROR";
        String message = "the \"label created\" tracking update could not be sent: " + (e instanceof ConnectorException
                ? Texts.messageOf(e) : e.getClass().getName() + ": " + Texts.messageOf(e));
        return CorrelationId.with(a.key.asString(), () -> exhausted(a, reason, message, null, true).isPresent());
    }

    /**
     * Starts the address checks of the batch's first attempts on the ship-tos they were enqueued with, at most
     * batchConcurrency at a time, so they run while Epicor is re-read instead of after it. A release whose fresh
     * ship-to is the same uses the answer; one whose ship-to changed is checked again (see {@link #checkShipTo}).
     * Each distinct ship-to is checked once.
     */
    private Map<Address, Future<AddressCheck>> validateEarly(java.util.Collection<Claimed> batch) {
        Map<Address, Future<AddressCheck>> checks = new LinkedHashMap<>();
        for (Claimed c : batch) {
            if (!c.isFirstAttempt()) {
                continue;
            }
            Address shipTo = c.request().release().shipTo();
            if (shipTo != null && !checks.containsKey(shipTo)) {
                String correlationId = c.attempt().key.asString();
                checks.put(shipTo, earlyValidation.submit(
                        () -> CorrelationId.with(correlationId, () -> addressValidation.validate(shipTo))));
            }
        }
        return checks;
    }

    /**
     * The ship-to's address check: the one started early for the same address when there is one (its failure is
     * thrown here as it was thrown there, so it is classified as if the call were made now), else a call now.
     */
    private AddressCheck checkShipTo(Attempt a, Address shipTo) {
        Future<AddressCheck> early = a.earlyChecks.get(shipTo);
        if (early != null) {
            try {
                return early.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                LOG.debug("early_address_check_failed", "error", String.valueOf(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(FailureKind.TRANSIENT, "INTERRUPTED", "interrupted waiting for UPS", e);
            }
        }
        return addressValidation.validate(shipTo);
    }

    /** One message of a batch after its claim: the claim's outcome, or why claiming failed. */
    private record Claimed(Attempt attempt, ShipmentRequestMessage request, ClaimResult claim,
                           RuntimeException failure, Instant started) {
        /** Claimed now for the first time: nothing to reconcile with UPS first. */
        boolean isFirstAttempt() {
            return failure == null && claim != null && claim.status() == ClaimResult.Status.CLAIMED
                    && claim.record().attempt() <= 1;
        }
    }

    /** What releases must share to travel in one shipment (the ship-to as Epicor has it now). */
    private record GroupKey(String company, int orderNum, String warehouse, String shipViaCode, Address shipTo) {
        static GroupKey of(ShippableRelease r) {
            return new GroupKey(r.key().company(), r.key().orderNum(), r.warehouse(), r.shipViaCode(), r.shipTo());
        }
    }

    /**
     * Grouping (ups.groupReleasesByOrder): the batch's releases that were claimed for the first time and are
     * shippable after the re-read are grouped by company, order, warehouse, ShipViaCode and ship-to; each
     * group of two or more that UPS {@link UpsShipping#canGroup can group} is shipped here with one create
     * call, one package per release. Everything else (a lone release, a reclaimed or replayed release, which
     * must reconcile by its reference first) takes the single path. Returns the result per message id of
     * every grouped message; never throws.
     */
    private Map<String, MessageResult> shipGroups(java.util.Collection<Claimed> claimed,
                                                  Map<ReleaseKey, ReleaseRecheck> reread) {
        Map<GroupKey, List<Claimed>> groups = new LinkedHashMap<>();
        for (Claimed c : claimed) {
            if (!c.isFirstAttempt()) {
                continue;
            }
            ReleaseRecheck recheck = reread.get(c.attempt().key);
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
            List<ShippableRelease> current = members.stream().map(c -> reread.get(c.attempt().key).current())
                    .toList();
            boolean canGroup;
            try {
                canGroup = ups.canGroup(current);
            } catch (RuntimeException e) {
                canGroup = false;
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
                outcomes = members.stream().map(c -> MessageResult.retryAfter("UNEXPECTED_ERROR",
                        e.getClass().getName(), lease)).toList();
            }
            for (int i = 0; i < members.size(); i++) {
                results.put(members.get(i).attempt().message.messageId(), outcomes.get(i));
            }
        }
        return results;
    }

    /** Ships one group with one create call; one result per member, in order. */
    private List<MessageResult> shipGroup(List<Claimed> members, List<ShippableRelease> current) {
        List<Attempt> attempts = members.stream().map(Claimed::attempt).toList();
        attempts.forEach(a -> a.claimHeld = true);
        String groupKeys = String.join(",", attempts.stream().map(a -> a.key.asString()).toList());
        try {
            for (Attempt a : attempts) {
                a.step = AuditOperation.ADDRESS_VALIDATION;
            }
            Instant t = clock.instant();
            Address shipTo = current.get(0).shipTo();
            AddressCheck check = checkShipTo(attempts.get(0), shipTo);
            Address validated = check.outcome() == AddressCheck.Outcome.VALIDATED ? check.address() : null;
            for (Attempt a : attempts) {
                if (validated != null) {
                    audit.record(a.subject(), AuditOperation.ADDRESS_VALIDATION, AuditOutcome.SUCCESS, null,
                            check.note() == null ? "validated" : check.note(), t,
                            Map.of("residential", String.valueOf(validated.residential()),
                                    "country", String.valueOf(validated.countryCode()), "groupedWith", groupKeys));
                } else {
                    audit.record(a.subject(), AuditOperation.ADDRESS_VALIDATION, AuditOutcome.SKIPPED,
                            "ADDRESS_VALIDATION_NOT_AVAILABLE",
                            check.note() == null ? "address validation only covers US and PR" : check.note(), t,
                            Map.of("country", String.valueOf(shipTo.countryCode()), "groupedWith", groupKeys));
                }
            }
            List<ShippableRelease> toShip = current.stream()
                    .map(r -> validated == null ? r : withShipTo(r, validated)).toList();

            attempts.forEach(a -> {
                a.step = AuditOperation.SHIPMENT_CREATE;
                a.upsMayHaveShipment = true;
            });
            CreatedShipment created;
            try {
                created = ups.create(toShip);
            } catch (ConnectorException e) {
                if (!e.isTransient() || REFUSED_UNPROCESSED.contains(e.reasonCode())) {
                    attempts.forEach(a -> a.upsMayHaveShipment = false);
                }
                throw e;
            }
            if (created.packages().size() != attempts.size()) {
                // UPS made something we cannot map to the releases: keep every claim, reconcile by reference.
                throw new ConnectorException(FailureKind.TRANSIENT, "GROUP_PACKAGE_MISMATCH", "UPS answered "
                        + created.packages().size() + " package(s) for " + attempts.size() + " releases");
            }
            List<MessageResult> results = new ArrayList<>();
            for (int i = 0; i < attempts.size(); i++) {
                Attempt a = attempts.get(i);
                Claimed c = members.get(i);
                ShippableRelease enqueued = c.request().release();
                boolean changed = current.get(i).sysRevId() != enqueued.sysRevId()
                        || !Objects.equals(current.get(i).shipTo(), enqueued.shipTo());
                // UPS lists the packages in the order of the releases given (one package per release).
                CreatedShipment own = new CreatedShipment(created.shipmentId(), List.of(created.packages().get(i)),
                        created.charges(), created.requestBody(), created.auditNotes());
                Map<String, String> group = Map.of("groupedWith", groupKeys,
                        "groupPackages", String.valueOf(created.packages().size()));
                results.add(CorrelationId.with(a.key.asString(), () -> {
                    try {
                        return complete(a, own, false, changed, c.started(), group);
                    } catch (RuntimeException e) {
                        return classify(a, e, c.started());
                    }
                }));
            }
            return results;
        } catch (RuntimeException e) {
            List<MessageResult> results = new ArrayList<>();
            for (int i = 0; i < attempts.size(); i++) {
                Attempt a = attempts.get(i);
                Instant started = members.get(i).started();
                results.add(CorrelationId.with(a.key.asString(), () -> classify(a, e, started)));
            }
            return results;
        }
    }

    /** A failure of an attempt that holds its claim, classified as on the single path. */
    private MessageResult classify(Attempt a, RuntimeException e, Instant started) {
        if (e instanceof ConnectorException ce && !ce.isTransient()) {
            return permanentFailure(a, ce.reasonCode(), Texts.messageOf(ce), started);
        }
        return transientFailure(a, e, started);
    }

    private static boolean mayShip(ClaimResult.Status status) {
        return status == ClaimResult.Status.CLAIMED || status == ClaimResult.Status.RECLAIMED_AFTER_EXPIRY;
    }

    /** @param reread the release as a batched re-read found it; null: re-read it now */
    private MessageResult afterClaim(Attempt a, ShipmentRequestMessage request, ClaimResult claim, Instant started,
                                     ReleaseRecheck reread) {
        try {
            switch (claim.status()) {
                case ALREADY_SHIPPED:
                    return alreadyShipped(a, claim.record(), started);
                case IN_PROGRESS:
                    // On the last receive another attempt's claim is final for this message: the replay finds the
                    // release shipped or reconciles by reference.
                    Optional<MessageResult> exhausted = exhausted(a, "CLAIM_IN_PROGRESS",
                            "another attempt holds the claim until " + claim.record().leaseUntil(), started, false);
                    if (exhausted.isPresent()) {
                        return exhausted.get();
                    }
                    audit.record(a.subject(), AuditOperation.SHIPMENT_CREATE, AuditOutcome.RETRYING,
                            "CLAIM_IN_PROGRESS", "another attempt holds the claim until " + claim.record().leaseUntil(),
                            started, Map.of("attempt", String.valueOf(claim.record().attempt())));
                    return MessageResult.retryAfter("CLAIM_IN_PROGRESS", "claimed by another attempt",
                            untilLeaseEnds(claim.record()));
                case CLAIMED:
                case RECLAIMED_AFTER_EXPIRY:
                default:
                    a.claimHeld = true;
                    boolean reconcile = claim.status() == ClaimResult.Status.RECLAIMED_AFTER_EXPIRY
                            || claim.record().attempt() > 1;
                    return ship(a, request, reconcile, started, reread);
            }
        } catch (ConnectorException e) {
            return e.isTransient() ? transientFailure(a, e, started) : permanentFailure(a, e.reasonCode(),
                    Texts.messageOf(e), started);
        } catch (RuntimeException e) {
            // A bug or an unclassified failure: never lose the message, let SQS try again.
            return transientFailure(a, e, started);
        }
    }

    private MessageResult ship(Attempt a, ShipmentRequestMessage request, boolean reconcile, Instant started,
                               ReleaseRecheck reread) {
        if (reconcile) {
            a.step = AuditOperation.LABEL_RECOVERY;
            Instant t = clock.instant();
            Optional<CreatedShipment> existing = ups.findByReference(request.release());
            if (existing.isPresent()) {
                audit.record(a.subject(), AuditOperation.LABEL_RECOVERY, AuditOutcome.SUCCESS, "ADOPTED_EXISTING",
                        "UPS already had a shipment for reference " + a.key.reference() + "; adopted, none created",
                        t, shipmentDetails(existing.get()));
                return complete(a, existing.get(), true, false, started);
            }
            audit.record(a.subject(), AuditOperation.LABEL_RECOVERY, AuditOutcome.SKIPPED, "NONE_AT_UPS",
                    "no UPS shipment for reference " + a.key.reference(), t, Map.of());
        }

        a.step = AuditOperation.SHIPMENT_CREATE;
        ReleaseRecheck recheck = reread != null ? reread : epicor.recheck(a.key);
        if (!recheck.isShippable()) {
            String reason = recheck.notShippableReason() == null ? "NOT_SHIPPABLE" : recheck.notShippableReason();
            if (NO_LONGER_WANTED.contains(reason)) {
                return skip(a, reason, recheck.detail(), started);
            }
            throw new ConnectorException(FailureKind.PERMANENT, reason,
                    recheck.detail() == null ? "release is not shippable: " + reason : recheck.detail());
        }
        ShippableRelease current = recheck.current();
        boolean changed = current.sysRevId() != request.release().sysRevId()
                || !Objects.equals(current.shipTo(), request.release().shipTo());

        a.step = AuditOperation.ADDRESS_VALIDATION;
        Instant t = clock.instant();
        AddressCheck check = checkShipTo(a, current.shipTo());
        ShippableRelease toShip = current;
        if (check.outcome() == AddressCheck.Outcome.VALIDATED) {
            toShip = withShipTo(current, check.address());
            audit.record(a.subject(), AuditOperation.ADDRESS_VALIDATION, AuditOutcome.SUCCESS, null,
                    check.note() == null ? "validated" : check.note(), t,
                    Map.of("residential", String.valueOf(check.address().residential()),
                            "country", String.valueOf(check.address().countryCode())));
        } else {
            audit.record(a.subject(), AuditOperation.ADDRESS_VALIDATION, AuditOutcome.SKIPPED,
                    "ADDRESS_VALIDATION_NOT_AVAILABLE",
                    check.note() == null ? "address validation only covers US and PR" : check.note(), t,
                    Map.of("country", String.valueOf(current.shipTo().countryCode())));
        }

        a.step = AuditOperation.SHIPMENT_CREATE;
        CreatedShipment created;
        a.upsMayHaveShipment = true;
        try {
            created = ups.create(List.of(toShip));
        } catch (ConnectorException e) {
            if (!e.isTransient() || REFUSED_UNPROCESSED.contains(e.reasonCode())) {
                a.upsMayHaveShipment = false; // UPS answered with a refusal: nothing was created
            }
            throw e;
        }
        return complete(a, created, false, changed, started);
    }

    /** Everything after UPS has a shipment. From here on the claim is never released. */
    private MessageResult complete(Attempt a, CreatedShipment shipment, boolean adopted, boolean changed,
                                   Instant started) {
        return complete(a, shipment, adopted, changed, started, Map.of());
    }

    private MessageResult complete(Attempt a, CreatedShipment shipment, boolean adopted, boolean changed,
                                   Instant started, Map<String, String> extraDetails) {
        a.upsMayHaveShipment = true;
        if (!adopted) {
            Map<String, String> details = shipmentDetails(shipment);
            details.putAll(extraDetails);
            details.put("changedSinceEnqueued", String.valueOf(changed));
            if (shipment.requestBody() != null) {
                details.put("request", Texts.truncate(shipment.requestBody(), 4000));
            }
            audit.record(a.subject(), AuditOperation.SHIPMENT_CREATE, AuditOutcome.SUCCESS, null,
                    "shipment " + shipment.shipmentId() + " created", started, details);
        }

        a.step = AuditOperation.LABEL_STORE;
        Instant t = clock.instant();
        List<String> locations = new ArrayList<>();
        for (PackageLabel label : shipment.packages()) {
            if (label.label() != null && label.label().length > 0) {
                locations.add(labels.store(a.key, label.trackingNumber(), label.format(), label.label()));
            }
        }
        if (locations.isEmpty()) {
            audit.record(a.subject(), AuditOperation.LABEL_STORE, AuditOutcome.SKIPPED, "NO_LABEL",
                    "UPS returned no label bytes", t, Map.of());
        } else {
            audit.record(a.subject(), AuditOperation.LABEL_STORE, AuditOutcome.SUCCESS, null,
                    locations.size() + " label(s) stored", t, Map.of("locations", String.join(",", locations)));
        }
        String labelLocation = locations.isEmpty() ? null : locations.get(0);

        a.step = AuditOperation.SHIPMENT_CREATE;
        Instant shippedAt = now();
        ShipmentRecord shipped = ledger.markShipped(a.key, a.owner, shipment.shipmentId(),
                shipment.trackingNumbers(), labelLocation, shippedAt);
        a.claimHeld = false;

        sendCreatedUpdate(a, shipped.key(), shipment.shipmentId(), shipment.trackingNumbers(), labelLocation,
                shippedAt);
        LOG.info("shipment_completed", "shipmentId", shipment.shipmentId(),
                "adopted", adopted, "packages", shipment.packages().size());
        return MessageResult.done();
    }

    private MessageResult alreadyShipped(Attempt a, ShipmentRecord record, Instant started) {
        boolean resent = false;
        if (record.state() == LedgerState.SHIPPED) {
            // The writer may never have got the first update (crash between markShipped and send); it dedupes.
            Instant eventTime = record.lastStatus() == TrackingStatus.LABEL_CREATED ? record.lastEventTime()
                    : record.updatedAt();
            sendCreatedUpdate(a, record.key(), record.shipmentId(), record.trackingNumbers(), record.labelLocation(),
                    eventTime);
            resent = true;
        }
        audit.record(a.subject(), AuditOperation.SHIPMENT_CREATE, AuditOutcome.SKIPPED, "ALREADY_SHIPPED",
                "already shipped as " + record.shipmentId() + "; UPS not called", started,
                Map.of("shipmentId", String.valueOf(record.shipmentId()),
                        "ledgerState", record.state().name(),
                        "trackingUpdateResent", String.valueOf(resent)));
        return MessageResult.skipped("ALREADY_SHIPPED", record.shipmentId());
    }

    private MessageResult skip(Attempt a, String reason, String detail, Instant started) {
        audit.record(a.subject(), AuditOperation.RELEASE_SKIPPED, AuditOutcome.SKIPPED, reason,
                detail == null ? "release no longer shippable in Epicor" : detail, started, Map.of(),
                a.message.body());
        ledger.markNeedsAttention(a.key, a.owner, reason, now());
        a.claimHeld = false;
        return MessageResult.skipped(reason, detail);
    }

    private MessageResult permanentFailure(Attempt a, String reason, String message, Instant started) {
        if (a.upsMayHaveShipment) {
            // UPS has (or may have) the shipment: a permanent-looking failure now must not end in NEEDS_ATTENTION,
            // which a replay would claim afresh. Keep the claim; the next owner adopts by reference.
            return keepClaimAndRetry(a, reason, message, started);
        }
        audit.record(a.subject(), a.step, AuditOutcome.FAILED, reason, message, started,
                Map.of("replayQueue", SOURCE_QUEUE, "attempt", String.valueOf(currentAttempt(a))),
                a.message.body());
        if (a.claimHeld) {
            try {
                ledger.markNeedsAttention(a.key, a.owner, reason, now());
                a.claimHeld = false;
            } catch (RuntimeException e) {
                LOG.warn("mark_needs_attention_failed", "error", e.getClass().getSimpleName());
            }
        }
        return sendToDlq(a.message, reason, message);
    }

    private MessageResult transientFailure(Attempt a, RuntimeException e, Instant started) {
        String reason = e instanceof ConnectorException ce ? ce.reasonCode() : "UNEXPECTED_ERROR";
        String message = e instanceof ConnectorException ? Texts.messageOf(e) : e.getClass().getName() + ": "
                + Texts.messageOf(e);
        if (a.upsMayHaveShipment) {
            return keepClaimAndRetry(a, reason, message, started);
        }
        Optional<MessageResult> exhausted = exhausted(a, reason, message, started, false);
        if (exhausted.isPresent()) {
            return exhausted.get();
        }
        if (a.claimHeld) {
            try {
                ledger.releaseClaim(a.key, a.owner);
                a.claimHeld = false;
            } catch (RuntimeException releaseError) {
                LOG.warn("release_claim_failed", "error", releaseError.getClass().getSimpleName());
            }
        }
        audit.record(a.subject(), a.step, AuditOutcome.RETRYING, reason, message, started,
                Map.of("replayQueue", SOURCE_QUEUE), a.message.body());
        return MessageResult.retry(reason, message);
    }

    private MessageResult keepClaimAndRetry(Attempt a, String reason, String message, Instant started) {
        Optional<MessageResult> exhausted = exhausted(a, reason, message, started, true);
        if (exhausted.isPresent()) {
            return exhausted.get();
        }
        audit.record(a.subject(), a.step, AuditOutcome.RETRYING, reason,
                message + " (UPS may hold a shipment for this release: claim kept until its lease ends, the next"
                        + " attempt reconciles by reference " + a.key.reference() + ")",
                started, Map.of("replayQueue", SOURCE_QUEUE, "claimKept", "true"), a.message.body());
        return MessageResult.retryAfter(reason, message, a.claimHeld ? lease : null);
    }

    /**
     * On the message's last receive a transient failure is final: the message goes to the DLQ with the reason
     * and the number of attempts, the audit says FAILED with the replay message, and SQS deletes it from the
     * queue. A claim that no UPS shipment can be behind ends NEEDS_ATTENTION as after a permanent failure; a claim
     * kept because UPS may hold a shipment stays until its lease ends, so a replay waits for the lease and then
     * reconciles by reference (Label Recovery) before creating anything. Empty when SQS will deliver the message again or the
     * DLQ cannot be reached: the caller retries as before.
     */
    private Optional<MessageResult> exhausted(Attempt a, String reason, String message, Instant started,
                                              boolean claimKept) {
        String why = !claimKept ? message : a.claimHeld
                ? message + " (UPS may hold a shipment for this release: claim kept until its lease ends; a replay"
                        + " reconciles by reference " + a.key.reference() + " before creating anything)"
                : message + " (UPS has a shipment for this release: a replay finds it in the ledger)";
        Optional<String> sent = deadLetters.deadLetterIfLastReceive(a.message, reason, why);
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        String text = sent.get();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("replayQueue", SOURCE_QUEUE);
        details.put("receiveCount", String.valueOf(a.message.receiveCount()));
        if (claimKept) {
            details.put("claimKept", String.valueOf(a.claimHeld));
        } else if (a.claimHeld) {
            try {
                ledger.markNeedsAttention(a.key, a.owner, reason, now());
                a.claimHeld = false;
            } catch (RuntimeException e) {
                // The claim then lapses with its lease; a replay reconciles by reference all the same.
                LOG.warn("mark_needs_attention_failed", "error", e.getClass().getSimpleName());
            }
        }
        audit.record(a.subject(), a.step, AuditOutcome.FAILED, reason, text, started, details, a.message.body());
        return Optional.of(MessageResult.deadLettered(reason, text));
    }

    private MessageResult malformed(InboundMessage message, ConnectorException e) {
        String subject = "message#" + message.messageId();
        audit.record(subject, AuditOperation.SHIPMENT_CREATE, AuditOutcome.FAILED, e.reasonCode(),
                Texts.messageOf(e), null, Map.of("replayQueue", SOURCE_QUEUE), message.body());
        return sendToDlq(message, e.reasonCode(), Texts.messageOf(e));
    }

    private MessageResult sendToDlq(InboundMessage message, String reason, String text) {
        return deadLetters.deadLetter(message, reason, text);
    }

    private void sendCreatedUpdate(Attempt a, ReleaseKey key, String shipmentId, List<String> trackingNumbers,
                                   String labelLocation, Instant eventTime) {
        // Per release: the releases of a grouped shipment share its id, and the writer drops repeated event ids.
        TrackingUpdate update = new TrackingUpdate("created#" + shipmentId + "#" + key.asString(),
                TrackingSource.SHIPMENT_CREATOR, key,
                shipmentId, trackingNumbers, TrackingStatus.LABEL_CREATED, "Shipment label created", eventTime,
                null, null, labelLocation);
        try {
            String body = Json.mapper().writeValueAsString(update);
            if (a.deferredUpdates != null && a.message.messageId() != null) {
                a.deferredUpdates.add(a, body);
            } else {
                trackingUpdates.send(body, Map.of());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a TrackingUpdate", e);
        }
    }

    private Duration untilLeaseEnds(ShipmentRecord record) {
        if (record.leaseUntil() == null) {
            return null;
        }
        Duration left = Duration.between(clock.instant(), record.leaseUntil());
        return left.isNegative() ? Duration.ZERO : left;
    }

    private int currentAttempt(Attempt a) {
        return ledger.get(a.key).map(ShipmentRecord::attempt).orElse(0);
    }

    private Instant now() {
        // The ledger keeps epoch milliseconds; equal instants must compare equal after a round trip.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static ShipmentRequestMessage parse(String body) {
        if (body == null || body.isBlank()) {
            throw malformed("empty message body");
        }
        ShipmentRequestMessage request;
        try {
            request = Json.mapper().readValue(body, ShipmentRequestMessage.class);
        } catch (Exception e) {
            throw malformed("not a ShipmentRequestMessage: " + rootMessage(e));
        }
        if (request == null || request.release() == null || request.release().key() == null) {
            throw malformed("ShipmentRequestMessage without a release key");
        }
        if (request.schemaVersion() > ShipmentRequestMessage.CURRENT_SCHEMA) {
            throw malformed("unsupported schemaVersion " + request.schemaVersion());
        }
        // No ship-to is not malformed: the poller enqueues a release whose ship-to record is missing
        // (NO_SHIP_TO_ADDRESS) so that the re-read fails it with that reason and a redrive after the fix ships it.
        return request;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = text.indexOf('\n');
        return Texts.truncate(newline > 0 ? text.substring(0, newline) : text, 300);
    }

    private static ConnectorException malformed(String message) {
        return new ConnectorException(FailureKind.PERMANENT, "MALFORMED_MESSAGE", message);
    }

    private static ShippableRelease withShipTo(ShippableRelease r, Address shipTo) {
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

    public static final class Builder {
        private ShipmentLedger ledger;
        private EpicorReleases epicor;
        private AddressValidation addressValidation;
        private UpsShipping ups;
        private LabelStore labels;
        private MessageQueue trackingUpdates;
        private MessageQueue deadLetterQueue;
        private AuditLog auditLog;
        private Clock clock = Clock.systemUTC();
        private PipelineSettings settings = PipelineSettings.defaults();
        private Supplier<String> ownerIds = () -> "creator-" + UUID.randomUUID();
        private boolean groupReleasesByOrder;

        public Builder ledger(ShipmentLedger v) { this.ledger = v; return this; }
        public Builder epicor(EpicorReleases v) { this.epicor = v; return this; }
        public Builder addressValidation(AddressValidation v) { this.addressValidation = v; return this; }
        public Builder ups(UpsShipping v) { this.ups = v; return this; }
        public Builder labels(LabelStore v) { this.labels = v; return this; }
        public Builder trackingUpdates(MessageQueue v) { this.trackingUpdates = v; return this; }
        public Builder deadLetterQueue(MessageQueue v) { this.deadLetterQueue = v; return this; }
        public Builder auditLog(AuditLog v) { this.auditLog = v; return this; }
        public Builder clock(Clock v) { this.clock = v; return this; }
        public Builder settings(PipelineSettings v) { this.settings = v; return this; }
        /** Claim owner ids; each handled message gets a fresh one (default: random UUIDs). */
        public Builder ownerIds(Supplier<String> v) { this.ownerIds = v; return this; }
        /**
         * ups.groupReleasesByOrder: in a batch, ship the first-attempt releases of one order, warehouse,
         * ShipViaCode and ship-to as one shipment with a package each (default false: one shipment per release).
         */
        public Builder groupReleasesByOrder(boolean v) { this.groupReleasesByOrder = v; return this; }

        public ShipmentCreation build() {
            return new ShipmentCreation(this);
        }
    }
}
