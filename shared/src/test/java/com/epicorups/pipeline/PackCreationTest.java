package com.epicorups.pipeline;

import static com.epicorups.pipeline.TestDoubles.permanent;
import static com.epicorups.pipeline.TestDoubles.transientError;
import static com.epicorups.pipeline.TestDoubles.usAddress;
import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.epicor.pack.FreightCharge;
import com.epicorups.epicor.pack.PackRequestMessage;
import com.epicorups.epicor.pack.PackWriteBack;
import com.epicorups.epicor.pack.ReadyPack;
import com.epicorups.model.PackKey;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.WeightUnit;
import com.epicorups.pipeline.MessageResult.Disposition;
import com.epicorups.pipeline.TestDoubles.MemoryLabels;
import com.epicorups.pipeline.TestDoubles.RecordingQueue;
import com.epicorups.pipeline.TestDoubles.ScriptedAddressValidation;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.PackageLabel;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.LedgerState;
import com.epicorups.store.PackLedger;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import com.epicorups.testing.MutableClock;
import com.epicorups.ups.ship.PackPackages;
import com.epicorups.ups.ship.PackShipment;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The pack creator's guarantees, through ShipmentCreation's handler: a pack is shipped once (claimed first, adopted
 * at UPS after a lapsed claim), written back until it holds its tracking, failures end visible and replayable, and a
 * voided pack's label is voided at UPS once.
 */
class PackCreationTest {
    private static final PackKey KEY = new PackKey("EPIC06", 1005);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T15:00:00Z"));
    private final InMemoryShipmentLedger releases = new InMemoryShipmentLedger();
    private final PackLedger ledger = releases.packs();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final RecordingQueue dlq = new RecordingQueue();
    private final MemoryLabels labels = new MemoryLabels();
    private final Packs packs = new Packs();
    private final AtomicInteger owners = new AtomicInteger();
    private final ShipmentCreation creator = ShipmentCreation.builder()
            .ledger(releases).epicor(key -> { throw new AssertionError("no release is re-read in pack mode"); })
            .addressValidation(new ScriptedAddressValidation()).ups(new TestDoubles.ScriptedUps())
            .labels(labels).trackingUpdates(new RecordingQueue()).deadLetterQueue(dlq).auditLog(audit).clock(clock)
            .ownerIds(() -> "creator-" + owners.incrementAndGet())
            .packs(ledger, packs, WeightUnit.LBS, false).build();

