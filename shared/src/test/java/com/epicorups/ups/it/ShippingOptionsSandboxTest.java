package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.WeightUnit;
import com.epicorups.port.AddressCheck;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.SubscriptionResult;
import com.epicorups.sandbox.ups.TrackingNumbers;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.UpsSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Settings and data variations whose requests must still validate against the spec. */
class ShippingOptionsSandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension();

    private static JsonNode sent(CreatedShipment created) throws Exception {
        return Json.mapper().readTree(created.requestBody()).path("ShipmentRequest").path("Shipment");
    }

    @Test
    void validatedResidentialAddressShipsWithTheResidentialIndicator() throws Exception {
        UpsClients clients = ups.clients();
        Address raw = new Address("Pat Doe", null, List.of("742 evergreen terrace"), "springfield", "il", "627041234",
                "US", "217 555 0142", "pat.doe@example.com", null);
        AddressCheck check = clients.addressValidation().validate(raw);
        assertThat(check.address().residential()).isTrue();
        ShippableRelease release = Releases.release(Releases.nextOrder(), 1, "CHI", "UPS 2DAY", check.address(), "1.25");

        CreatedShipment created = clients.shipping().create(List.of(release));

        JsonNode shipTo = sent(created).path("ShipTo");
        assertThat(shipTo.at("/Address").has("ResidentialAddressIndicator")).isTrue();
        assertThat(shipTo.at("/Address/PostalCode").asText()).matches("62704\\d{4}");
        assertThat(shipTo.path("EMailAddress").asText()).isEqualTo("pat.doe@example.com");
        assertThat(sent(created).at("/Package/0/PackageWeight/Weight").asText()).isEqualTo("1.3");
    }

    @Test
    void declaredValueAndKilogramsValidate() throws Exception {
        UpsClients clients = ups.clients(ups.settingsBuilder().declaredValue(true).build());
        ShippableRelease kilos = new ShippableRelease(new ReleaseKey("EPIC06", Releases.nextOrder(), 1, 1), 1L, "CUST01",
                null, "BOLT-M8", null, new BigDecimal("100"), "EA", new BigDecimal("7.25"), WeightUnit.KGS,
                new BigDecimal("1234.5"), "USD", "ATL", "MfgSys", "UPS NDA", Releases.LOS_ANGELES);

        CreatedShipment created = clients.shipping().create(List.of(kilos));

        JsonNode pkg = sent(created).at("/Package/0");
        assertThat(pkg.at("/PackageWeight/UnitOfMeasurement/Code").asText()).isEqualTo("KGS");
        assertThat(pkg.at("/PackageServiceOptions/DeclaredValue/MonetaryValue").asText()).isEqualTo("1234.50");
        assertThat(created.charges()).containsKey("BillingWeight");
    }

    @Test
    void threeLongAddressLinesAndALongCityBoundaryStillValidate() {
        Address to = new Address("Receiving Department Of Contoso", "Dock Supervisor On Duty",
                List.of("1111 South Figueroa Street Building A", "Loading Dock Number Seventeen", "Behind The Arena"),
                "Rancho Santa Margarita Heights", "CA", "92688", "US", "9495550100", null, null);

        CreatedShipment created = ups.clients().shipping().create(List.of(Releases.release("RNO", "UPS GROUND", to)));

        assertThat(created.trackingNumbers()).hasSize(1);
        assertThat(created.auditNotes()).anyMatch(n -> n.contains("AddressLine"));
    }

    @Test
    void enhancedTrackAlertSubscriptionValidates() {
        UpsClients clients = ups.clients(ups.settingsBuilder().trackAlertType("enhanced").build());
        String tn = TrackingNumbers.create(UpsSandboxExtension.ATL_ACCOUNT, "01", 7_100_000L);

        SubscriptionResult result = clients.trackAlert(null).subscribe(List.of(tn));

        assertThat(result.accepted()).containsExactly(tn);
    }

    @Test
    void gifLabelsAreAlsoRecoveredAsGif() {
        UpsClients clients = ups.clients(ups.settingsBuilder().labelFormat(UpsSettings.LabelFormat.GIF).build());
        ShippableRelease release = Releases.release("CHI", "UPS GROUND", Releases.NEW_YORK);
        clients.shipping().create(List.of(release));

        CreatedShipment found = clients.shipping().findByReference(release).orElseThrow();

        assertThat(found.packages().get(0).format()).isEqualTo("GIF");
        assertThat(new String(found.packages().get(0).label(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("GIF8");
    }

    @Test
    void internationalShipmentIsRecoveredByItsShipmentLevelReference() {
        UpsClients clients = ups.clients();
        ShippableRelease release = Releases.release("ATL", "UPS STANDARD", Releases.TORONTO);
        CreatedShipment created = clients.shipping().create(List.of(release));

        CreatedShipment found = clients.shipping().findByReference(release).orElseThrow();

        assertThat(found.shipmentId()).isEqualTo(created.shipmentId());
        assertThat(found.packages().get(0).label()).isEqualTo(created.packages().get(0).label());
    }
}
