package com.epicorups.ups.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Reason;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.WeightUnit;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.UpsSettings.TextTooLong;
import com.epicorups.ups.service.ShipViaService;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 12, the connector's side: requests UPS accepts, built from real distributors' data. */
class ShipmentRequestMapperTest {
    /** A real Epicor customer name (the sample tenant's customer 109): 95 characters. */
    static final String LONG_CUSTOMER =
            "The Northwestern Consolidated Agricultural Machinery and Implement Cooperative of America, Inc.";
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private static UpsSettings.Builder settings() {
        return UpsSettings.builder()
                .warehouse(new UpsSettings.Warehouse("MAIN", "ACME DISTRIBUTION", "SHIPPING DESK", "A1B2C3", null,
                        "(404) 555-1234", List.of("100 WAREHOUSE PKWY"), "ATLANTA", "GA", "30301", "US"))
                .service("UPSG", new ShipViaService("03", "11", "11", "65")).service("EARLY", "14")
                .service("UP2D", new ShipViaService("02", "08", "08", "08"));
    }

    private static ShippableRelease release(Address to, String shipVia, String weight, List<String> notes) {
        return new ShippableRelease(new ReleaseKey("EPIC06", 5020, 1, 1), 3L, "NWCOOP", "PO-109-5020", "BRKT-100",
                "Steel mounting bracket", new BigDecimal("4"), "EA", new BigDecimal(weight), WeightUnit.LBS,
                new BigDecimal("117.80"), "USD", "MAIN", "MfgSys", shipVia, to, notes);
    }

    private static Address address(String name, String attention, List<String> lines, String state, String country,
                                   String phone) {
        return new Address(name, attention, lines, "Spokane", state, "99216", country, phone, null, null);
    }

    private static ShipmentRequestMapper.Mapped map(UpsSettings settings, ShippableRelease r) {
        return new ShipmentRequestMapper(settings).map(List.of(r), TODAY);
    }

    private static JsonNode shipTo(ShipmentRequestMapper.Mapped m) {
        return m.body().path("ShipmentRequest").path("Shipment").path("ShipTo");
    }

    private static ConnectorException failure(UpsSettings settings, ShippableRelease r) {
        try {
            map(settings, r);
        } catch (ConnectorException e) {
            assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
            return e;
        }
        throw new AssertionError("mapped although it should have failed");
    }

    // ---------------------------------------------------------------- 2. text always fits

    @Test
    void aNinetyFiveCharacterCustomerNameShipsCutAtAWordWithTheCutNamedInTheAudit() {
        Address to = address(LONG_CUSTOMER, "Receiving", List.of("4500 N Industrial Pkwy"), "WA", "US", "5095550100");

        ShipmentRequestMapper.Mapped m = map(settings().build(), release(to, "UPSG", "8", List.of()));

        assertThat(shipTo(m).path("Name").asText()).isEqualTo("The Northwestern Consolidated");
        assertThat(shipTo(m).path("AttentionName").asText()).as("the contact stays the contact").isEqualTo("Receiving");
        assertThat(m.cutFields()).containsExactly("ShipTo.Name");
        assertThat(m.auditNotes().get(0)).isEqualTo("text cut to fit UPS (ups.textTooLong FIT): ShipTo.Name");
        assertThat(m.auditNotes()).anyMatch(n -> n.startsWith("ShipTo.Name: cut") && n.contains(
                "not sent: 'Agricultural Machinery and Implement Cooperative of America, Inc.'"));
    }

    @Test
    void aLongNameContinuesInAFreeAttentionNameAndOnlyTheRestIsCut() {
        Address to = address(LONG_CUSTOMER, null, List.of("4500 N Industrial Pkwy"), "WA", "US", "5095550100");

        ShipmentRequestMapper.Mapped m = map(settings().build(), release(to, "UPSG", "8", List.of()));

        assertThat(shipTo(m).path("Name").asText()).isEqualTo("The Northwestern Consolidated");
        assertThat(shipTo(m).path("AttentionName").asText()).isEqualTo("Agricultural Machinery and");
        assertThat(m.cutFields()).containsExactly("ShipTo.Name");
        assertThat(m.auditNotes()).anyMatch(n -> n.contains("not sent: 'Implement Cooperative of America, Inc.'"));
    }

    @Test
    void withRefuseTheLongNameIsRefusedAsBefore() {
        Address to = address(LONG_CUSTOMER, "Receiving", List.of("4500 N Industrial Pkwy"), "WA", "US", "5095550100");

        ConnectorException e = failure(settings().textTooLong(TextTooLong.REFUSE).build(), release(to, "UPSG", "8", List.of()));

        assertThat(e.reasonCode()).isEqualTo(Reason.FIELD_TOO_LONG.code());
        assertThat(e.getMessage()).contains("ShipTo.Name").contains("ups.textTooLong is REFUSE");
    }

