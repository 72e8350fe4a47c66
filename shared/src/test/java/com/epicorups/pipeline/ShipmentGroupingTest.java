package com.epicorups.pipeline;

import static com.epicorups.pipeline.TestDoubles.permanent;
import static com.epicorups.pipeline.TestDoubles.release;
import static com.epicorups.pipeline.TestDoubles.requestBody;
import static com.epicorups.pipeline.TestDoubles.transientError;
import static com.epicorups.pipeline.TestDoubles.usAddress;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.epicorups.core.Reason;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.pipeline.MessageResult.Disposition;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ShipmentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** ups.groupReleasesByOrder: a batch's releases of one order and ship-to travel as one multi-package shipment. */
class ShipmentGroupingTest extends ShipmentCreationFixture {
    private final AtomicInteger messageIds = new AtomicInteger();

    private ShipmentCreation creation(boolean grouping) {
        return creationBuilder().groupReleasesByOrder(grouping).build();
    }

    private ShippableRelease inEpicor(int order, int line, Address shipTo) {
        return shippableInEpicor(new ReleaseKey("EPIC06", order, line, 1), shipTo);
    }

    private List<ShippableRelease> oneOrder(int order, int lines, Address shipTo) {
        List<ShippableRelease> out = new ArrayList<>();
        for (int line = 1; line <= lines; line++) {
            out.add(inEpicor(order, line, shipTo));
        }
        return out;
    }

    private SQSBatchResponse process(ShipmentCreation creation, List<ShippableRelease> releases) {
        List<String> bodies = releases.stream().map(TestDoubles::requestBody).toList();
        SQSEvent event = sqsBatch(bodies, i -> "m" + messageIds.incrementAndGet());
        return new SqsBatchProcessor(3).process(event, creation);
    }

    private ShipmentRecord record(ShippableRelease r) {
        return ledger.get(r.key()).orElseThrow();
    }

