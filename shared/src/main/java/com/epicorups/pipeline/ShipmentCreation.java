package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.epicor.pack.FreightCharge;
import com.epicorups.epicor.pack.PackRequestMessage;
import com.epicorups.model.WeightUnit;
import com.epicorups.store.PackLedger;
import java.util.Optional;
import com.epicorups.core.DaemonThreads;
import com.epicorups.logging.CorrelationId;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.port.AddressValidation;
import com.epicorups.port.EpicorReleases;
import com.epicorups.port.Preflight;
import com.epicorups.port.UpsShipping;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.AuditLog;
import com.epicorups.store.LabelStore;
import com.epicorups.store.ShipmentLedger;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Turns one shipment-requests message into at most one UPS shipment.
 *
 * <p>Nothing is bought while the {@link Preflight} says the tenant lacks something the connector needs
 * ({@link CreationGate}): the attempt fails at its claim, before anything is held, and is retried.
 *
 * <p>Never twice: the release key is claimed in the {@link ShipmentLedger} with one conditional write before
 * anything else. Any attempt that is not the release's first (a claim taken over after its lease expired, a
 * claim released after a transient failure, a replay after NEEDS_ATTENTION) first asks UPS whether it already
 * has a shipment for the release's reference and adopts it instead of creating another one.
 *
 * <p>Each release's way (claim → re-read → address → create or reconcile → labels → ledger → tracking update) is a
 * state machine: {@link AttemptState} names the states, {@link ShipmentSteps} takes them, and where an attempt stops
 * short of a shipment {@link CreationFailurePolicy} decides, in one place, what becomes of it (retry, dead-letter,
 * keep or release the claim, ledger state, audit). The batch path ({@link #open}) claims and re-reads a whole SQS
 * batch at once ({@link BatchPreparation}), may ship an order's releases as one shipment ({@link OrderGrouping}) and
 * sends the batch's tracking updates together ({@link DeferredUpdates}).
 */
public final class ShipmentCreation implements MessageHandler {
    public static final String SOURCE_QUEUE = "shipment-requests";

    private final Clock clock;
    private final Supplier<String> ownerIds;
    private final CreatedUpdates immediately;
    private final CreationFailurePolicy policy;
    private final CreationFailureActions actions;
    private final ShipmentSteps steps;
    private final BatchPreparation batches;
    /** Null when no pack mode parts were given: a pack message is then malformed. */
    private final PackCreation packs;

    private ShipmentCreation(Builder b) {
        ShipmentLedger ledger = Objects.requireNonNull(b.ledger, "ledger");
        EpicorReleases epicor = Objects.requireNonNull(b.epicor, "epicor");
        AddressValidation addressValidation = Objects.requireNonNull(b.addressValidation, "addressValidation");
        UpsShipping ups = Objects.requireNonNull(b.ups, "ups");
        LabelStore labels = Objects.requireNonNull(b.labels, "labels");
        MessageQueue trackingUpdates = Objects.requireNonNull(b.trackingUpdates, "trackingUpdates");
        this.clock = b.clock;
        this.ownerIds = b.ownerIds;
        this.immediately = CreatedUpdates.immediately(trackingUpdates);
        DeadLetters deadLetters = new DeadLetters(Objects.requireNonNull(b.deadLetterQueue, "deadLetterQueue"),
                SOURCE_QUEUE, clock);
        Auditor audit = new Auditor(Objects.requireNonNull(b.auditLog, "auditLog"), clock);
        this.policy = new CreationFailurePolicy(b.settings.claimLease(), clock);
        this.actions = new CreationFailureActions(ledger, deadLetters, audit, clock);
        CreationGate gate = new CreationGate(Objects.requireNonNull(b.preflight, "preflight"));
        this.steps = new ShipmentSteps(ledger, epicor, addressValidation, ups, labels, audit, clock,
                b.settings.claimLease(), policy, actions, gate);
        OrderGrouping grouping = b.groupReleasesByOrder
                ? new OrderGrouping(ups, addressValidation, audit, clock, steps) : null;
        // The early address checks' threads; started on first use (a pool starts no thread before a task).
        this.batches = new BatchPreparation(ledger, epicor, addressValidation, ups, trackingUpdates,
                Executors.newFixedThreadPool(b.settings.batchConcurrency(), DaemonThreads.named("address-check")),
                clock, b.settings.claimLease(), ownerIds, steps, grouping, gate);
        this.packs = b.packShipping == null ? null : new PackCreation(b.packLedger, b.packShipping, addressValidation,
                labels, audit, deadLetters, clock, b.settings.claimLease(), ownerIds, gate, b.packWeightUnit,
                b.markPacksShipped, b.packCustomerFreight);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public MessageResult handle(InboundMessage message) {
        Optional<PackRequestMessage> pack;
        try {
            pack = PackRequests.ifPack(message.body());
        } catch (ConnectorException e) {
            return actions.applyToMessage(message, policy.whenMalformed(e));
        }
        if (pack.isPresent()) {
            if (packs == null) {
                return actions.applyToMessage(message, policy.whenMalformed(new ConnectorException(
                        Reason.MALFORMED_MESSAGE, "a pack request, but this creator was built without pack mode")));
            }
            return CorrelationId.with(pack.get().key().asString(), () -> packs.handle(message, pack.get()));
        }
        ShipmentRequestMessage request;
        try {
            request = ShipmentRequests.parse(message.body());
        } catch (ConnectorException e) {
            return actions.applyToMessage(message, policy.whenMalformed(e));
        }
        return CorrelationId.with(request.release().key().asString(), () -> {
            ReleaseAttempt a = new ReleaseAttempt(message, request, ownerIds.get(), clock.instant(), immediately,
                    EarlyAddressChecks.NONE);
            return steps.run(a, new AttemptState.Claim());
        });
    }

    /**
     * The batch path: every message of the batch is claimed first, then the releases this batch may ship are
     * re-read from Epicor at once, then each message goes on from its claim with its re-read (see
     * {@link BatchPreparation}).
     */
    @Override
    public MessageBatch open(List<InboundMessage> messages) {
        List<InboundMessage> releases = messages.stream().filter(m -> !PackRequests.isPack(m.body())).toList();
        if (releases.size() == messages.size()) {
            return batches.prepare(messages, this);
        }
        // Pack messages go one by one (a pack is one shipment, its reads are its own); releases as a batch.
        MessageBatch releaseBatch = releases.isEmpty() ? null : batches.prepare(releases, this);
        return new MessageBatch() {
            @Override
            public MessageResult handle(InboundMessage message) {
                return releaseBatch == null || PackRequests.isPack(message.body()) ? ShipmentCreation.this.handle(message)
                        : releaseBatch.handle(message);
            }

            @Override
            public List<String> finish() {
                return releaseBatch == null ? List.of() : releaseBatch.finish();
            }
        };
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
        private Preflight preflight = Preflight.NONE;
        private PackLedger packLedger;
        private PackShipping packShipping;
        private WeightUnit packWeightUnit = WeightUnit.LBS;
        private boolean markPacksShipped;
        private FreightCharge packCustomerFreight;

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
        /**
         * Whether labels may be bought: asked before each release is claimed (once per SQS batch); while it says no,
         * nothing is claimed or bought and the messages are retried (default: no preflight).
         */
        public Builder preflight(Preflight v) { this.preflight = v; return this; }

        /**
         * Pack mode: ship pack messages (one UPS shipment per pack) and void the labels of packs voided after them.
         *
         * @param unit        the unit pack weights are converted to (epicor.weightUnit)
         * @param markShipped also set ShipHead.ReadyToInvoice when writing a label back (epicor.packs.markShipped)
         */
        public Builder packs(PackLedger ledger, PackShipping shipping, WeightUnit unit, boolean markShipped) {
            this.packLedger = Objects.requireNonNull(ledger, "pack ledger");
            this.packShipping = Objects.requireNonNull(shipping, "pack shipping");
            this.packWeightUnit = Objects.requireNonNull(unit, "unit");
            this.markPacksShipped = markShipped;
            return this;
        }

        /**
         * Pack mode: bill each shipped pack's freight to the customer as this misc charge on the pack
         * (epicor.packs.customerFreight); null, the default, charges nothing.
         */
        public Builder packCustomerFreight(FreightCharge v) { this.packCustomerFreight = v; return this; }

        public ShipmentCreation build() {
            return new ShipmentCreation(this);
        }
    }
}