    @Test
    void theStreetUsesAllThreeLinesBeforeAWordIsCutAndAddress3GoesFirst() {
        List<String> epicor = List.of("Building 7, Loading Dock C, 4500 North Industrial Parkway",
                "Attn: Receiving Supervisor, Gate 3", "Enter from Sprague Avenue after the rail crossing");
        Address to = address("NW Coop Equipment Yard 7", null, epicor, "WA", "US", "5095550100");

        ShipmentRequestMapper.Mapped m = map(settings().build(), release(to, "UPSG", "8", List.of()));

        List<String> sent = new ArrayList<>();
        shipTo(m).path("Address").path("AddressLine").forEach(l -> sent.add(l.asText()));
        assertThat(sent).containsExactly("Building 7, Loading Dock C, 4500", "North Industrial Parkway Attn:",
                "Receiving Supervisor, Gate 3 Enter");
        assertThat(m.cutFields()).containsExactly("ShipTo.AddressLine");
        assertThat(m.auditNotes()).anyMatch(n -> n.contains("not sent: 'from Sprague Avenue after the rail crossing'"));
    }

    @Test
    void controlCharactersAreNeverSent() {
        Address to = address("Acme\tParts\u0007 Depot", "Dock\r\nB", List.of("1 Main St\u0000"), "WA", "US", "5095550100");

        ShipmentRequestMapper.Mapped m = map(settings().build(), release(to, "UPSG", "8", List.of()));

        assertThat(shipTo(m).path("Name").asText()).isEqualTo("Acme Parts Depot");
        assertThat(shipTo(m).path("AttentionName").asText()).isEqualTo("Dock B");
        assertThat(shipTo(m).at("/Address/AddressLine/0").asText()).isEqualTo("1 Main St");
        assertThat(m.auditNotes()).anyMatch(n -> n.startsWith("ShipTo.Name: ") && n.contains("control character"));
        assertThat(m.cutFields()).isEmpty();
    }

    @Test
    void lengthsAreCharactersAndACutNeverSplitsOne() {
        String box = "\ud83d\udce6"; // one character, two UTF-16 units
        String fits = "Acme " + box + " Depot " + "x".repeat(20) + box; // 35 characters, 37 UTF-16 units
        String overlong = "y".repeat(34) + box + "zz Depot";         // one word of 37 characters

        JsonNode kept = shipTo(map(settings().build(),
                release(address(fits, "Dock B", List.of("1 Main St"), "WA", "US", null), "UPSG", "8", List.of())));
        ShipmentRequestMapper.Mapped cut = map(settings().build(),
                release(address(overlong, "Dock B", List.of("1 Main St"), "WA", "US", null), "UPSG", "8", List.of()));

        assertThat(kept.path("Name").asText()).isEqualTo(fits);
        String sent = shipTo(cut).path("Name").asText();
        assertThat(sent).isEqualTo("y".repeat(34) + box);
        assertThat(sent.codePointCount(0, sent.length())).isEqualTo(35);
        assertThat(cut.cutFields()).containsExactly("ShipTo.Name");
    }

    // ---------------------------------------------------------------- 3. addresses UPS accepts

    @Test
    void aCountryCodeThatIsNotIso3166FailsWithItsOwnReason() {
        ConnectorException e = failure(settings().build(),
                release(address("Harrods Ltd", null, List.of("87 Brompton Rd"), null, "UK", "02077301234"), "UPSG", "2", List.of()));

        assertThat(e.reasonCode()).isEqualTo(Reason.INVALID_COUNTRY_CODE.code());
        assertThat(e.getMessage()).contains("'UK'").contains("GB");
    }

    @Test
    void aUsCanadianOrPuertoRicanShipToWithoutAStateFailsNamingTheField() {
        for (String country : List.of("US", "CA", "PR")) {
            Address to = new Address("Customer", null, List.of("1 Main St"), "Somewhere", null,
                    country.equals("CA") ? "M5H2N2" : "00907", country, "2125550100", null, null);
            // 2nd Day Air: UPS offers it to PR, where Ground is refused (issue 20).
            ConnectorException e = failure(settings().build(), release(to, "UP2D", "2", List.of()));
            assertThat(e.reasonCode()).as(country).isEqualTo(Reason.MISSING_STATE_PROVINCE.code());
            assertThat(e.getMessage()).contains("ShipTo.Address.StateProvinceCode").contains(country);
        }
        Address berlin = new Address("Werkzeug GmbH", null, List.of("Friedrichstrasse 43"), "Berlin", null, "10117", "DE",
                "+49 30 5550 1234", null, null);
        // Goods to Germany carry their customs data (issue 16).
        assertThat(map(settings().build(), release(berlin, "UPSG", "2", List.of())
                .withCustoms(new com.epicorups.model.PartCustoms("7326908688", "US", 1, null, null))).body()).isNotNull();
    }

    // ---------------------------------------------------------------- 5. service rules