    @Test
    void threeReleasesOfOneOrderShipAsOneShipmentWithAPackageEach() {
        List<ShippableRelease> order = oneOrder(7001, 3, usAddress("1 Peachtree St"));

        SQSBatchResponse response = process(creation(true), order);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(ups.createCalls).singleElement().satisfies(call -> {
            assertThat(call).extracting(ShippableRelease::key)
                    .containsExactlyInAnyOrderElementsOf(order.stream().map(ShippableRelease::key).toList());
            assertThat(call).allSatisfy(r -> assertThat(r.shipTo().lines()).containsExactly("1 PEACHTREE ST"));
        });
        assertThat(validation.seen).as("the group's address is validated once").hasSize(1);
        List<ShipmentRecord> records = order.stream().map(this::record).toList();
        assertThat(records).allSatisfy(rec -> {
            assertThat(rec.state()).isEqualTo(LedgerState.SHIPPED);
            assertThat(rec.shipmentId()).isEqualTo("1ZSHIP1");
            assertThat(rec.trackingNumbers()).hasSize(1);
            assertThat(labels.stored).containsKey(rec.labelLocation());
        });
        assertThat(records).extracting(rec -> rec.trackingNumbers().get(0)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("1Z999AA10123456781P1", "1Z999AA10123456781P2", "1Z999AA10123456781P3");
        // Packages come back in the order of the releases given to create: each release gets its own.
        List<ShippableRelease> call = ups.createCalls.get(0);
        for (int i = 0; i < call.size(); i++) {
            assertThat(ledger.get(call.get(i).key()).orElseThrow().trackingNumbers())
                    .containsExactly("1Z999AA10123456781P" + (i + 1));
        }
        List<TrackingUpdate> updates = trackingUpdates.bodiesAs(TrackingUpdate.class);
        assertThat(updates).hasSize(3).allSatisfy(u -> {
            assertThat(u.status()).isEqualTo(TrackingStatus.LABEL_CREATED);
            assertThat(u.shipmentId()).isEqualTo("1ZSHIP1");
            assertThat(u.trackingNumbers()).containsExactlyElementsOf(record(find(order, u.releaseKey()))
                    .trackingNumbers());
        });
        assertThat(updates).extracting(TrackingUpdate::eventId).doesNotHaveDuplicates();
        for (ShippableRelease r : order) {
            assertThat(audit.forSubject(r.key().asString())).filteredOn(e -> e.operation() == AuditOperation.SHIPMENT_CREATE)
                    .singleElement().satisfies(e -> {
                        assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
                        assertThat(e.details()).containsEntry("groupPackages", "3");
                    });
        }
    }

    private static ShippableRelease find(List<ShippableRelease> releases, ReleaseKey key) {
        return releases.stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void releasesOfTwoOrdersMakeTwoShipments() {
        List<ShippableRelease> batch = new ArrayList<>(oneOrder(7101, 2, usAddress("1 Peachtree St")));
        batch.addAll(oneOrder(7102, 2, usAddress("1 Peachtree St")));

        assertThat(process(creation(true), batch).getBatchItemFailures()).isEmpty();

        assertThat(ups.createCalls).hasSize(2).allSatisfy(call -> {
            assertThat(call).hasSize(2);
            assertThat(call).extracting(r -> r.key().orderNum()).containsOnly(call.get(0).key().orderNum());
        });
        assertThat(batch).allSatisfy(r -> assertThat(record(r).state()).isEqualTo(LedgerState.SHIPPED));
    }

    @Test
    void aDifferentShipToWithinOneOrderShipsSeparately() {
        List<ShippableRelease> batch = List.of(inEpicor(7201, 1, usAddress("1 Peachtree St")),
                inEpicor(7201, 2, usAddress("99 Other Rd")));

        assertThat(process(creation(true), batch).getBatchItemFailures()).isEmpty();

        assertThat(ups.createCalls).hasSize(2).allSatisfy(call -> assertThat(call).hasSize(1));
        assertThat(record(batch.get(0)).shipmentId()).isNotEqualTo(record(batch.get(1)).shipmentId());
    }

    @Test
    void aDifferentShipViaWithinOneOrderShipsSeparately() {
        ShippableRelease ground = inEpicor(7251, 1, usAddress("1 Peachtree St"));
        ShippableRelease r = release(new ReleaseKey("EPIC06", 7251, 2, 1), 10, usAddress("1 Peachtree St"));
        ShippableRelease air = new ShippableRelease(r.key(), r.sysRevId(), r.customerId(), r.poNumber(), r.partNum(),
                r.partDescription(), r.quantity(), r.quantityUom(), r.weight(), r.weightUnit(), r.value(),
                r.currencyCode(), r.warehouse(), r.plant(), "UPS2DAY", r.shipTo());
        epicor.current.put(air.key(), ReleaseRecheck.shippable(air));

        assertThat(process(creation(true), List.of(ground, air)).getBatchItemFailures()).isEmpty();

        assertThat(ups.createCalls).hasSize(2).allSatisfy(call -> assertThat(call).hasSize(1));
    }

    @Test
    void withGroupingOffEveryReleaseIsItsOwnShipment() {
        List<ShippableRelease> order = oneOrder(7301, 3, usAddress("1 Peachtree St"));

        assertThat(process(creation(false), order).getBatchItemFailures()).isEmpty();

        assertThat(ups.createCalls).hasSize(3).allSatisfy(call -> assertThat(call).hasSize(1));
        assertThat(order).extracting(r -> record(r).shipmentId()).doesNotHaveDuplicates();
    }

    @Test
    void whenUpsCannotGroupTheLaneEveryReleaseIsItsOwnShipment() {
        ups.groupable = false;
        List<ShippableRelease> order = oneOrder(7351, 3, usAddress("1 Peachtree St"));

        assertThat(process(creation(true), order).getBatchItemFailures()).isEmpty();

        assertThat(ups.createCalls).hasSize(3).allSatisfy(call -> assertThat(call).hasSize(1));
    }

    @Test
    void aPermanentGroupFailureDeadLettersEveryReleaseWithTheReason() {
        ups.failBeforeCreate = permanent("UPS_BUSINESS_ERROR");
        List<ShippableRelease> order = oneOrder(7401, 3, usAddress("1 Peachtree St"));

        SQSBatchResponse response = process(creation(true), order);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(ups.creates).hasValue(1);
        assertThat(dlq.sent).hasSize(3).allSatisfy(s -> {
            assertThat(s.attributes()).containsEntry("reasonCode", "UPS_BUSINESS_ERROR");
            assertThat(s.attributes().get("reasonMessage")).isNotBlank();
        });
        assertThat(dlq.bodies()).containsExactlyInAnyOrderElementsOf(order.stream().map(TestDoubles::requestBody)
                .toList());
        assertThat(order).allSatisfy(r -> assertThat(record(r).state()).isEqualTo(LedgerState.NEEDS_ATTENTION));
        assertThat(trackingUpdates.sent).isEmpty();
    }

    @Test
    void aTimedOutGroupRetriesEveryReleaseKeepingTheClaimsAndNeverShipsTwice() {
        ups.failAfterCreate = transientError("UPS_TIMEOUT"); // UPS made the shipment, the answer was lost
        List<ShippableRelease> order = oneOrder(7501, 3, usAddress("1 Peachtree St"));
        ShipmentCreation creation = creation(true);

        SQSBatchResponse response = process(creation, order);

        assertThat(response.getBatchItemFailures()).hasSize(3);
        assertThat(order).allSatisfy(r -> assertThat(record(r).state()).isEqualTo(LedgerState.CLAIMED));

        // The redelivery after the lease reclaims each release: each reconciles by its reference, none re-ships.
        clock.advance(PipelineSettings.defaults().claimLease().plus(Duration.ofSeconds(1)));
        SQSBatchResponse retry = process(creation, order);

        assertThat(retry.getBatchItemFailures()).isEmpty();
        assertThat(ups.creates).hasValue(1);
        assertThat(ups.lookups).hasValue(3);
        assertThat(order).allSatisfy(r -> {
            assertThat(record(r).state()).isEqualTo(LedgerState.SHIPPED);
            assertThat(record(r).shipmentId()).isEqualTo("1ZSHIP1");
        });
    }

    @Test
    void aThrottledGroupReleasesTheClaimsAndTheRetryShipsEachReleaseAtOnce() {
        ups.failBeforeCreate = transientError("UPS_RATE_LIMITED");
        List<ShippableRelease> order = oneOrder(7601, 3, usAddress("1 Peachtree St"));
        ShipmentCreation creation = creation(true);

        assertThat(process(creation, order).getBatchItemFailures()).hasSize(3);
        assertThat(order).allSatisfy(r -> {
            assertThat(record(r).owner()).as("claim released").isNull();
            assertThat(record(r).leaseUntil()).isEqualTo(Instant.EPOCH);
        });

        // No lease to wait out. A second attempt is never grouped; the 429 proved no shipment, so none is looked up.
        assertThat(process(creation, order).getBatchItemFailures()).isEmpty();
        assertThat(order).allSatisfy(r -> assertThat(record(r).state()).isEqualTo(LedgerState.SHIPPED));
        assertThat(ups.lookups).hasValue(0);
        assertThat(ups.creates).as("the refused group call and one per release").hasValue(4);
        assertThat(ups.createCalls).as("calls that made a shipment").hasSize(3)
                .allSatisfy(call -> assertThat(call).hasSize(1));
    }

    @Test
    void aDuplicateDeliveryOfOneMemberAfterTheGroupShippedIsAcknowledgedWithoutCallingUps() {
        List<ShippableRelease> order = oneOrder(7701, 3, usAddress("1 Peachtree St"));
        ShipmentCreation creation = creation(true);
        assertThat(process(creation, order).getBatchItemFailures()).isEmpty();
        int updates = trackingUpdates.sent.size();

        MessageResult again = creation.handle(new InboundMessage("dup", requestBody(order.get(1)), "rh", 2,
                "ShipmentRequestsQueue"));

        assertThat(again.disposition()).isEqualTo(Disposition.SKIPPED);
        assertThat(again.reasonCode()).isEqualTo("ALREADY_SHIPPED");
        assertThat(ups.creates).hasValue(1);
        assertThat(trackingUpdates.sent).hasSize(updates + 1);
        TrackingUpdate resent = trackingUpdates.bodiesAs(TrackingUpdate.class).get(updates);
        assertThat(resent.releaseKey()).isEqualTo(order.get(1).key());
        assertThat(resent.trackingNumbers()).isEqualTo(record(order.get(1)).trackingNumbers());
    }

    @Test
    void aReleaseThatIsNoLongerShippableLeavesTheGroupAndTheRestShipTogether() {
        List<ShippableRelease> order = oneOrder(7801, 3, usAddress("1 Peachtree St"));
        epicor.current.put(order.get(2).key(), ReleaseRecheck.notShippable(Reason.RELEASE_CLOSED, "closed"));

        assertThat(process(creation(true), order).getBatchItemFailures()).isEmpty();

        assertThat(ups.createCalls).singleElement().satisfies(call -> assertThat(call).hasSize(2));
        assertThat(record(order.get(2)).state()).isEqualTo(LedgerState.NEEDS_ATTENTION);
    }
}
