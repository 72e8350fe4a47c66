package com.epicorups.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.epicorups.core.Json;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.WeightUnit;
import com.epicorups.pipeline.TestDoubles.MemoryLabels;
import com.epicorups.pipeline.TestDoubles.RecordingQueue;
import com.epicorups.pipeline.TestDoubles.ScriptedEpicor;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.sandbox.ups.Shipments;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ShipmentRecord;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.it.UpsSandboxExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A grouped batch through the real UPS clients against the spec-validating UPS sandbox. */
class ShipmentGroupingSandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension();

    private static final Address LOS_ANGELES = new Address("Contoso Retail", null, List.of("1111 S Figueroa St"),
            "Los Angeles", "CA", "90015", "US", "213-555-0150", null, null);

    @Test
    void threeReleasesOfOneOrderBecomeOneValidShipmentWithTheirOwnPackages() throws Exception {
        UpsClients clients = ups.clients();
        InMemoryShipmentLedger ledger = new InMemoryShipmentLedger();
        ScriptedEpicor epicor = new ScriptedEpicor();
        RecordingQueue trackingUpdates = new RecordingQueue();
        RecordingQueue dlq = new RecordingQueue();
        ShipmentCreation creation = ShipmentCreation.builder().ledger(ledger).epicor(epicor)
                .addressValidation(clients.addressValidation()).ups(clients.shipping()).labels(new MemoryLabels())
                .trackingUpdates(trackingUpdates).deadLetterQueue(dlq).auditLog(new InMemoryAuditLog())
                .groupReleasesByOrder(ups.settings().groupReleasesByOrder()).build();
        int order = 90_000 + (int) (System.nanoTime() % 9_000);
        List<ShippableRelease> releases = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int line = 1; line <= 3; line++) {
            ShippableRelease r = new ShippableRelease(new ReleaseKey("EPIC06", order, line, 1), 1L, "CUST01",
                    "PO-" + order, "WIDGET-" + line, "Widget " + line, new BigDecimal("2"), "EA",
                    new BigDecimal(3 + line), WeightUnit.LBS, new BigDecimal("50.00"), "USD", "CHI", "MfgSys",
                    "UPS GROUND", LOS_ANGELES);
            epicor.current.put(r.key(), ReleaseRecheck.shippable(r));
            releases.add(r);
            var m = new SQSEvent.SQSMessage();
            m.setMessageId("g" + line);
            m.setBody(TestDoubles.requestBody(r));
            m.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            records.add(m);
        }
        var event = new SQSEvent();
        event.setRecords(records);

        var response = new SqsBatchProcessor(3).process(event, creation);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(dlq.sent).isEmpty();
        List<ShipmentRecord> shipped = releases.stream().map(r -> ledger.get(r.key()).orElseThrow()).toList();
        assertThat(shipped).allSatisfy(rec -> {
            assertThat(rec.state()).isEqualTo(LedgerState.SHIPPED);
            assertThat(rec.shipmentId()).isEqualTo(shipped.get(0).shipmentId());
            assertThat(rec.trackingNumbers()).hasSize(1);
        });
        assertThat(shipped).extracting(rec -> rec.trackingNumbers().get(0)).doesNotHaveDuplicates();
        Shipments.Created atUps = ups.sandbox().shipments().list().stream()
                .filter(c -> c.shipmentId().equals(shipped.get(0).shipmentId())).findFirst().orElseThrow();
        assertThat(atUps.trackingNumbers()).containsExactlyInAnyOrderElementsOf(
                shipped.stream().map(rec -> rec.trackingNumbers().get(0)).toList());
        assertThat(ups.sandbox().shipments().list()).as("one shipment for the order").filteredOn(
                c -> c.references().contains(releases.get(0).key().reference())).hasSize(1);
        // Each release's own package carries its reference, so Label Recovery can find each one.
        for (ShipmentRecord rec : shipped) {
            ShippableRelease r = releases.stream().filter(x -> x.key().equals(rec.key())).findFirst().orElseThrow();
            assertThat(clients.shipping().findByReference(r)).hasValueSatisfying(
                    found -> assertThat(found.trackingNumbers()).contains(rec.trackingNumbers().get(0)));
        }
        assertThat(trackingUpdates.sent).hasSize(3);
        JsonNode any = Json.mapper().readTree(trackingUpdates.sent.get(0).body());
        assertThat(any.path("shipmentId").asText()).isEqualTo(shipped.get(0).shipmentId());
    }
}