    @Test
    void aPackShipsOnceAsOneShipmentAndItsResultsAreWrittenIntoThePack() {
        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK, 1)).disposition()).isEqualTo(Disposition.DONE);
        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK, 1)).reason()).isEqualTo(Reason.ALREADY_SHIPPED);

        assertThat(packs.creates).hasValue(1);
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.WRITTEN);
        PackWriteBack written = packs.writes.get(0);
        assertThat(written.trackingNumber()).isEqualTo("1ZPACK0000000001");
        assertThat(written.cartons()).extracting(PackWriteBack.CartonTracking::caseNum).containsExactly(1, 2);
        assertThat(written.cartons()).extracting(PackWriteBack.CartonTracking::trackingNumber)
                .containsExactly("1ZPACK0000000001", "1ZPACK0000000002");
        assertThat(written.freight()).isEqualByComparingTo("41.20");
        assertThat(labels.stored.keySet()).allMatch(l -> l.contains("EPIC06#PACK#1005"));
        assertThat(packs.shippedTo.get(0).lines().get(0).shipTo().lines()).as("the validated address")
                .containsExactly("100 MAIN ST");
        assertThat(operations()).contains(AuditOperation.ADDRESS_VALIDATION, AuditOperation.SHIPMENT_CREATE,
                AuditOperation.LABEL_STORE, AuditOperation.EPICOR_WRITE);
    }

    @Test
    void theCustomerFreightChargeGoesWithTheWriteBackAndIsAudited() {
        ShipmentCreation charging = charging();
        assertThat(charging.handle(message(PackRequestMessage.Kind.PACK, 1)).disposition())
                .isEqualTo(Disposition.DONE);
        assertThat(packs.writes.get(0).customerCharge()).as("41.20 x 1.10").isEqualByComparingTo("45.32");
        assertThat(writeDetails()).containsEntry("customerFreight", "FRT 45.32 (UPS freight 41.20)");
    }

    @Test
    void anAdoptedShipmentHasNoKnownFreightSoNoChargeAndTheAuditSaysWhy() {
        ShipmentCreation charging = charging();
        packs.recoveredReversed = true; // Label Recovery's answer, as UPS gives it: no charges
        labels.failNext = new IllegalStateException("the container died");
        assertThat(charging.handle(message(PackRequestMessage.Kind.PACK, 1)).disposition())
                .isEqualTo(Disposition.RETRY);
        clock.advance(Duration.ofMinutes(10));
        assertThat(charging.handle(message(PackRequestMessage.Kind.PACK, 2)).disposition())
                .isEqualTo(Disposition.DONE);
        assertThat(packs.lookups).as("adopted through Label Recovery").hasValue(1);
        assertThat(ledger.get(KEY).orElseThrow().freight()).isNull();
        assertThat(packs.writes.get(packs.writes.size() - 1).customerCharge()).isNull();
        assertThat(writeDetails().get("customerFreight")).startsWith("no FRT charge: UPS's freight for this"
                + " shipment is unknown");
    }

    private ShipmentCreation charging() {
        return ShipmentCreation.builder()
                .ledger(releases).epicor(key -> { throw new AssertionError("no release is re-read in pack mode"); })
                .addressValidation(new ScriptedAddressValidation()).ups(new TestDoubles.ScriptedUps())
                .labels(labels).trackingUpdates(new RecordingQueue()).deadLetterQueue(dlq).auditLog(audit).clock(clock)
                .ownerIds(() -> "creator-" + owners.incrementAndGet())
                .packs(ledger, packs, WeightUnit.LBS, false)
                .packCustomerFreight(new FreightCharge("FRT", BigDecimal.TEN, null)).build();
    }

    private java.util.Map<String, String> writeDetails() {
        return audit.all().stream().filter(e -> e.operation() == AuditOperation.EPICOR_WRITE)
                .reduce((a, b) -> b).orElseThrow().details();
    }

    @Test
    void aCrashAfterUpsAnsweredIsReconciledByThePacksReferenceNotShippedAgain() {
        labels.failNext = new IllegalStateException("the container died");
        MessageResult first = creator.handle(message(PackRequestMessage.Kind.PACK, 1));
        assertThat(first.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(first.retryAfter()).as("claim kept until its lease ends").isPositive();
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.CLAIMED);
        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK, 2)).reason())
                .as("another attempt while the lease holds").isEqualTo(Reason.CLAIM_IN_PROGRESS);

        clock.advance(Duration.ofMinutes(10));
        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK, 3)).disposition()).isEqualTo(Disposition.DONE);

        assertThat(packs.creates).as("adopted from Label Recovery, not bought twice").hasValue(1);
        assertThat(packs.lookups).hasValue(1);
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.WRITTEN);
        assertThat(audit.all()).anyMatch(e -> Reason.ADOPTED_EXISTING.code().equals(e.reasonCode()));
    }

    @Test
    void anAdoptedShipmentsPackagesGoToTheirCartonsByTheirCaseReferenceNotLabelRecoverysOrder() {
        labels.failNext = new IllegalStateException("the container died");
        creator.handle(message(PackRequestMessage.Kind.PACK, 1));
        packs.recoveredReversed = true; // UPS does not promise Label Recovery's order to be the request's
        clock.advance(Duration.ofMinutes(10));

        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK, 2)).disposition()).isEqualTo(Disposition.DONE);

        assertThat(packs.creates).hasValue(1);
        assertThat(packs.writes.get(0).cartons()).extracting(PackWriteBack.CartonTracking::caseNum)
                .containsExactly(1, 2);
        assertThat(packs.writes.get(0).cartons()).extracting(PackWriteBack.CartonTracking::trackingNumber)
                .as("carton n gets the package UPS tracks as CASE n").containsExactly("1ZPACK0000000001",
                        "1ZPACK0000000002");
        assertThat(packs.writes.get(0).trackingNumber()).isEqualTo("1ZPACK0000000001");
    }

    @Test
    void anAdoptedShipmentWhosePackagesUpsDoesNotNameByCartonIsWrittenInRecoveryOrderAndAudited() {
        labels.failNext = new IllegalStateException("the container died");
        creator.handle(message(PackRequestMessage.Kind.PACK, 1));
        packs.recoveredReversed = true;
        packs.caseReferences = false; // a lane where UPS takes no package reference
        clock.advance(Duration.ofMinutes(10));

        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK, 2)).disposition()).isEqualTo(Disposition.DONE);

        assertThat(packs.writes.get(0).cartons()).extracting(PackWriteBack.CartonTracking::trackingNumber)
                .containsExactly("1ZPACK0000000002", "1ZPACK0000000001");
        assertThat(audit.all()).anyMatch(e -> Reason.CARTON_ORDER_UNCONFIRMED.code().equals(e.reasonCode()));
    }

    @Test
    void aPackVoidedInEpicorWhileItsLabelWasUnrecordedHasThatLabelAdoptedAndVoided() {
        labels.failNext = new IllegalStateException("the container died");
        creator.handle(message(PackRequestMessage.Kind.PACK, 1));
        // Meanwhile the packer voids the pack: it is no longer ready, and Epicor refuses writes to it.
        packs.ready = false;
        packs.writeFailures.add(new ConnectorException(Reason.EPICOR_PACK_NOT_FOUND, FailureKind.PERMANENT,
                "pack 1005 is voided in Epicor", null));
        clock.advance(Duration.ofMinutes(10));

        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK, 2)).disposition()).isEqualTo(Disposition.DONE);

        assertThat(packs.creates).hasValue(1);
        assertThat(packs.voids).as("the label bought before the crash is not left behind")
                .containsExactly("1ZPACKSHIPMENT1");
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.VOIDED);
    }

    @Test
    void aWriteBackThatFailsIsDoneAgainFromTheLedgerWithoutCallingUps() {
        packs.writeFailures.add(transientError("EPICOR_UNAVAILABLE"));
        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK, 1)).disposition()).isEqualTo(Disposition.RETRY);
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.SHIPPED);

        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK, 2)).disposition()).isEqualTo(Disposition.DONE);

        assertThat(packs.creates).hasValue(1);
        assertThat(packs.writes).hasSize(1);
        assertThat(packs.writes.get(0).cartons()).extracting(PackWriteBack.CartonTracking::trackingNumber)
                .containsExactly("1ZPACK0000000001", "1ZPACK0000000002");
        assertThat(packs.writes.get(0).freight()).as("UPS's negotiated freight, kept in the ledger with the shipment")
                .isEqualByComparingTo("41.20");
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.WRITTEN);
        assertThat(ledger.get(KEY).orElseThrow().freight()).isEqualByComparingTo("41.20");
    }

    @Test
    void aPackThatCannotShipIsDeadLetteredWithItsReasonAndReplayable() {
        packs.shipmentFailure = new ConnectorException(Reason.FREIGHT_NOT_PARCEL, "pack 1005 carton 2 weighs 160 LBS");

        MessageResult result = creator.handle(message(PackRequestMessage.Kind.PACK, 1));

        assertThat(result.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(dlq.sent).singleElement().satisfies(m -> {
            assertThat(m.attributes()).containsEntry("reasonCode", "FREIGHT_NOT_PARCEL");
            assertThat(m.body()).contains("\"kind\":\"PACK\"");
        });
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.NEEDS_ATTENTION);
        assertThat(audit.all()).filteredOn(e -> e.outcome() == AuditOutcome.FAILED).singleElement()
                .satisfies(e -> assertThat(e.replayMessage()).contains("EPIC06"));
        assertThat(packs.creates).hasValue(0);

        packs.shipmentFailure = null;
        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK, 1)).disposition())
                .as("a replay after the fix ships it").isEqualTo(Disposition.DONE);
    }

    @Test
    void aPackNoLongerReadyIsNotShipped() {
        packs.ready = false;

        MessageResult result = creator.handle(message(PackRequestMessage.Kind.PACK, 1));

        assertThat(result.reason()).isEqualTo(Reason.PACK_NOT_READY);
        assertThat(packs.creates).hasValue(0);
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.NEEDS_ATTENTION);
    }

    @Test
    void aPackVoidedAfterItsLabelIsVoidedAtUpsOnceWhateverHowOftenItIsAsked() {
        creator.handle(message(PackRequestMessage.Kind.PACK, 1));

        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK_VOID, 1)).disposition()).isEqualTo(Disposition.DONE);
        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK_VOID, 1)).reason()).isEqualTo(Reason.LABEL_VOIDED);

        assertThat(packs.voids).containsExactly("1ZPACKSHIPMENT1");
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.VOIDED);
        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK, 1)).reason())
                .as("a voided pack is never shipped again by the connector").isEqualTo(Reason.ALREADY_SHIPPED);
        assertThat(packs.creates).hasValue(1);
    }

    @Test
    void aPackVoidedBeforeItsWriteBackHasItsLabelVoidedAtOnce() {
        packs.writeFailures.add(new ConnectorException(Reason.EPICOR_PACK_NOT_FOUND, FailureKind.PERMANENT,
                "pack 1005 is voided in Epicor", null));

        MessageResult result = creator.handle(message(PackRequestMessage.Kind.PACK, 1));

        assertThat(result.disposition()).isEqualTo(Disposition.DONE);
        assertThat(packs.voids).containsExactly("1ZPACKSHIPMENT1");
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.VOIDED);
    }

    @Test
    void aVoidUpsRefusesEndsInTheDlqAndTheLedgerKeepsThePackShipped() {
        creator.handle(message(PackRequestMessage.Kind.PACK, 1));
        packs.voidFailure = permanent("UPS_VOID_FAILED");

        MessageResult result = creator.handle(message(PackRequestMessage.Kind.PACK_VOID, 1));

        assertThat(result.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(ledger.get(KEY).orElseThrow().state()).as("a replay may void it").isEqualTo(LedgerState.VOIDING);
        packs.voidFailure = null;
        assertThat(creator.handle(message(PackRequestMessage.Kind.PACK_VOID, 2)).disposition())
                .isEqualTo(Disposition.DONE);
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.VOIDED);
    }

    private List<AuditOperation> operations() {
        return audit.all().stream().map(AuditEntry::operation).toList();
    }

    private static InboundMessage message(PackRequestMessage.Kind kind, int receiveCount) {
        ReadyPack pack = pack();
        PackRequestMessage m = kind == PackRequestMessage.Kind.PACK
                ? PackRequestMessage.ship("poll-1", Instant.parse("2026-12-07T14:59:00Z"), pack)
                : PackRequestMessage.voidLabel("poll-2", Instant.parse("2026-12-07T14:59:00Z"), pack);
        try {
            return new InboundMessage("m-" + kind + receiveCount, Json.mapper().writeValueAsString(m), "rh",
                    receiveCount, "shipment-requests");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ReadyPack pack() {
        return new ReadyPack(KEY, 7, "UPSG", "MfgSys", 103, 103, "LA", false, 0, new BigDecimal("42"), "LB",
                BigDecimal.ZERO, "USD", List.of(new ReadyPack.Line(1, 5025, 1, 1, "VALVE-075", "valve", BigDecimal.TEN,
                "EA", "CHI")), List.of(carton(1, "20"), carton(2, "22")));
    }

    private static ReadyPack.Carton carton(int caseNum, String weight) {
        return new ReadyPack.Carton(caseNum, "Sales", new BigDecimal(weight), "LB", null, null, null, null,
                BigDecimal.ZERO);
    }

    /** Epicor and UPS as the pack creator sees them, scripted; UPS remembers what it made by the pack's reference. */
    static final class Packs implements PackShipping {
        final AtomicInteger creates = new AtomicInteger();
        final AtomicInteger lookups = new AtomicInteger();
        final List<PackWriteBack> writes = new CopyOnWriteArrayList<>();
        final List<RuntimeException> writeFailures = new CopyOnWriteArrayList<>();
        final List<String> voids = new CopyOnWriteArrayList<>();
        final List<PackShipment> shippedTo = new CopyOnWriteArrayList<>();
        volatile boolean ready = true;
        volatile boolean recoveredReversed;
        volatile boolean caseReferences = true;
        volatile RuntimeException shipmentFailure;
        volatile RuntimeException voidFailure;
        private volatile CreatedShipment made;

        @Override
        public Optional<ReadyPack> reread(PackKey key) {
            return ready ? Optional.of(pack()) : Optional.empty();
        }

        @Override
        public PackShipment shipment(ReadyPack pack) {
            if (shipmentFailure != null) {
                throw shipmentFailure;
            }
            ShippableRelease line = TestDoubles.release(new ReleaseKey("EPIC06", 5025, 1, 1), 7,
                    usAddress("100 Main St"));
            return new PackShipment(pack.key(), List.of(line), packages(pack), WeightUnit.LBS);
        }

        @Override
        public List<PackPackages.PackPackage> packages(ReadyPack pack) {
            List<PackPackages.PackPackage> planned = new ArrayList<>();
            for (ReadyPack.Carton c : pack.cartons()) {
                planned.add(new PackPackages.PackPackage(c.caseNum(), true, c.weight().toPlainString(), null, null));
            }
            return planned;
        }

        @Override
        public CreatedShipment create(PackShipment shipment) {
            creates.incrementAndGet();
            shippedTo.add(shipment);
            List<PackageLabel> labels = new ArrayList<>();
            for (int i = 1; i <= shipment.packages().size(); i++) {
                labels.add(new PackageLabel("1ZPACK000000000" + i, "ZPL", new byte[] {1, 2}));
            }
            made = new CreatedShipment("1ZPACKSHIPMENT1", labels, Map.of("TotalCharges", "48.90",
                    "NegotiatedTotalCharge", "41.20"), "{}", List.of());
            return made;
        }

        @Override
        public Optional<CreatedShipment> findAtUps(PackKey key, String warehouseCode) {
            lookups.incrementAndGet();
            if (made == null || !recoveredReversed) {
                return Optional.ofNullable(made);
            }
            List<PackageLabel> reversed = new ArrayList<>(made.packages());
            java.util.Collections.reverse(reversed);
            return Optional.of(new CreatedShipment(made.shipmentId(), reversed, Map.of(), null, List.of()));
        }

        /** Package n of the request carried CASE n (the n-th carton); UPS's tracking gives it back. */
        @Override
        public Map<String, Integer> caseNumbersAtUps(List<String> trackingNumbers) {
            Map<String, Integer> cases = new java.util.HashMap<>();
            if (caseReferences && made != null) {
                for (int i = 0; i < made.packages().size(); i++) {
                    if (trackingNumbers.contains(made.trackingNumbers().get(i))) {
                        cases.put(made.trackingNumbers().get(i), i + 1);
                    }
                }
            }
            return cases;
        }

        @Override
        public Map<String, Object> writeBack(PackKey key, PackWriteBack writeBack) {
            if (!writeFailures.isEmpty()) {
                throw writeFailures.remove(0);
            }
            writes.add(writeBack);
            return Map.of("TrackingNumber", writeBack.trackingNumber());
        }

        @Override
        public void voidShipment(String shipmentId, String warehouseCode) {
            if (voidFailure != null) {
                throw voidFailure;
            }
            voids.add(shipmentId);
        }
    }
}
