package com.epicorups.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.sandbox.ups.Shipments;
import com.epicorups.store.ShipmentRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ups.groupReleasesByOrder on, through the deployed wiring (composition root, handlers, emulated AWS, both
 * sandboxes): releases of one order that share warehouse, ShipVia and ship-to become one UPS shipment with a
 * package each, and every release still gets its own tracking number written back to Epicor.
 */
class GroupingEndToEndTest {
    private ConnectorWorld world;

    @AfterEach
    void stop() {
        if (world != null) {
            assertThat(world.ups.validationFailures()).isEmpty();
            world.close();
        }
    }

    @Test
    void releasesOfOneOrderShipAsOneMultiPackageShipmentAndEachGetsItsOwnTrackingNumber() {
        world = new ConnectorWorld(Fixtures.sampleWithReadyToShipAlso("OrderNum le 5005"),
                com.epicorups.sandbox.epicor.ChildSetFilter.configuredDefault(), settings -> settings
                .replace("\"labelFormat\":\"ZPL\"", "\"groupReleasesByOrder\":true,\"labelFormat\":\"ZPL\""));
        assertThat(world.poll()).containsEntry("enqueued", FaultToleranceTest.SHIPPABLE.size());

        world.drainShipmentRequests();
        world.drainTrackingUpdates();

        Map<String, ShipmentRecord> ledger = Fixtures.ledger(world);
        assertThat(Fixtures.shipped(ledger)).containsExactlyElementsOf(FaultToleranceTest.SHIPPABLE);
        List<Shipments.Created> atUps = world.ups.shipments().list();
        assertThat(atUps).as("some releases shared a shipment").hasSizeLessThan(FaultToleranceTest.SHIPPABLE.size());
        assertThat(atUps).anySatisfy(c -> assertThat(c.trackingNumbers()).hasSizeGreaterThan(1));
        Map<String, Integer> perReference = new HashMap<>();
        atUps.forEach(c -> new TreeSet<>(c.references()).forEach(r -> perReference.merge(r, 1, Integer::sum)));
        Map<String, Integer> perTrackingNumber = new HashMap<>();
        for (String key : FaultToleranceTest.SHIPPABLE) {
            ShipmentRecord record = ledger.get(key);
            assertThat(perReference.get(record.key().reference())).as("shipped once: " + key).isEqualTo(1);
            assertThat(record.trackingNumbers()).as(key).hasSize(1);
            perTrackingNumber.merge(record.trackingNumbers().get(0), 1, Integer::sum);
            assertThat(record.state().name()).as(key).isEqualTo("WRITTEN");
            assertThat(world.orderRel(key).get("TrackingNumber_c")).as(key)
                    .isEqualTo(record.trackingNumbers().get(0));
        }
        assertThat(perTrackingNumber.values()).as("each package belongs to one release").containsOnly(1);
        assertThat(world.approximateCount(world.resources.shipmentRequestsDlqUrl())).isZero();
        assertThat(world.approximateCount(world.resources.trackingUpdatesDlqUrl())).isZero();
    }
}
