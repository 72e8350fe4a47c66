package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class ShipTest extends SandboxTestBase {

    private static final String SHIP = "/api/shipments/v2409/ship";

    @BeforeEach
    void login() {
        client.login();
    }

    @Test
    void checkDigitMatchesUpsPublishedTestNumbers() {
        assertThat(TrackingNumbers.isValid("1ZCIETST0111111114")).isTrue();
        assertThat(TrackingNumbers.isValid("1ZCIETST0422222228")).isTrue();
        assertThat(TrackingNumbers.isValid("1ZCIETST0422222227")).isFalse();
    }

    @Test
    void shipReturnsValid1ZNumbersOnePackageResultEach() {
        TestClient.Answer answer = client.post(SHIP, TestClient.shipRequest("A1B2C3", "1 MAIN ST", "10001", "ZPL", "SO-7", 3));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode results = answer.json().at("/ShipmentResponse/ShipmentResults");
        assertThat(answer.json().at("/ShipmentResponse/Response/ResponseStatus/Code").asText()).isEqualTo("1");
        assertThat(results.get("PackageResults").isArray()).isTrue();
        assertThat(results.get("PackageResults")).hasSize(3);
        String shipmentId = results.get("ShipmentIdentificationNumber").asText();
        assertThat(shipmentId).isEqualTo(results.at("/PackageResults/0/TrackingNumber").asText());
        for (JsonNode pkg : results.get("PackageResults")) {
            String tn = pkg.get("TrackingNumber").asText();
            assertThat(tn).matches("1ZA1B2C303\\d{8}");
            assertThat(TrackingNumbers.isValid(tn)).as(tn).isTrue();
        }
        assertThat(results.at("/ShipmentCharges/TotalCharges/MonetaryValue").asText()).matches("\\d+\\.\\d\\d");
        assertThat(results.at("/ShipmentCharges/TotalCharges/CurrencyCode").asText()).isEqualTo("USD");
    }

    @Test
    void singlePackageIsStillAnArrayUnlessSwitchedToObject() {
        JsonNode asArray = client.post(SHIP, TestClient.shipRequest("SO-1")).json();
        assertThat(asArray.at("/ShipmentResponse/ShipmentResults/PackageResults").isArray()).isTrue();

        ups.validateResponses(false); // the bare-object form deliberately contradicts the v2409 schema
        ups.shipments().packageResultsAsObject(true);
        JsonNode asObject = client.post(SHIP, TestClient.shipRequest("SO-2")).json();
        assertThat(asObject.at("/ShipmentResponse/ShipmentResults/PackageResults").isObject()).isTrue();
    }

    @Test
    void gifLabelIsARealImage() throws Exception {
        JsonNode json = client.post(SHIP, TestClient.shipRequest("A1B2C3", "1 MAIN ST", "10001", "GIF", "SO-1", 1)).json();
        JsonNode label = json.at("/ShipmentResponse/ShipmentResults/PackageResults/0/ShippingLabel");

        assertThat(label.at("/ImageFormat/Code").asText()).isEqualTo("GIF");
        byte[] bytes = Base64.getDecoder().decode(label.get("GraphicImage").asText());
        assertThat(new String(bytes, 0, 6, StandardCharsets.US_ASCII)).startsWith("GIF8");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(100);
        assertThat(label.has("HTMLImage")).isTrue();
    }

    @Test
    void zplAndEplLabelsAreRealPrinterPrograms() {
        JsonNode zpl = client.post(SHIP, TestClient.shipRequest("A1B2C3", "1 MAIN ST", "10001", "ZPL", "SO-1", 1)).json();
        String zplText = decodedLabel(zpl);
        String tn = zpl.at("/ShipmentResponse/ShipmentResults/ShipmentIdentificationNumber").asText();
        assertThat(zplText).startsWith("^XA").contains("^BC").contains(tn).endsWith("^XZ\n");

        JsonNode epl = client.post(SHIP, TestClient.shipRequest("A1B2C3", "1 MAIN ST", "10001", "EPL", "SO-2", 1)).json();
        assertThat(decodedLabel(epl)).contains("\nN\n").contains("\nB80,").endsWith("P1\n");
    }

    @Test
    void unknownShipperNumberIs120100() {
        TestClient.Answer answer = client.post(SHIP, TestClient.shipRequest("QQQQQQ", "1 MAIN ST", "10001", "ZPL", "SO-1", 1));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(TestClient.errorCode(answer)).isEqualTo("120100");
        assertThat(ups.shipments().count()).isZero();
    }

    @Test
    void badUsPostalCodeIs120207() {
        TestClient.Answer answer = client.post(SHIP, TestClient.shipRequest("A1B2C3", "1 MAIN ST", "1000", "ZPL", "SO-1", 1));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(TestClient.errorCode(answer)).isEqualTo("120207");
    }

    @Test
    void voidMarksShipmentVoidedInTracking() {
        String id = ship("SO-9");

        TestClient.Answer voided = client.delete("/api/shipments/v2409/void/cancel/" + id);

        assertThat(voided.status()).isEqualTo(200);
        assertThat(voided.json().at("/VoidShipmentResponse/SummaryResult/Status/Code").asText()).isEqualTo("1");
        assertThat(voided.json().at("/VoidShipmentResponse/PackageLevelResults/0/TrackingNumber").asText()).isEqualTo(id);
        JsonNode track = client.get("/api/track/v1/details/" + id).json();
        assertThat(track.at("/trackResponse/shipment/0/package/0/currentStatus/description").asText()).isEqualTo("VOIDED");
        assertThat(track.at("/trackResponse/shipment/0/package/0/currentStatus/type").asText()).isEqualTo("MV");
        assertThat(ups.shipments().list()).singleElement().extracting(Shipments.Created::voided).isEqualTo(true);
    }

    @Test
    void voidOfUnknownShipmentIsAnError() {
        TestClient.Answer answer = client.delete("/api/shipments/v2409/void/cancel/1ZA1B2C30399999996");

        assertThat(answer.status()).isEqualTo(400);
    }

    @Test
    void labelRecoveryByReferenceReturnsTheShipmentsLabels() {
        String id = ship("SO-42");
        ship("SO-43");

        TestClient.Answer answer = client.post("/api/labels/v1/recovery",
                TestClient.labelRecoveryByReference("SO-42", "A1B2C3"));

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        JsonNode response = answer.json().get("LabelRecoveryResponse");
        assertThat(response.get("ShipmentIdentificationNumber").asText()).isEqualTo(id);
        assertThat(response.get("LabelResults")).hasSize(1);
        assertThat(response.at("/LabelResults/0/TrackingNumber").asText()).isEqualTo(id);
        String label = new String(Base64.getDecoder().decode(response.at("/LabelResults/0/LabelImage/GraphicImage").asText()),
                StandardCharsets.US_ASCII);
        assertThat(label).startsWith("^XA").contains(id);
    }

    @Test
    void labelRecoveryByTrackingNumberAndNoDataError() {
        String id = ship("SO-1");

        assertThat(client.post("/api/labels/v1/recovery", TestClient.labelRecoveryByTrackingNumber(id)).status()).isEqualTo(200);

        TestClient.Answer none = client.post("/api/labels/v1/recovery", TestClient.labelRecoveryByReference("SO-404", "A1B2C3"));
        assertThat(none.status()).isEqualTo(400);
        assertThat(TestClient.errorCode(none)).as("the sandbox's own code: UPS publishes none").isEqualTo("SBX0801");

        client.delete("/api/shipments/v2409/void/cancel/" + id);
        TestClient.Answer afterVoid = client.post("/api/labels/v1/recovery", TestClient.labelRecoveryByReference("SO-1", "A1B2C3"));
        assertThat(afterVoid.status()).isEqualTo(400);
        assertThat(TestClient.errorCode(afterVoid)).isEqualTo("SBX0801");
    }

    private static String decodedLabel(JsonNode shipResponse) {
        String base64 = shipResponse.at("/ShipmentResponse/ShipmentResults/PackageResults/0/ShippingLabel/GraphicImage").asText();
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }

    private TestClient.Answer shipVariant(Consumer<ObjectNode> edit) {
        try {
            ObjectNode body = (ObjectNode)
                    TestClient.MAPPER.readTree(TestClient.shipRequest("SO-LANE"));
            edit.accept((ObjectNode) body.path("ShipmentRequest").path("Shipment"));
            return client.post("/api/shipments/v2409/ship", TestClient.MAPPER.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode obj(JsonNode node) {
        return (ObjectNode) node;
    }

    @Test
    void shipmentLevelReferenceOnAUsToUsLaneIs120541() {
        TestClient.Answer answer = shipVariant(s -> s.putArray("ReferenceNumber").addObject().put("Value", "SO-LANE"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(TestClient.errorCode(answer)).isEqualTo("120541");
    }

    @Test
    void usPhoneWithCountryCodeIsRefused() {
        TestClient.Answer answer = shipVariant(s -> obj(s.path("ShipTo").path("Phone")).put("Number", "12125550100"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(TestClient.errorCode(answer)).isEqualTo(ShipRules.SHIP_TO_PHONE_LAYOUT);
    }

    @Test
    void internationalShipmentNeedsPhonesAttentionAndShipmentLevelReference() {
        Consumer<ObjectNode> toGermany = s -> {
            ObjectNode address = obj(s.path("ShipTo").path("Address"));
            address.remove("StateProvinceCode");
            address.put("PostalCode", "10117").put("CountryCode", "DE");
            obj(s.path("Package").path(0)).remove("ReferenceNumber");
            s.putArray("ReferenceNumber").addObject().put("Value", "SO-LANE");
            obj(s.path("Service")).put("Code", "65");
        };
        Consumer<ObjectNode> withAttention =
                toGermany.andThen(s -> obj(s.path("Shipper")).put("AttentionName", "SHIPPING"));

        TestClient.Answer noShipperAttention = shipVariant(toGermany);
        assertThat(noShipperAttention.status()).as(noShipperAttention.json().toString()).isEqualTo(400);
        assertThat(TestClient.errorCode(noShipperAttention)).isEqualTo(ShipRules.INTL_SHIPPER_ATTENTION);

        TestClient.Answer ok = shipVariant(withAttention);
        assertThat(ok.status()).as(ok.json().toString()).isEqualTo(200);

        TestClient.Answer noShipToPhone = shipVariant(withAttention.andThen(s -> obj(s.path("ShipTo")).remove("Phone")));
        assertThat(TestClient.errorCode(noShipToPhone)).isEqualTo(ShipRules.INTL_SHIP_TO_PHONE);

        TestClient.Answer noDescription = shipVariant(withAttention.andThen(s -> s.remove("Description")));
        assertThat(TestClient.errorCode(noDescription)).isEqualTo(ShipRules.INTL_DESCRIPTION);

        TestClient.Answer packageReference = shipVariant(withAttention.andThen(s -> obj(s.path("Package").path(0))
                .putArray("ReferenceNumber").addObject().put("Value", "SO-LANE")));
        assertThat(TestClient.errorCode(packageReference)).isEqualTo("120542");
    }

    @Test
    void usToCanadaNeedsInvoiceLineTotal() {
        Consumer<ObjectNode> toCanada = s -> {
            obj(s.path("ShipTo").path("Address")).put("StateProvinceCode", "ON").put("PostalCode", "M5H2N2")
                    .put("CountryCode", "CA");
            obj(s.path("Package").path(0)).remove("ReferenceNumber");
            s.putArray("ReferenceNumber").addObject().put("Value", "SO-LANE");
            obj(s.path("Shipper")).put("AttentionName", "SHIPPING");
            obj(s.path("Service")).put("Code", "11");
        };

        assertThat(TestClient.errorCode(shipVariant(toCanada))).isEqualTo(ShipRules.INVOICE_TOTAL_REQUIRED);
        TestClient.Answer ok = shipVariant(toCanada.andThen(s -> s.putObject("InvoiceLineTotal")
                .put("CurrencyCode", "USD").put("MonetaryValue", "250")));
        assertThat(ok.status()).as(ok.json().toString()).isEqualTo(200);
    }

    @Test
    void labelRecoveryByADuplicatedReferenceListsEveryShipmentAsCandidate() {
        String first = ship("SO-DUP");
        String second = ship("SO-DUP");

        TestClient.Answer answer = client.post("/api/labels/v1/recovery",
                TestClient.labelRecoveryByReference("SO-DUP", "A1B2C3"));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode response = answer.json().get("LabelRecoveryResponse");
        assertThat(response.get("ShipmentIdentificationNumber").asText()).isEqualTo(first);
        assertThat(response.get("LabelResults")).hasSize(1);
        assertThat(response.findValuesAsText("TrackingNumber")).contains(first, second);
        assertThat(response.get("TrackingCandidate")).hasSize(2);
    }
}
