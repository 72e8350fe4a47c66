package com.epicorups.e2e;

import static com.epicorups.e2e.Fixtures.releaseOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.epicorups.model.ReleaseKey;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.ShipmentRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Issue 16, "done when": goods to Germany, the UK and Mexico through the whole pipeline (poller, creator, writer:
 * the Lambda handlers against the AWS emulator and both sandboxes; resources/issue16/dataset.json, its _comment lists
 * the cases). Each ships with a commercial invoice that validates against UPS's spec and the UPS sandbox's invoice
 * rules, its forms image stored beside the label and its location written back; the EEI case is refused without an ITN
 * and ships with one; a part without an HTS code fails with its reason, before any UPS call.
 */
class CustomsEndToEndTest {
    private static final Map<String, String> EXPECTED = new TreeMap<>(Map.of(
            "7001/1/1", "SHIPPED",            // Germany, PLC controllers, origin DE
            "7002/1/1", "SHIPPED",            // United Kingdom, hose: CommodityCode stands in for HTS
            "7003/1/1", "SHIPPED",            // Mexico, brackets
            "7004/1/1", "EEI_REQUIRED",       // Mexico, 12,000 USD of one HTS number, no ITN
            "7005/1/1", "SHIPPED",            // the same with the ITN in OrderHed.ExportITN_c
            "7006/1/1", "MISSING_HTS_CODE")); // Germany, a part without HTS or commodity code
    private static final String ITN = "X2026120700000001";

    private static ConnectorWorld world;
    private static Map<String, ShipmentRecord> ledger;
    private static Map<String, Message> deadLetters;

