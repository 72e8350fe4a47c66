package com.epicorups.e2e;

import static com.epicorups.e2e.Fixtures.releaseOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.epicorups.model.ReleaseKey;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.sandbox.ups.Shipments;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.ShipmentRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Issue 12, "done when": a data set with every case of what UPS really accepts (resources/issue12/dataset.json, its
 * _comment lists them) through the whole pipeline (poller, creator, writer, renewer: the Lambda handlers against the
 * AWS emulator and both sandboxes). Each release ends shipped as UPS takes it, or failed with its own reason code in
 * the DLQ; nothing in between.
 */
class UpsRulesEndToEndTest {
    /** Each case's release and how it must end: a reason code, or SHIPPED. */
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("6001/1/1", "SHIPPED"),                 // 10 pumps of 27.6 lb: two packages
            Map.entry("6002/1/1", "FREIGHT_NOT_PARCEL"),      // one rack weighs 180 lb
            Map.entry("6003/1/1", "SHIPPED"),                 // 95-character name, fitted
            Map.entry("6004/1/1", "SHIPPED"),                 // no state: NY from Address Validation
            Map.entry("6005/1/1", "MISSING_STATE_PROVINCE"),  // Canada without a province
            Map.entry("6006/1/1", "INVALID_COUNTRY_CODE"),    // UK is not ISO 3166
            Map.entry("6007/1/1", "SHIPPED"),                 // control characters removed
            Map.entry("6008/1/1", "SHIPPED"),                 // 35 characters with an emoji
            Map.entry("6009/1/1", "SHIPPED"),                 // Next Day Air Early, no contact: the name
            Map.entry("6010/1/1", "MISSING_FIELD"),           // Next Day Air Early, no contact, no phone
            Map.entry("6011/1/1", "SHIPPED"),                 // 0.0001 lb part: 0.1 lb
            Map.entry("6012/1/1", "SHIPPED")));               // negative shipped quantity counts as 0
    static final String EMOJI_NAME = "Caf\u00e9 Ol\u00e9 \uD83D\uDE9A Express Delivery Partner";

    private static ConnectorWorld world;
    private static Map<String, ShipmentRecord> ledger;
    private static Map<String, Message> deadLetters;

    @BeforeAll
    static void runThePipeline() {
        world = new ConnectorWorld(Fixtures.dataset("/issue12/dataset.json"),
                settings -> settings.replace("\"UPSX\":\"07\"",
                "\"UPSX\":\"07\",\"UPNE\":\"14\""));
        assertThat(world.poll()).containsEntry("enqueued", EXPECTED.size());
        world.drainShipmentRequests();
        world.drainTrackingUpdates();
        world.renewSubscriptions();
        ledger = Fixtures.ledger(world);
        deadLetters = world.peek(world.resources.shipmentRequestsDlqUrl()).stream()
                .collect(Collectors.toMap(m -> releaseOf(m.body()), m -> m));
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }



    private static List<AuditEntry> audit(String shortKey) {
        return world.assembly.parts().auditLog().forSubject(Fixtures.releaseKey(shortKey).asString());
    }

    private static AuditEntry created(String shortKey) {
        return audit(shortKey).stream().filter(e -> e.operation() == AuditOperation.SHIPMENT_CREATE
                && e.outcome() == AuditOutcome.SUCCESS).findFirst().orElseThrow();
    }

    /** The ShipmentRequest.Shipment UPS was sent for a release. */
    private static JsonNode sent(String shortKey) {
        try {
            return Json.mapper().readTree(created(shortKey).details().get("request")).path("ShipmentRequest")
                    .path("Shipment");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyReleaseEndsShippedOrFailedWithItsOwnReasonAndNothingInBetween() {
        assertThat(ledger.keySet()).containsExactlyElementsOf(EXPECTED.keySet());
        EXPECTED.forEach((release, expected) -> {
            ShipmentRecord record = ledger.get(release);
            if (expected.equals("SHIPPED")) {
                assertThat(record.state().name()).as(release).isEqualTo("WRITTEN");
                assertThat(deadLetters).as(release).doesNotContainKey(release);
                assertThat(world.orderRel(release).get("TrackingNumber_c")).as(release)
                        .isEqualTo(String.join(",", record.trackingNumbers()));
            } else {
                assertThat(record.state().name()).as(release).isEqualTo("NEEDS_ATTENTION");
                assertThat(record.reasonCode()).as(release).isEqualTo(expected);
                assertThat(Fixtures.attribute(deadLetters.get(release), "reasonCode")).as(release).isEqualTo(expected);
                assertThat(world.orderRel(release).get("TrackingNumber_c")).as(release).isIn("", null);
            }
        });
        assertThat(deadLetters).hasSize((int) EXPECTED.values().stream().filter(v -> !v.equals("SHIPPED")).count());
        // One UPS shipment per shipped release, none for a failed one: every failure was found before any ship call.
        List<Shipments.Created> atUps = world.ups.shipments().list();
        long shipped = EXPECTED.values().stream().filter("SHIPPED"::equals).count();
        assertThat(atUps).hasSize((int) shipped);
        assertThat(world.ups.requests(Operation.SHIP)).isEqualTo((int) shipped);
        assertThat(world.ups.validationFailures()).as("every request UPS's spec allows").isEmpty();
        assertThat(world.approximateCount(world.resources.shipmentRequestsQueueUrl())).isZero();
        assertThat(world.approximateCount(world.resources.trackingUpdatesQueueUrl())).isZero();
        assertThat(world.approximateCount(world.resources.trackingUpdatesDlqUrl())).isZero();
    }

    @Test
    void aReleaseHeavierThanOnePackageShipsAsTwoPackagesEachKeptWrittenAndSubscribed() {
        JsonNode packages = sent("6001/1/1").path("Package");
        assertThat(packages).hasSize(2).allSatisfy(p -> {
            assertThat(p.at("/PackageWeight/Weight").asText()).isEqualTo("138");
            assertThat(p.at("/ReferenceNumber/0/Value").asText()).isEqualTo("6001-1-1");
        });
        ShipmentRecord record = ledger.get("6001/1/1");
        assertThat(record.trackingNumbers()).hasSize(2).doesNotHaveDuplicates();
        assertThat(world.orderRel("6001/1/1").get("TrackingNumber_c"))
                .isEqualTo(record.trackingNumbers().get(0) + "," + record.trackingNumbers().get(1));
        assertThat(audit("6001/1/1")).filteredOn(e -> e.operation() == AuditOperation.LABEL_STORE).singleElement()
                .satisfies(e -> assertThat(e.message()).isEqualTo("2 label(s) stored"));
        assertThat(record.trackingNumbers()).allSatisfy(tn -> {
            assertThat(world.assembly.parts().ledger().findByTrackingNumber(tn).orElseThrow().key())
                    .isEqualTo(Fixtures.releaseKey("6001/1/1"));
            assertThat(world.ups.trackAlert().subscription(tn)).as("subscribed: " + tn).isPresent();
        });
        assertThat(created("6001/1/1").details().get("auditNotes")).contains("sent as 2 packages of 5, 5 EA");
    }

    @Test
    void aFreightUnitAndTheAddressesUpsRefusesFailNamingWhatIsWrong() {
        assertThat(Fixtures.attribute(deadLetters.get("6002/1/1"), "reasonMessage")).contains("RACK-XL")
                .contains("180 LBS").contains("freight");
        assertThat(Fixtures.attribute(deadLetters.get("6005/1/1"), "reasonMessage"))
                .contains("ShipTo.Address.StateProvinceCode").contains("CA");
        assertThat(Fixtures.attribute(deadLetters.get("6006/1/1"), "reasonMessage")).contains("'UK'");
        assertThat(Fixtures.attribute(deadLetters.get("6010/1/1"), "reasonMessage")).contains("ShipTo.Phone.Number")
                .contains("Next Day Air Early");
    }

    @Test
    void textShipsAsUpsTakesIt() {
        JsonNode longName = sent("6003/1/1").path("ShipTo");
        assertThat(longName.path("Name").asText()).isEqualTo("The Northwestern Consolidated");
        assertThat(longName.path("AttentionName").asText()).as("the ship-to's contact keeps its place")
                .isEqualTo("Receiving Desk");
        assertThat(created("6003/1/1").details().get("auditNotes")).startsWith("text cut to fit UPS (ups.textTooLong FIT)")
                .contains("ShipTo.Name");

        JsonNode controls = sent("6007/1/1").path("ShipTo");
        assertThat(controls.path("Name").asText()).isEqualTo("Acme Parts Supply");
        // As Address Validation normalised it; no control character reached UPS (the sandbox refuses them: SBX0101).
        assertThat(controls.at("/Address/AddressLine")).extracting(JsonNode::asText).containsExactly("1 MAIN ST", "DOCK B");
        assertThat(sent("6007/1/1").toString()).doesNotContainPattern("\\\\u000[0-9a-fA-F]|\\\\[trn]");

        assertThat(sent("6008/1/1").at("/ShipTo/Name").asText()).as("35 characters, 36 UTF-16 units")
                .isEqualTo(EMOJI_NAME).hasSize(36);
    }

    @Test
    void aMissingStateIsCompletedFromAddressValidation() {
        assertThat(sent("6004/1/1").at("/ShipTo/Address/StateProvinceCode").asText()).isEqualTo("NY");
        assertThat(audit("6004/1/1")).filteredOn(e -> e.operation() == AuditOperation.ADDRESS_VALIDATION).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("NY completed from UPS's candidate"));
    }

    @Test
    void nextDayAirEarlyWithoutAContactShipsWithTheShipToName() {
        JsonNode shipment = sent("6009/1/1");
        assertThat(shipment.at("/Service/Code").asText()).isEqualTo("14");
        assertThat(shipment.at("/ShipTo/AttentionName").asText()).isEqualTo("Contoso Retail");
        assertThat(shipment.at("/ShipTo/Phone/Number").asText()).isEqualTo("3125550100");
    }

    @Test
    void weightsAndQuantitiesShipAsUpsTakesThem() {
        assertThat(sent("6011/1/1").at("/Package/0/PackageWeight/Weight").asText()).isEqualTo("0.1");
        assertThat(created("6011/1/1").details().get("auditNotes")).contains("less than UPS's smallest package weight");
        // 4 valves of 0.9 lb: the negative shipped quantity (-2) counts as 0, never as 2 more to ship.
        assertThat(sent("6012/1/1").at("/Package/0/PackageWeight/Weight").asText()).isEqualTo("3.6");
        assertThat(created("6012/1/1").details().get("auditNotes")).contains("OurStockShippedQty");
    }
}
