package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.model.Address;
import com.epicorups.model.ShippableRelease;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.PackageLabel;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.sandbox.ups.Shipments;
import com.epicorups.sandbox.ups.Status;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.ship.UpsShippingClient;
import com.epicorups.ups.transport.UpsApiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ship, void and Label Recovery through the real client against the spec-validating sandbox. */
class ShippingSandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension();

    private static JsonNode sent(CreatedShipment created) throws Exception {
        return Json.mapper().readTree(created.requestBody()).path("ShipmentRequest").path("Shipment");
    }

    private static Shipments.Created inSandbox(String shipmentId) {
        return ups.sandbox().shipments().list().stream().filter(c -> c.shipmentId().equals(shipmentId)).findFirst()
                .orElseThrow(() -> new AssertionError("sandbox has no shipment " + shipmentId));
    }

    @Test
    void domesticShipmentCarriesTheReleaseReferenceOnThePackage() throws Exception {
        ShippableRelease release = Releases.release("CHI", "UPS GROUND", Releases.NEW_YORK);

        CreatedShipment created = ups.clients().shipping().create(List.of(release));

        assertThat(created.shipmentId()).startsWith("1Z").hasSize(18);
        assertThat(created.packages()).hasSize(1);
        assertThat(created.charges()).containsKey("TotalCharges");
        JsonNode shipment = sent(created);
        assertThat(shipment.has("ReferenceNumber")).as("no shipment-level reference on a US/US lane").isFalse();
        assertThat(shipment.at("/Package/0/ReferenceNumber/0/Value").asText()).isEqualTo(release.key().reference());
        Shipments.Created stored = inSandbox(created.shipmentId());
        assertThat(stored.shipperNumber()).isEqualTo(UpsSandboxExtension.CHI_ACCOUNT);
        assertThat(stored.references()).contains(release.key().reference(), release.poNumber());
        assertThat(stored.trackingNumbers()).containsExactlyElementsOf(created.trackingNumbers());
        assertThat(created.packages().get(0).label())
                .isEqualTo(ups.sandbox().shipments().label(created.trackingNumbers().get(0)).orElseThrow());
    }

    @Test
    void usToCanadaIsInternationalWithShipmentLevelReferenceAndInvoiceTotal() throws Exception {
        ShippableRelease release = Releases.release("ATL", "UPS STANDARD", Releases.TORONTO);

        CreatedShipment created = ups.clients().shipping().create(List.of(release));

        JsonNode shipment = sent(created);
        assertThat(shipment.at("/ReferenceNumber/0/Value").asText()).isEqualTo(release.key().reference());
        assertThat(shipment.at("/Package/0").has("ReferenceNumber")).isFalse();
        assertThat(shipment.path("Description").asText()).isNotBlank();
        assertThat(shipment.at("/Shipper/Phone/Number").asText()).isEqualTo("4045550177");
        assertThat(shipment.at("/ShipTo/Phone/Number").asText()).as("no country code for CA").isEqualTo("4165550199");
        assertThat(shipment.at("/ShipTo/AttentionName").asText()).isNotBlank();
        assertThat(shipment.at("/ShipTo/Address/PostalCode").asText()).isEqualTo("M5H2N2");
        assertThat(shipment.at("/InvoiceLineTotal/MonetaryValue").asText()).isEqualTo("250");
        assertThat(inSandbox(created.shipmentId()).references()).contains(release.key().reference());
    }

    @Test
    void usToGermanyIsInternationalWithDescriptionPhonesAndAttention() throws Exception {
        ShippableRelease release = Releases.release("RNO", "UPS SAVER", Releases.BERLIN);

        CreatedShipment created = ups.clients().shipping().create(List.of(release));

        JsonNode shipment = sent(created);
        assertThat(shipment.at("/ReferenceNumber/0/Value").asText()).isEqualTo(release.key().reference());
        assertThat(shipment.path("Description").asText()).isEqualTo("Stainless widget assembly 1");
        assertThat(shipment.at("/Shipper/Phone/Number").asText()).as("no country code for US").isEqualTo("7755550101");
        assertThat(shipment.at("/Shipper/AttentionName").asText()).as("RNO has no attention name configured")
                .isEqualTo("ACME DISTRIBUTION RENO");
        assertThat(shipment.at("/ShipTo/Phone/Number").asText()).isEqualTo("493055501234");
        assertThat(shipment.at("/ShipTo/AttentionName").asText()).isEqualTo("Berliner Werkzeug GmbH");
        assertThat(shipment.at("/ShipTo/Address").has("StateProvinceCode")).isFalse();
        assertThat(shipment.at("/Service/Code").asText()).isEqualTo("65");
        assertThat(inSandbox(created.shipmentId()).references()).contains(release.key().reference());
    }

    @Test
    void usToPuertoRicoUsesShipmentLevelReferenceAndInvoiceTotal() throws Exception {
        ShippableRelease release = Releases.release("ATL", "UPS 2DAY", Releases.SAN_JUAN);

        CreatedShipment created = ups.clients().shipping().create(List.of(release));

        JsonNode shipment = sent(created);
        assertThat(shipment.at("/ReferenceNumber/0/Value").asText()).isEqualTo(release.key().reference());
        assertThat(shipment.at("/InvoiceLineTotal/CurrencyCode").asText()).isEqualTo("USD");
        assertThat(shipment.at("/ShipTo/Address/CountryCode").asText()).isEqualTo("PR");
        assertThat(inSandbox(created.shipmentId()).trackingNumbers()).hasSize(1);
    }

    @Test
    void threeReleasesOfOneOrderShipAsOneShipmentWithThreePackages() throws Exception {
        int order = Releases.nextOrder();
        List<ShippableRelease> releases = List.of(
                Releases.release(order, 1, "CHI", "UPS GROUND", Releases.LOS_ANGELES, "3.2"),
                Releases.release(order, 2, "CHI", "UPS GROUND", Releases.LOS_ANGELES, "10"),
                Releases.release(order, 3, "CHI", "UPS GROUND", Releases.LOS_ANGELES, "0.04"));

        CreatedShipment created = ups.clients().shipping().create(releases);

        assertThat(created.packages()).hasSize(3);
        assertThat(created.trackingNumbers()).doesNotHaveDuplicates().allMatch(t -> t.startsWith("1Z"));
        assertThat(created.shipmentId()).isEqualTo(created.trackingNumbers().get(0));
        JsonNode packages = sent(created).path("Package");
        for (int i = 0; i < 3; i++) {
            assertThat(packages.get(i).at("/ReferenceNumber/0/Value").asText()).isEqualTo(releases.get(i).key().reference());
        }
        assertThat(packages.get(2).at("/PackageWeight/Weight").asText()).isEqualTo("0.1");
        Shipments.Created stored = inSandbox(created.shipmentId());
        assertThat(stored.trackingNumbers()).containsExactlyElementsOf(created.trackingNumbers());
        assertThat(stored.references()).contains(releases.get(0).key().reference(), releases.get(1).key().reference(),
                releases.get(2).key().reference());
    }

    @Test
    void releasesAreGroupableOnlyWhenGroupingIsOnAndEveryPackageCarriesItsOwnReference() {
        int order = Releases.nextOrder();
        List<ShippableRelease> domestic = List.of(
                Releases.release(order, 1, "CHI", "UPS GROUND", Releases.LOS_ANGELES, "3"),
                Releases.release(order, 2, "CHI", "UPS GROUND", Releases.LOS_ANGELES, "4"));
        List<ShippableRelease> toCanada = List.of(
                Releases.release(order, 3, "ATL", "UPS STANDARD", Releases.TORONTO, "3"),
                Releases.release(order, 4, "ATL", "UPS STANDARD", Releases.TORONTO, "4"));

        assertThat(ups.clients().shipping().canGroup(domestic)).isTrue();
        assertThat(ups.clients().shipping().canGroup(domestic.subList(0, 1))).as("one release is no group").isFalse();
        assertThat(ups.clients().shipping().canGroup(toCanada))
                .as("outside the US/PR domestic lane only the first release's reference reaches UPS").isFalse();
        UpsSettings off = ups.settingsBuilder().groupReleasesByOrder(false).build();
        assertThat(ups.clients(off).shipping().canGroup(domestic)).isFalse();
    }

    @Test
    void everyLabelFormatDecodesToThatFormatsBytes() {
        for (UpsSettings.LabelFormat format : UpsSettings.LabelFormat.values()) {
            UpsClients clients = ups.clients(ups.settingsBuilder().labelFormat(format).build());
            CreatedShipment created = clients.shipping().create(List.of(Releases.release("CHI", "UPS GROUND",
                    Releases.NEW_YORK)));
            PackageLabel label = created.packages().get(0);
            assertThat(label.format()).isEqualTo(format.name());
            byte[] bytes = label.label();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            switch (format) {
                case GIF -> assertThat(text).startsWith("GIF8");
                case ZPL -> assertThat(text).startsWith("^XA").contains(label.trackingNumber()).contains("^XZ");
                case EPL -> assertThat(text).startsWith("\nN").contains(label.trackingNumber());
            }
            assertThat(bytes).isEqualTo(ups.sandbox().shipments().label(label.trackingNumber()).orElseThrow());
        }
    }

    @Test
    void longAddressLineIsWrappedAndLongNameContinuesInAttention() throws Exception {
        Address to = new Address("International Consolidated Industrial Holdings Company", null,
                List.of("Building 7 Industrial Research Park Loading Dock Entrance B", "Attn Receiving"),
                "Los Angeles", "CA", "90015", "US", "2135550150", null, null);
        ShippableRelease release = Releases.release("CHI", "UPS GROUND", to);

        CreatedShipment created = ups.clients().shipping().create(List.of(release));

        JsonNode shipTo = sent(created).path("ShipTo");
        assertThat(shipTo.path("Name").asText()).hasSizeLessThanOrEqualTo(35)
                .isEqualTo("International Consolidated");
        assertThat(shipTo.path("AttentionName").asText()).isEqualTo("Industrial Holdings Company");
        List<String> lines = Json.mapper().convertValue(shipTo.at("/Address/AddressLine"),
                Json.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(lines).hasSizeLessThanOrEqualTo(3).allMatch(l -> l.length() <= 35);
        assertThat(String.join(" ", lines))
                .isEqualTo("Building 7 Industrial Research Park Loading Dock Entrance B Attn Receiving");
        assertThat(created.auditNotes()).anyMatch(n -> n.contains("AddressLine")).anyMatch(n -> n.contains("AttentionName"));
    }

    @Test
    void voidCancelsTheShipmentInTheSandbox() {
        UpsClients clients = ups.clients();
        CreatedShipment created = clients.shipping().create(List.of(Releases.release("ATL", "UPS GROUND",
                Releases.NEW_YORK)));

        clients.shipping().voidShipment(created.shipmentId(), "ATL");

        assertThat(inSandbox(created.shipmentId()).voided()).isTrue();
        assertThat(ups.sandbox().shipments().status(created.trackingNumbers().get(0))).contains(Status.VOIDED);
    }

    @Test
    void aVoidRetriedAfterItsAnswerWasLostFindsTheShipmentAlreadyVoidedAndIsAVoid() {
        UpsClients clients = ups.clients(ups.settingsBuilder().requestTimeout(Duration.ofMillis(700)).build());
        CreatedShipment created = clients.shipping().create(List.of(Releases.release("ATL", "UPS GROUND",
                Releases.NEW_YORK)));
        ups.sandbox().faults().holdFor(Duration.ofSeconds(2)).voidTimeoutAfterVoid(1);
        int voidCalls = ups.sandbox().requests(Operation.VOID);

        try {
            clients.shipping().voidShipment(created.shipmentId(), "ATL");
        } catch (UpsApiException lost) {
            assertThat(lost.kind()).as("a lost answer is retried").isEqualTo(FailureKind.TRANSIENT);
            clients.shipping().voidShipment(created.shipmentId(), "ATL");
        }

        assertThat(ups.sandbox().requests(Operation.VOID)).as("the first void's answer was lost")
                .isEqualTo(voidCalls + 2);
        assertThat(inSandbox(created.shipmentId()).voided()).isTrue();
    }

    @Test
    void shipTimeoutAfterCreateIsOutcomeUnknownAndLabelRecoveryFindsTheOneShipment() {
        UpsSettings settings = ups.settingsBuilder().shipTimeout(Duration.ofMillis(700)).build();
        UpsClients clients = ups.clients(settings);
        ShippableRelease release = Releases.release("RNO", "UPS GROUND", Releases.NEW_YORK);
        ups.sandbox().faults().holdFor(Duration.ofSeconds(2)).shipTimeoutAfterCreate(1);
        int before = ups.sandbox().shipments().count();
        int shipCalls = ups.sandbox().requests(Operation.SHIP);

        assertThatThrownBy(() -> clients.shipping().create(List.of(release)))
                .isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.outcomeUnknown()).isTrue();
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(e.reasonCode()).isEqualTo(Reason.UPS_TIMEOUT.code());
                });
        assertThat(ups.sandbox().shipments().count()).isEqualTo(before + 1);

        Optional<CreatedShipment> found = clients.shipping().findByReference(release);

        assertThat(found).isPresent();
        Shipments.Created stored = ups.sandbox().shipments().list().stream()
                .filter(c -> c.references().contains(release.key().reference())).findFirst().orElseThrow();
        assertThat(found.get().shipmentId()).isEqualTo(stored.shipmentId());
        assertThat(found.get().trackingNumbers()).containsExactlyElementsOf(stored.trackingNumbers());
        assertThat(found.get().packages().get(0).label())
                .isEqualTo(ups.sandbox().shipments().label(stored.trackingNumbers().get(0)).orElseThrow());
        assertThat(ups.sandbox().shipments().count()).as("no second shipment").isEqualTo(before + 1);
        assertThat(ups.sandbox().requests(Operation.SHIP)).as("the ship POST is never retried").isEqualTo(shipCalls + 1);
    }

    @Test
    void labelRecoveryForAReferenceUpsDoesNotKnowIsEmptyOnlyWithTheConfirmedNotFoundCode() {
        ShippableRelease neverShipped = Releases.release("CHI", "UPS GROUND", Releases.NEW_YORK);
        UpsShippingClient confirmed = ups.clients(ups.settingsBuilder()
                .labelRecoveryNotFoundCode(Shipments.NOT_FOUND_CODE).build()).shipping();

        assertThat(confirmed.findByReference(neverShipped)).isEmpty();
        assertThat(ups.sandbox().requests(Operation.LABEL_RECOVERY)).isPositive();
        // By default the connector knows no "nothing found" code: the sandbox's answer stays unread.
        assertThat(ups.settings().labelRecoveryNotFoundCodes()).isEmpty();
        assertThatThrownBy(() -> ups.clients().shipping().findByReference(neverShipped))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.RECOVERY_INCONCLUSIVE);
                    assertThat(e.getMessage()).contains(Shipments.NOT_FOUND_CODE);
                });
    }

    @Test
    void voidedShipmentIsNotRecoveredByReference() {
        UpsClients clients = ups.clients(ups.settingsBuilder().labelRecoveryNotFoundCode(Shipments.NOT_FOUND_CODE).build());
        ShippableRelease release = Releases.release("CHI", "UPS GROUND", Releases.LOS_ANGELES);
        CreatedShipment created = clients.shipping().create(List.of(release));
        clients.shipping().voidShipment(created.shipmentId(), "CHI");

        assertThat(clients.shipping().findByReference(release)).isEmpty();
    }

    @Test
    void aDuplicateShipmentForTheSameReferenceIsReportedByLabelRecovery() {
        UpsClients clients = ups.clients();
        ShippableRelease release = Releases.release("ATL", "UPS GROUND", Releases.NEW_YORK);
        CreatedShipment first = clients.shipping().create(List.of(release));
        ups.clock().advance(Duration.ofMinutes(2));
        CreatedShipment duplicate = clients.shipping().create(List.of(release)); // what a blind retry would do

        CreatedShipment found = clients.shipping().findByReference(release).orElseThrow();

        assertThat(found.shipmentId()).isEqualTo(first.shipmentId());
        assertThat(found.trackingNumbers()).containsExactlyElementsOf(first.trackingNumbers());
        assertThat(found.auditNotes()).anyMatch(n -> n.contains("possible duplicates") && n.contains(duplicate.shipmentId()));
    }

    @Test
    void labelRecoveryByTheReferenceOfOneGroupedReleaseReturnsTheWholeShipment() {
        int order = Releases.nextOrder();
        List<ShippableRelease> releases = List.of(
                Releases.release(order, 1, "RNO", "UPS GROUND", Releases.LOS_ANGELES, "2"),
                Releases.release(order, 2, "RNO", "UPS GROUND", Releases.LOS_ANGELES, "3"));
        UpsClients clients = ups.clients();
        CreatedShipment created = clients.shipping().create(releases);

        CreatedShipment found = clients.shipping().findByReference(releases.get(1)).orElseThrow();

        assertThat(found.shipmentId()).isEqualTo(created.shipmentId());
        assertThat(found.trackingNumbers()).containsExactlyElementsOf(created.trackingNumbers());
        assertThat(found.auditNotes()).noneMatch(n -> n.contains("duplicates"));
    }

    @Test
    void singlePackageResultsAsABareObjectAreRead() {
        ups.sandbox().shipments().packageResultsAsObject(true);
        try {
            CreatedShipment created = ups.clients().shipping().create(List.of(Releases.release("CHI", "UPS GROUND",
                    Releases.NEW_YORK)));
            assertThat(created.packages()).singleElement().satisfies(p -> assertThat(p.label()).isNotEmpty());
            // The bare object is what UPS sends below v2403, not what the v2409 spec declares: the sandbox's
            // self-check says so, and about nothing else.
            assertThat(ups.sandbox().responseValidationFailures()).singleElement()
                    .satisfies(f -> assertThat(String.join(" ", f.messages())).contains("PackageResults"));
        } finally {
            ups.sandbox().shipments().packageResultsAsObject(false);
            ups.sandbox().clearResponseValidationFailures();
        }
    }
}