    @BeforeAll
    static void runThePipeline() {
        world = new ConnectorWorld(Fixtures.dataset("/issue16/dataset.json"),
                settings -> settings.replace("{\"epicor\":{",
                "{\"epicor\":{\"exportItnColumn\":\"ExportITN_c\","
                        + "\"writeBack\":{\"fields\":{\"customsFormsLocation\":\"CustomsFormsLocation_c\"}},"));
        // UPS paperless invoice for the Chicago account: goods abroad without invoice data would be refused.
        world.ups.shipments().internationalForms().paperless(ConnectorWorld.CHI_ACCOUNT);
        assertThat(world.poll()).containsEntry("enqueued", EXPECTED.size());
        world.drainShipmentRequests();
        world.drainTrackingUpdates();
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

    /** The InternationalForms UPS was sent for a release. */
    private static JsonNode forms(String shortKey) {
        AuditEntry created = audit(shortKey).stream().filter(e -> e.operation() == AuditOperation.SHIPMENT_CREATE
                && e.outcome() == AuditOutcome.SUCCESS).findFirst().orElseThrow();
        try {
            return Json.mapper().readTree(created.details().get("request"))
                    .at("/ShipmentRequest/Shipment/ShipmentServiceOptions/InternationalForms");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyReleaseEndsShippedOrFailedWithItsOwnReason() {
        assertThat(ledger.keySet()).containsExactlyElementsOf(EXPECTED.keySet());
        EXPECTED.forEach((release, expected) -> {
            ShipmentRecord record = ledger.get(release);
            if (expected.equals("SHIPPED")) {
                assertThat(record.state().name()).as(release).isEqualTo("WRITTEN");
                assertThat(world.orderRel(release).get("TrackingNumber_c")).as(release)
                        .isEqualTo(String.join(",", record.trackingNumbers()));
            } else {
                assertThat(record.state().name()).as(release).isEqualTo("NEEDS_ATTENTION");
                assertThat(record.reasonCode()).as(release).isEqualTo(expected);
                assertThat(Fixtures.attribute(deadLetters.get(release), "reasonCode")).as(release).isEqualTo(expected);
            }
        });
        long shipped = EXPECTED.values().stream().filter("SHIPPED"::equals).count();
        assertThat(world.ups.requests(Operation.SHIP)).as("no UPS call for a refused release").isEqualTo((int) shipped);
        assertThat(world.ups.validationFailures()).as("every request UPS's spec allows").isEmpty();
    }

    @Test
    void goodsToGermanyBritainAndMexicoCarryACompleteCommercialInvoice() {
        Map<String, List<String>> expected = Map.of(
                "7001/1/1", List.of("DE", "8537109170", "DE", "5", "412"),
                "7002/1/1", List.of("GB", "4009420050", "GB", "12", "58.9"),
                "7003/1/1", List.of("MX", "7326908688", "US", "100", "14.75"));
        expected.forEach((release, facts) -> {
            JsonNode forms = forms(release);
            assertThat(forms.path("FormType").get(0).asText()).as(release).isEqualTo("01");
            assertThat(forms.path("InvoiceNumber").asText()).isEqualTo(Fixtures.releaseKey(release).reference());
            assertThat(forms.path("InvoiceDate").asText()).matches("\\d{8}");
            assertThat(forms.path("ReasonForExport").asText()).isEqualTo("SALE");
            assertThat(forms.path("CurrencyCode").asText()).isEqualTo("USD");
            assertThat(forms.path("PurchaseOrderNumber").asText()).isEqualTo("PO-" + release.substring(0, 4));
            assertThat(forms.at("/Contacts/SoldTo/Address/CountryCode").asText()).isEqualTo(facts.get(0));
            JsonNode product = forms.path("Product").get(0);
            assertThat(product.path("CommodityCode").asText()).isEqualTo(facts.get(1));
            assertThat(product.path("OriginCountryCode").asText()).isEqualTo(facts.get(2));
            assertThat(product.at("/Unit/Number").asText()).isEqualTo(facts.get(3));
            assertThat(product.at("/Unit/Value").asText()).isEqualTo(facts.get(4));
            assertThat(product.at("/Unit/UnitOfMeasurement/Code").asText()).isEqualTo("EA");
            assertThat(forms.has("EEIFilingOption")).isFalse();
        });
    }

    @Test
    void theFormsImageIsStoredBesideTheLabelAndItsLocationWrittenBack() {
        for (String release : List.of("7001/1/1", "7002/1/1", "7003/1/1", "7005/1/1")) {
            ShipmentRecord record = ledger.get(release);
            Map<String, Object> rel = world.orderRel(release);
            String label = String.valueOf(rel.get("LabelLocation_c"));
            String forms = String.valueOf(rel.get("CustomsFormsLocation_c"));
            String bucket = "s3://" + world.resources.labelBucket() + "/";
            assertThat(forms).as(release).startsWith(bucket).endsWith(record.trackingNumbers().get(0) + "INVOICE.pdf");
            assertThat(forms.substring(0, forms.lastIndexOf('/'))).as("beside the label")
                    .isEqualTo(label.substring(0, label.lastIndexOf('/')));
            byte[] stored = world.aws.s3().getObjectAsBytes(r -> r.bucket(world.resources.labelBucket())
                    .key(forms.substring(bucket.length()))).asByteArray();
            assertThat(stored).as("the forms UPS returned for " + release)
                    .isEqualTo(world.ups.shipments().internationalForms().image(record.shipmentId()).orElseThrow());
            assertThat(new String(stored, StandardCharsets.US_ASCII)).startsWith("%PDF-");
        }
    }

    @Test
    void theEeiCaseIsRefusedWithoutAnItnAndShipsWithOne() {
        assertThat(Fixtures.attribute(deadLetters.get("7004/1/1"), "reasonMessage"))
                .contains("EEI is required").contains("12000.00 USD of HTS 8413702004 to MX")
                .contains("epicor.exportItnColumn").contains("AES");
        JsonNode option = forms("7005/1/1").path("EEIFilingOption");
        assertThat(option.path("Code").asText()).isEqualTo("1");
        assertThat(option.at("/ShipperFiled/Code").asText()).isEqualTo("A");
        assertThat(option.at("/ShipperFiled/PreDepartureITNNumber").asText()).isEqualTo(ITN);
    }

    @Test
    void aPartWithoutAnHtsCodeFailsNamingThePartField() {
        assertThat(Fixtures.attribute(deadLetters.get("7006/1/1"), "reasonMessage"))
                .contains("GASKET-KIT").contains("Part.HTS").contains("DE");
        assertThat(world.orderRel("7006/1/1").get("TrackingNumber_c")).isIn("", null);
    }
}
