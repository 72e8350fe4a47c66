package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12: what real UPS refuses although the schema lets it through, the sandbox refuses too. */
class ShipRulesTest extends SandboxTestBase {

    @BeforeEach
    void login() {
        client.login();
    }

    private static ObjectNode shipment(ObjectNode request) {
        return (ObjectNode) request.get("Shipment");
    }

    private static ObjectNode shipTo(ObjectNode request) {
        return (ObjectNode) shipment(request).get("ShipTo");
    }

    private static ObjectNode address(ObjectNode request, String party) {
        return (ObjectNode) shipment(request).get(party).get("Address");
    }

    private static Consumer<ObjectNode> weight(String weight, String unit) {
        return r -> ((ObjectNode) shipment(r).get("Package").get(0).get("PackageWeight")).put("Weight", weight)
                .putObject("UnitOfMeasurement").put("Code", unit);
    }

    private void assertRefused(TestClient.Answer answer, String code) {
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(400);
        assertThat(TestClient.errorCode(answer)).as(answer.json().toString()).isEqualTo(code);
        assertThat(answer.json().at("/response/errors/0/message").asText()).isNotBlank();
    }

    private void assertShipped(TestClient.Answer answer) {
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- 1. parcels, not freight

    @Test
    void aPackageOverOneHundredFiftyPoundsOrSeventyKilosIsRefused() {
        assertRefused(shipEdited(weight("150.1", "LBS")), ShipRules.OVERWEIGHT);
        assertRefused(shipEdited(weight("70.5", "KGS")), ShipRules.OVERWEIGHT);
        assertThat(ups.shipments().count()).isZero();

        assertShipped(shipEdited(weight("150", "LBS")));
        assertShipped(shipEdited(weight("70", "KGS")));
    }

    @Test
    void moreThanTwoHundredPackagesIsRefused() {
        Consumer<ObjectNode> packages201 = r -> {
            ArrayNode packages = (ArrayNode) shipment(r).get("Package");
            JsonNode one = packages.get(0);
            for (int i = 1; i < 201; i++) {
                packages.add(one.deepCopy());
            }
        };
        TestClient.Answer tooMany = shipEdited(packages201);

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(ups.validationFailures()).singleElement().asString().contains("Package");
        assertThat(ups.shipments().count()).isZero();
        ups.clearValidationFailures();

        ups.validateResponses(false); // two hundred labels: the self-check of the answer is not what is tested here
        TestClient.Answer twoHundred = shipEdited(packages201.andThen(r -> ((ArrayNode) shipment(r).get("Package")).remove(200)));
        assertThat(twoHundred.status()).as(twoHundred.json().toString()).isEqualTo(200);
        assertThat(twoHundred.json().at("/ShipmentResponse/ShipmentResults/PackageResults")).hasSize(200);
    }

    // ---------------------------------------------------------------- 6. weights as UPS bills them

    @Test
    void aWeightOfZeroIsAMissingWeight() {
        assertRefused(shipEdited(weight("0", "LBS")), ShipRules.ILLEGAL_WEIGHT);
        assertRefused(shipEdited(weight("0.0", "LBS")), ShipRules.ILLEGAL_WEIGHT);
        assertRefused(shipEdited(weight("-1", "LBS")), ShipRules.ILLEGAL_WEIGHT);
        assertRefused(shipEdited(weight("five", "LBS")), ShipRules.ILLEGAL_WEIGHT);
    }

    @Test
    void aPackageUnderOnePoundIsBilledAsOnePound() {
        TestClient.Answer light = shipEdited(weight("0.1", "LBS"));

        assertShipped(light);
        assertThat(light.json().at("/ShipmentResponse/ShipmentResults/BillingWeight/Weight").asText()).isEqualTo("1.0");
        assertThat(shipEdited(weight("2.2", "LBS")).json()
                .at("/ShipmentResponse/ShipmentResults/BillingWeight/Weight").asText()).isEqualTo("3.0");
    }

    // ---------------------------------------------------------------- 2. text

    @Test
    void controlCharactersAreRefusedWhereverTheyAre() {
        assertRefused(shipEdited(r -> shipTo(r).put("Name", "CUSTOMER\tINC")), ShipRules.CONTROL_CHARACTER);
        assertRefused(shipEdited(r -> address(r, "ShipTo").putArray("AddressLine").add("1 MAIN ST\nSTE 200")),
                ShipRules.CONTROL_CHARACTER);
        assertRefused(shipEdited(r -> shipment(r).put("Description", "WIDGETS\u0085")), ShipRules.CONTROL_CHARACTER);
        assertThat(ups.shipments().count()).isZero();
    }

    @Test
    void halfASurrogatePairIsRefusedAWholeOneIsACharacter() {
        String body = TestClient.shipRequest("SO-1").replace("\"CUSTOMER INC\"", "\"CUSTOMER INC \\ud83d\"");
        assertRefused(client.post("/api/shipments/v2409/ship", body), ShipRules.UNPAIRED_SURROGATE);

        assertShipped(shipEdited(r -> shipTo(r).put("Name", "CUSTOMER INC \ud83d\udce6")));
    }

    @Test
    void lengthsAreCountedInCharactersNotUtf16Units() {
        String emoji = "\ud83d\udce6"; // one character, two UTF-16 units
        String thirtyFive = "X".repeat(34) + emoji;
        assertThat(thirtyFive.length()).isEqualTo(36);

        assertShipped(shipEdited(r -> shipTo(r).put("Name", thirtyFive)));

        TestClient.Answer thirtySix = shipEdited(r -> shipTo(r).put("Name", "X" + thirtyFive));
        assertThat(thirtySix.status()).isEqualTo(400);
        assertThat(ups.validationFailures()).singleElement().asString().contains("Name");
        ups.clearValidationFailures();
    }

    // ---------------------------------------------------------------- 3. addresses UPS accepts

    @Test
    void aUsCanadianOrPuertoRicanShipToWithoutAStateIsRefused() {
        assertRefused(shipEdited(r -> address(r, "ShipTo").remove("StateProvinceCode")), ShipRules.SHIP_TO_STATE);
        assertRefused(shipEdited(r -> address(r, "ShipTo").put("StateProvinceCode", "XX")), ShipRules.SHIP_TO_STATE);
        Consumer<ObjectNode> toSanJuan = r -> {
            address(r, "ShipTo").put("City", "SAN JUAN").put("PostalCode", "00907").put("CountryCode", "PR")
                    .remove("StateProvinceCode");
            address(r, "Shipper").put("City", "SAN JUAN").put("PostalCode", "00907").put("CountryCode", "PR")
                    .put("StateProvinceCode", "PR");
            ((ObjectNode) shipment(r).get("Service")).put("Code", "02"); // Ground within PR: uncertain, refused
        };
        assertRefused(shipEdited(toSanJuan), ShipRules.SHIP_TO_STATE);
        assertShipped(shipEdited(toSanJuan.andThen(r -> address(r, "ShipTo").put("StateProvinceCode", "PR"))));
    }

    @Test
    void aUsShipperOrShipFromWithoutAStateIsRefused() {
        assertRefused(shipEdited(r -> address(r, "Shipper").remove("StateProvinceCode")), ShipRules.SHIPPER_STATE);

        Consumer<ObjectNode> withShipFrom = r -> shipment(r).set("ShipFrom", shipment(r).get("Shipper").deepCopy());
        assertShipped(shipEdited(withShipFrom.andThen(r -> ((ObjectNode) shipment(r).get("ShipFrom")).remove("ShipperNumber"))));
        assertRefused(shipEdited(withShipFrom.andThen(r -> {
            ((ObjectNode) shipment(r).get("ShipFrom")).remove("ShipperNumber");
            address(r, "ShipFrom").remove("StateProvinceCode");
        })), ShipRules.SHIP_FROM_STATE);
    }

    @Test
    void aCountryCodeThatIsNotIso3166IsRefused() {
        assertRefused(shipEdited(r -> address(r, "ShipTo").put("CountryCode", "UK")), ShipRules.COUNTRY_NOT_ISO);
        assertRefused(shipEdited(r -> address(r, "Shipper").put("CountryCode", "XX")), ShipRules.COUNTRY_NOT_ISO);
        assertThat(ups.shipments().count()).isZero();
    }

    // ---------------------------------------------------------------- 5. service rules

    @Test
    void nextDayAirEarlyNeedsTheShipToAttentionNameAndPhone() {
        Consumer<ObjectNode> early = r -> ((ObjectNode) shipment(r).get("Service")).put("Code", "14");

        assertRefused(shipEdited(early.andThen(r -> shipTo(r).remove("AttentionName"))), ShipRules.EARLY_ATTENTION);
        assertRefused(shipEdited(early.andThen(r -> shipTo(r).remove("Phone"))), ShipRules.EARLY_PHONE);
        assertShipped(shipEdited(early));
        assertShipped(shipEdited(r -> shipTo(r).remove("AttentionName"))); // Ground needs neither
    }

    @Test
    void aServiceUpsDoesNotOfferBetweenTheCountriesIsRefused() {
        Consumer<ObjectNode> toToronto = r -> {
            address(r, "ShipTo").put("City", "TORONTO").put("PostalCode", "M5V 2T6").put("CountryCode", "CA")
                    .put("StateProvinceCode", "ON");
            shipTo(r).putObject("Phone").put("Number", "4165550100");
            ((ObjectNode) shipment(r).get("Shipper")).put("AttentionName", "SHIPPING");
            ((ObjectNode) shipment(r).get("Package").get(0)).remove("ReferenceNumber");
            shipment(r).putArray("ReferenceNumber").addObject().put("Value", "SO-LANE");
            shipment(r).put("Description", "Brackets");
            shipment(r).putObject("InvoiceLineTotal").put("CurrencyCode", "USD").put("MonetaryValue", "100");
        };
        Consumer<ObjectNode> secondDayAir = r -> ((ObjectNode) shipment(r).get("Service")).put("Code", "02");

        TestClient.Answer ground = shipEdited(toToronto);
        assertRefused(ground, ShipRules.SERVICE_NOT_ON_LANE);
        assertThat(ground.json().toString()).contains("service 03 from US to CA").contains("offered: 07, 08, 11, 54, 65");
        assertRefused(shipEdited(toToronto.andThen(secondDayAir)), ShipRules.SERVICE_NOT_ON_LANE);
        assertShipped(shipEdited(toToronto.andThen(r -> ((ObjectNode) shipment(r).get("Service")).put("Code", "11"))));
        assertThat(ServiceLanes.offered("US", "DE")).as("Standard (11) is for Canada and Mexico only")
                .containsExactly("07", "08", "54", "65");
        assertThat(ServiceLanes.offered("US", "PR")).as("Ground to PR is uncertain: the stricter reading")
                .containsExactly("01", "02");
        assertThat(ServiceLanes.offered("CA", "US")).contains("11").doesNotContain("03");
        assertThat(ServiceLanes.offered("DE", "US")).as("an origin the table does not know offers nothing").isEmpty();
        assertShipped(shipEdited(secondDayAir)); // 2nd Day Air within the US
    }

    @Test
    void labelStockIsFourWideAndSixOrEightHigh() {
        assertRefused(shipEdited(r -> ((ObjectNode) r.get("LabelSpecification").get("LabelStockSize"))
                .put("Height", "4").put("Width", "6")), ShipRules.LABEL_STOCK_SIZE);
        assertRefused(shipEdited(r -> ((ObjectNode) r.get("LabelSpecification").get("LabelStockSize"))
                .put("Height", "7")), ShipRules.LABEL_STOCK_SIZE);
        assertShipped(shipEdited(r -> ((ObjectNode) r.get("LabelSpecification").get("LabelStockSize"))
                .put("Height", "8")));
    }

    // ---------------------------------------------------------------- 8. no invented UPS behaviour

    @Test
    void theLabelRecoveryNotFoundAnswerCanBeChangedByTests() {
        ups.shipments().labelRecoveryNotFound(400, "SBX-NOT-FOUND", "nothing here");

        TestClient.Answer none = client.post("/api/labels/v1/recovery", TestClient.labelRecoveryByReference("SO-404", "A1B2C3"));

        assertRefused(none, "SBX-NOT-FOUND");
    }
}