    @Test
    void nextDayAirEarlyTakesTheShipToContactThenTheOrderContactThenTheName() {
        Address withContact = address("Customer Inc", "Dana Ruiz", List.of("1 Main St"), "WA", "US", "5095550100")
                .withOrderContact("Grace Kim", "5095550199");
        Address orderContactOnly = address("Customer Inc", null, List.of("1 Main St"), "WA", "US", null)
                .withOrderContact("Grace Kim", "(509) 555-0199");
        Address nameOnly = address("Customer Inc", null, List.of("1 Main St"), "WA", "US", "5095550100");

        JsonNode first = shipTo(map(settings().build(), release(withContact, "EARLY", "2", List.of())));
        ShipmentRequestMapper.Mapped second = map(settings().build(), release(orderContactOnly, "EARLY", "2", List.of()));
        JsonNode third = shipTo(map(settings().build(), release(nameOnly, "EARLY", "2", List.of())));

        assertThat(first.path("AttentionName").asText()).isEqualTo("Dana Ruiz");
        assertThat(first.at("/Phone/Number").asText()).isEqualTo("5095550100");
        assertThat(shipTo(second).path("AttentionName").asText()).isEqualTo("Grace Kim");
        assertThat(shipTo(second).at("/Phone/Number").asText()).isEqualTo("5095550199");
        assertThat(second.auditNotes()).anyMatch(n -> n.startsWith("ShipTo.AttentionName") && n.contains("order's ship-to contact"))
                .anyMatch(n -> n.startsWith("ShipTo.Phone.Number") && n.contains("order's ship-to contact"));
        assertThat(third.path("AttentionName").asText()).isEqualTo("Customer Inc");
        assertThat(third.at("/Phone/Number").asText()).isEqualTo("5095550100");
    }

    @Test
    void nextDayAirEarlyWithoutAnyPhoneFailsNamingTheField() {
        Address noPhone = address("Customer Inc", "Dana Ruiz", List.of("1 Main St"), "WA", "US", null);

        ConnectorException e = failure(settings().build(), release(noPhone, "EARLY", "2", List.of()));

        assertThat(e.reasonCode()).isEqualTo("MISSING_FIELD");
        assertThat(e.getMessage()).contains("ShipTo.Phone.Number").contains("Next Day Air Early");
        assertThat(shipTo(map(settings().build(), release(noPhone, "UPSG", "2", List.of()))).has("Phone"))
                .as("Ground needs no phone").isFalse();
    }

    // ---------------------------------------------------------------- 6. weights as UPS bills them

    @Test
    void aReleaseLighterThanUpsSmallestWeightShipsAtItWithANote() {
        Address to = address("Customer Inc", null, List.of("1 Main St"), "WA", "US", null);

        ShipmentRequestMapper.Mapped m = map(settings().build(), release(to, "UPSG", "0.001", List.of()));

        assertThat(m.body().at("/ShipmentRequest/Shipment/Package/0/PackageWeight/Weight").asText()).isEqualTo("0.1");
        assertThat(m.auditNotes()).anyMatch(n -> n.startsWith("Package.PackageWeight.Weight") && n.contains("0.001 LBS"));
    }

    @Test
    void whatTheEpicorMappingAdjustedReachesTheAuditNotes() {
        Address to = address("Customer Inc", null, List.of("1 Main St"), "WA", "US", null);
        String note = "OrderRel.OurStockShippedQty is -6, a negative shipped quantity (bad data in Epicor)";

        ShipmentRequestMapper.Mapped m = map(settings().build(), release(to, "UPSG", "2", List.of(note)));

        assertThat(m.auditNotes()).contains(note);
    }

    @Test
    void aPacksPackagesSayTheUnitTheyWereConvertedToNotTheFirstLinesWhichMayHaveNone() {
        // A part without a weight has no unit; the pack is weighed in KG and planned in KGS (epicor.weightUnit).
        ShippableRelease line = new ShippableRelease(new ReleaseKey("EPIC06", 5020, 1, 1), 3L, "NWCOOP", "PO-109",
                "BRKT-100", "Steel mounting bracket", new BigDecimal("4"), "EA", null, null, new BigDecimal("117.80"),
                "USD", "MAIN", "MfgSys", "UPSG", address("NW COOP", null, List.of("1 MAIN ST"), "WA", "US",
                "5095550100"), List.of());
        com.epicorups.epicor.pack.ReadyPack pack = new com.epicorups.epicor.pack.ReadyPack(
                new com.epicorups.model.PackKey("EPIC06", 1011), 1, "UPSG", "MfgSys", 109, 109, "", false, 0,
                new BigDecimal("20"), "KG", BigDecimal.ZERO, "USD", List.of(), List.of());
        List<PackPackages.PackPackage> planned = new PackPackages(new PackagePlanner(), WeightUnit.KGS).plan(pack);

        JsonNode weight = new ShipmentRequestMapper(settings().build()).mapPack(new PackShipment(pack.key(),
                List.of(line), planned, WeightUnit.KGS), TODAY).body().path("ShipmentRequest").path("Shipment")
                .path("Package").get(0).path("PackageWeight");

        assertThat(weight.path("Weight").asText()).isEqualTo("20");
        assertThat(weight.path("UnitOfMeasurement").path("Code").asText()).as("not LBS for 20 KG").isEqualTo("KGS");
    }
}
