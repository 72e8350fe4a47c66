package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.core.Json;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.WeightUnit;
import com.epicorups.port.CreatedShipment;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.ship.ShipmentRequestMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12: the sandbox refuses what UPS refuses; the connector sends what it accepts, or fails before any UPS
 * call with a reason naming the field.
 */
class UpsRulesSandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension();

    private static final String LONG_CUSTOMER =
            "The Northwestern Consolidated Agricultural Machinery and Implement Cooperative of America, Inc.";

    private static JsonNode sent(CreatedShipment created) throws Exception {
        return Json.mapper().readTree(created.requestBody()).path("ShipmentRequest").path("Shipment");
    }

    private static UpsClients clients() {
        return ups.clients(ups.settingsBuilder().service("UPS EARLY", "14").build());
    }

    private static ShippableRelease release(String shipVia, Address to, String weight) {
        return Releases.release(Releases.nextOrder(), 1, "CHI", shipVia, to, weight);
    }

    private static void assertRefusedBeforeUps(ShippableRelease release, String reason, String field) {
        int before = ups.sandbox().requests(Operation.SHIP);
        assertThatThrownBy(() -> clients().shipping().create(List.of(release)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(reason);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.getMessage()).contains(field);
                });
        assertThat(ups.sandbox().requests(Operation.SHIP)).as("no UPS call").isEqualTo(before);
    }

    @Test
    void aRealCustomersNinetyFiveCharacterNameShipsAndTheCutIsNamed() throws Exception {
        Address to = new Address(LONG_CUSTOMER, null, List.of("4500 N Industrial Pkwy"), "Spokane", "WA", "99216", "US",
                "509-555-0100", null, null);

        CreatedShipment created = clients().shipping().create(List.of(release("UPS GROUND", to, "8")));

        JsonNode shipTo = sent(created).path("ShipTo");
        assertThat(shipTo.path("Name").asText()).isEqualTo("The Northwestern Consolidated");
        assertThat(shipTo.path("AttentionName").asText()).isEqualTo("Agricultural Machinery and");
        assertThat(created.auditNotes().get(0)).contains("ShipTo.Name");
        assertThat(ups.sandbox().shipments().status(created.shipmentId())).isPresent();
    }

    @Test
    void controlCharactersFromEpicorNeverReachUps() throws Exception {
        Address to = new Address("Acme\tParts", "Dock\r\nB", List.of("1 Main St\u0007"), "New York", "NY", "10001", "US",
                "212-555-0100", null, null);

        CreatedShipment created = clients().shipping().create(List.of(release("UPS GROUND", to, "3")));

        assertThat(sent(created).at("/ShipTo/Name").asText()).isEqualTo("Acme Parts");
        assertThat(sent(created).at("/ShipTo/AttentionName").asText()).isEqualTo("Dock B");
    }

    @Test
    void nextDayAirEarlyShipsWithTheOrdersContactWhenTheShipToHasNone() throws Exception {
        Address to = new Address("Contoso Retail", null, List.of("1111 S Figueroa St"), "Los Angeles", "CA", "90015", "US",
                null, null, null).withOrderContact("Grace Kim", "213-555-0150");

        CreatedShipment created = clients().shipping().create(List.of(release("UPS EARLY", to, "3")));

        JsonNode shipTo = sent(created).path("ShipTo");
        assertThat(sent(created).at("/Service/Code").asText()).isEqualTo("14");
        assertThat(shipTo.path("AttentionName").asText()).isEqualTo("Grace Kim");
        assertThat(shipTo.at("/Phone/Number").asText()).isEqualTo("2135550150");
    }

    @Test
    void nextDayAirEarlyWithoutAnyPhoneFailsBeforeUps() {
        Address to = new Address("Contoso Retail", "Receiving", List.of("1111 S Figueroa St"), "Los Angeles", "CA", "90015",
                "US", null, null, null);

        assertRefusedBeforeUps(release("UPS EARLY", to, "3"), "MISSING_FIELD", "ShipTo.Phone.Number");
    }

    @Test
    void aPartSoLightItRoundsToNothingShipsAtTheSmallestWeightAndIsBilledAsOnePound() throws Exception {
        ShippableRelease feather = new ShippableRelease(new ReleaseKey("EPIC06", Releases.nextOrder(), 1, 1), 1L,
                "CUST01", null, "SHIM-001", "Brass shim 0.1 mm", new BigDecimal("2"), "EA", new BigDecimal("0.001"),
                WeightUnit.LBS, new BigDecimal("1.20"), "USD", "CHI", "MfgSys", "UPS GROUND", Releases.NEW_YORK);

        CreatedShipment created = clients().shipping().create(List.of(feather));

        assertThat(sent(created).at("/Package/0/PackageWeight/Weight").asText()).isEqualTo("0.1");
        assertThat(created.charges().get("BillingWeight")).startsWith("1.0");
        assertThat(created.auditNotes()).anyMatch(n -> n.startsWith("Package.PackageWeight.Weight"));
    }

    @Test
    void aCountryThatIsNotIsoAndAUsAddressWithoutStateFailBeforeUps() {
        Address london = new Address("Harrods Ltd", "Goods In", List.of("87 Brompton Rd"), "London", null, "SW1X 7XL",
                "UK", "+44 20 7730 1234", null, null);
        Address noState = new Address("Northwind Traders", null, List.of("350 5th Ave"), "New York", null, "10118", "US",
                null, null, null);

        assertRefusedBeforeUps(release("UPS STANDARD", london, "3"), Reason.INVALID_COUNTRY_CODE.code(), "'UK'");
        assertRefusedBeforeUps(release("UPS GROUND", noState, "3"), Reason.MISSING_STATE_PROVINCE.code(),
                "ShipTo.Address.StateProvinceCode");
    }

    private static ShippableRelease pumps(int order, int line, String quantity, String unitWeight) {
        BigDecimal q = new BigDecimal(quantity);
        return new ShippableRelease(new ReleaseKey("EPIC06", order, line, 1), 1L, "CUST01", "PO-" + order, "PUMP-200",
                "Centrifugal pump", q, "EA", q.multiply(new BigDecimal(unitWeight)), WeightUnit.LBS,
                new BigDecimal("2500.00"), "USD", "CHI", "MfgSys", "UPS GROUND", Releases.NEW_YORK);
    }

    @Test
    void aReleaseHeavierThanOnePackageShipsAsSeveralPackagesEachWithinTheLimitAndTheReference() throws Exception {
        ShippableRelease heavy = pumps(Releases.nextOrder(), 1, "10", "27.6");

        CreatedShipment created = clients().shipping().create(List.of(heavy));

        JsonNode packages = sent(created).path("Package");
        assertThat(packages).hasSize(2);
        assertThat(packages).allSatisfy(p -> {
            assertThat(p.at("/PackageWeight/Weight").asText()).isEqualTo("138");
            assertThat(p.at("/ReferenceNumber/0/Value").asText()).isEqualTo(heavy.key().reference());
        });
        assertThat(created.packagesPerRelease()).containsExactly(2);
        assertThat(created.trackingNumbers()).hasSize(2).doesNotHaveDuplicates();
        assertThat(created.packages()).allSatisfy(p -> assertThat(p.label()).isNotEmpty());
        assertThat(created.auditNotes()).anyMatch(n -> n.contains("sent as 2 packages of 5, 5 EA"));
        assertThat(created.charges().get("BillingWeight")).startsWith("276");
        // Label Recovery by the release's reference finds every package.
        assertThat(clients().shipping().findByReference(heavy).orElseThrow().trackingNumbers())
                .containsExactlyElementsOf(created.trackingNumbers());
    }

    @Test
    void aSingleUnitHeavierThanAPackageIsFreightAndNeverReachesUps() {
        assertRefusedBeforeUps(pumps(Releases.nextOrder(), 1, "2", "180"), "FREIGHT_NOT_PARCEL", "freight");
        assertRefusedBeforeUps(pumps(Releases.nextOrder(), 1, "201", "100"), "TOO_MANY_PACKAGES", "at most 200");
    }

    @Test
    void aGroupedOrderGivesEachReleaseItsOwnPackages() throws Exception {
        int order = Releases.nextOrder();
        List<ShippableRelease> releases = List.of(pumps(order, 1, "10", "27.6"),
                Releases.release(order, 2, "CHI", "UPS GROUND", Releases.NEW_YORK, "3"));

        assertThat(clients().shipping().canGroup(releases)).isTrue();
        CreatedShipment created = clients().shipping().create(releases);

        assertThat(created.packagesPerRelease()).containsExactly(2, 1);
        JsonNode packages = sent(created).path("Package");
        assertThat(packages).extracting(p -> p.at("/ReferenceNumber/0/Value").asText())
                .containsExactly(releases.get(0).key().reference(), releases.get(0).key().reference(),
                        releases.get(1).key().reference());
        assertThat(created.trackingNumbers()).hasSize(3);
        List<ShippableRelease> tooMany = List.of(pumps(order, 1, "150", "100"), pumps(order, 2, "60", "100"));
        assertThat(clients().shipping().canGroup(tooMany)).as("201+ packages together ship apart").isFalse();
    }
}
