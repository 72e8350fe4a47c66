package com.epicorups.ups.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.WeightUnit;
import com.epicorups.port.CreatedShipment;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.UpsTestSupport;
import com.epicorups.ups.transport.UpsApiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpsShippingClientTest {
    private static final String ZPL = "^XA^FO50,50^FDLabel one^FS^XZ";
    private static final String ZPL2 = "^XA^FDLabel two^XZ";
    private final UpsTestSupport ups = new UpsTestSupport();

    @AfterEach
    void close() throws Exception {
        ups.close();
    }

    private UpsShippingClient client(UpsSettings settings) {
        return new UpsShippingClient(ups.http(settings), ups.clock);
    }

    private UpsShippingClient client() {
        return client(ups.settingsBuilder().build());
    }

    static ShippableRelease release(int line, Address shipTo, String shipVia, String po) {
        return new ShippableRelease(new ReleaseKey("EPIC06", 5001, line, 1), 7L, "CUST1", po, "PART-" + line,
                "Widget assembly " + line, new BigDecimal("2"), "EA", new BigDecimal("12.34"), WeightUnit.LBS,
                new BigDecimal("199.99"), "USD", "MAIN", "MfgSys", shipVia, shipTo)
                // What the Part master says for customs (issue 16): abroad, the invoice names it.
                .withCustoms(new com.epicorups.model.PartCustoms("8479899599", "US", 1, null, null));
    }

    static Address us(String name, String attention, List<String> lines) {
        return new Address(name, attention, lines, "New York", "ny", " 10001-2345 ", "US", "+1 (212) 555-0100",
                "buyer@example.com", true);
    }

    static String shipResponse(boolean singleObject) {
        String p1 = "{\"TrackingNumber\":\"1ZA1B2C30300000011\",\"ShippingLabel\":{\"ImageFormat\":{\"Code\":\"ZPL\"},"
                + "\"GraphicImage\":\"" + b64(ZPL) + "\"}}";
        String p2 = "{\"TrackingNumber\":\"1ZA1B2C30300000022\",\"ShippingLabel\":{\"ImageFormat\":{\"Code\":\"ZPL\"},"
                + "\"GraphicImage\":\"" + b64(ZPL2) + "\"}}";
        return "{\"ShipmentResponse\":{\"Response\":{\"ResponseStatus\":{\"Code\":\"1\",\"Description\":\"Success\"},"
                + "\"Alert\":{\"Code\":\"120900\",\"Description\":\"User Id and Shipper Number combination is not qualified\"}},"
                + "\"ShipmentResults\":{\"ShipmentCharges\":{\"TransportationCharges\":{\"CurrencyCode\":\"USD\",\"MonetaryValue\":\"11.50\"},"
                + "\"ServiceOptionsCharges\":{\"CurrencyCode\":\"USD\",\"MonetaryValue\":\"0.00\"},"
                + "\"TotalCharges\":{\"CurrencyCode\":\"USD\",\"MonetaryValue\":\"11.50\"}},"
                + "\"BillingWeight\":{\"UnitOfMeasurement\":{\"Code\":\"LBS\"},\"Weight\":\"13.0\"},"
                + "\"ShipmentIdentificationNumber\":\"1ZA1B2C30300000011\",\"PackageResults\":"
                + (singleObject ? p1 : "[" + p1 + "," + p2 + "]") + "}}}";
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode sentShipment() {
        List<RecordedRequest> r = ups.requestsTo("/api/shipments/v2409/ship");
        assertThat(r).hasSize(1);
        return UpsTestSupport.body(r.get(0));
    }

    @Test
    void domesticShipmentMapsEveryFieldAndDecodesTheLabel() throws Exception {
        ups.on("/api/shipments/v2409/ship", r -> UpsTestSupport.json(200, shipResponse(true)));
        ShippableRelease rel = release(1, us("CUSTOMER INC", "RECEIVING", List.of("1 Main St", "Ste 200")), "UPS2", "PO-777");

        CreatedShipment created = client().create(List.of(rel));

        JsonNode sr = sentShipment().path("ShipmentRequest");
        JsonNode s = sr.path("Shipment");
        assertThat(sr.path("Request").path("RequestOption").asText()).isEqualTo("validate");
        assertThat(s.path("Shipper").path("ShipperNumber").asText()).isEqualTo("A1B2C3");
        assertThat(s.path("Shipper").path("Phone").path("Number").asText()).isEqualTo("4045551234");
        assertThat(s.path("ShipFrom").path("Address").path("City").asText()).isEqualTo("ATLANTA");
        assertThat(s.path("PaymentInformation").path("ShipmentCharge").get(0).path("BillShipper").path("AccountNumber").asText())
                .isEqualTo("A1B2C3");
        assertThat(s.path("Service").path("Code").asText()).isEqualTo("02");
        assertThat(s.path("ShipTo").path("Name").asText()).isEqualTo("CUSTOMER INC");
        assertThat(s.path("ShipTo").path("AttentionName").asText()).isEqualTo("RECEIVING");
        // US numbers go without the country code: area code + 7 digits (Shipping.yaml ShipTo_Phone/Number).
        assertThat(s.path("ShipTo").path("Phone").path("Number").asText()).isEqualTo("2125550100");
        JsonNode addr = s.path("ShipTo").path("Address");
        assertThat(addr.path("AddressLine")).hasSize(2);
        assertThat(addr.path("StateProvinceCode").asText()).isEqualTo("NY");
        assertThat(addr.path("PostalCode").asText()).isEqualTo("100012345");
        assertThat(addr.has("ResidentialAddressIndicator")).isTrue();
        assertThat(s.path("ShipmentDate").asText()).isEqualTo("20261127");
        // US->US: references at package level only.
        assertThat(s.has("ReferenceNumber")).isFalse();
        JsonNode pkg = s.path("Package").get(0);
        assertThat(pkg.path("ReferenceNumber").get(0).path("Value").asText()).isEqualTo("5001-1-1");
        assertThat(pkg.path("ReferenceNumber").get(1).path("Value").asText()).isEqualTo("PO-777");
        assertThat(pkg.path("Packaging").path("Code").asText()).isEqualTo("02");
        assertThat(pkg.path("PackageWeight").path("Weight").asText()).isEqualTo("12.4");
        assertThat(pkg.path("PackageWeight").path("UnitOfMeasurement").path("Code").asText()).isEqualTo("LBS");
        assertThat(s.has("Description")).isFalse();
        assertThat(sr.path("LabelSpecification").path("LabelImageFormat").path("Code").asText()).isEqualTo("ZPL");
        assertThat(sr.path("LabelSpecification").path("LabelStockSize").path("Height").asText()).isEqualTo("6");

        assertThat(created.shipmentId()).isEqualTo("1ZA1B2C30300000011");
        assertThat(created.trackingNumbers()).containsExactly("1ZA1B2C30300000011");
        assertThat(new String(created.packages().get(0).label(), StandardCharsets.UTF_8)).isEqualTo(ZPL);
        assertThat(created.packages().get(0).format()).isEqualTo("ZPL");
        assertThat(created.charges()).containsEntry("TotalCharges", "11.50 USD").containsEntry("BillingWeight", "13.0 LBS");
        assertThat(Json.mapper().readTree(created.requestBody())).isEqualTo(sentShipment());
        assertThat(created.auditNotes()).anyMatch(n -> n.contains("UPS alert 120900"));
    }

    @Test
    void internationalShipmentPutsReferencesAtShipmentLevelWithDescriptionAndAttention() {
        ups.on("/api/shipments/v2409/ship", r -> UpsTestSupport.json(200, shipResponse(false)));
        Address de = new Address("KUNDE GMBH", null, List.of("Hauptstrasse 1"), "Berlin", null, "10115", "DE",
                "+49 30 1234567", null, null);
        // An unmapped ShipVia ships the default service, which must be one UPS offers to Germany (issue 20).
        client(ups.settingsBuilder().defaultServiceCode("65").build()).create(List.of(release(1, de, "UNMAPPED", "PO-9")));

        JsonNode s = sentShipment().path("ShipmentRequest").path("Shipment");
        assertThat(s.path("ReferenceNumber").get(0).path("Value").asText()).isEqualTo("5001-1-1");
        assertThat(s.path("ReferenceNumber").get(1).path("Value").asText()).isEqualTo("PO-9");
        assertThat(s.path("Package").get(0).has("ReferenceNumber")).isFalse();
        assertThat(s.path("Description").asText()).isEqualTo("Widget assembly 1");
        assertThat(s.path("ShipTo").path("AttentionName").asText()).isEqualTo("KUNDE GMBH");
        assertThat(s.path("Service").path("Code").asText()).isEqualTo("65");
        assertThat(s.has("InvoiceLineTotal")).isFalse();
    }

    @Test
    void usToCanadaCarriesInvoiceLineTotal() {
        ups.on("/api/shipments/v2409/ship", r -> UpsTestSupport.json(200, shipResponse(true)));
        Address ca = new Address("CA CUST", "BOB", List.of("1 Rue Sainte-Catherine"), "Montreal", "QC", "h2x 1y4", "CA",
                "5145550100", null, null);
        client().create(List.of(release(1, ca, "UPSG", null)));
        JsonNode s = sentShipment().path("ShipmentRequest").path("Shipment");
        assertThat(s.path("InvoiceLineTotal").path("MonetaryValue").asText()).isEqualTo("200");
        assertThat(s.path("InvoiceLineTotal").path("CurrencyCode").asText()).isEqualTo("USD");
        assertThat(s.path("ShipTo").path("Address").path("PostalCode").asText()).isEqualTo("H2X1Y4");
    }

    @Test
    void longAddressLinesAreSplitAtWordBoundariesAndAudited() {
        ups.on("/api/shipments/v2409/ship", r -> UpsTestSupport.json(200, shipResponse(true)));
        String longLine = "Building 7 Loading Dock B 12345 Industrial Parkway Northeast";
        CreatedShipment created = client().create(List.of(release(1, us("CUSTOMER INC", null, List.of(longLine)), "UPSG", null)));

        JsonNode lines = sentShipment().path("ShipmentRequest").path("Shipment").path("ShipTo").path("Address").path("AddressLine");
        assertThat(lines).hasSizeBetween(2, 3);
        StringBuilder joined = new StringBuilder();
        for (JsonNode l : lines) {
            assertThat(l.asText().length()).isLessThanOrEqualTo(35);
            joined.append(joined.length() == 0 ? "" : " ").append(l.asText());
        }
        assertThat(joined.toString()).isEqualTo(longLine);
        assertThat(created.auditNotes()).anyMatch(n -> n.startsWith("ShipTo.AddressLine") && n.contains(longLine));
    }

    @Test
    void longNameContinuesInAttentionNameWithAuditNote() {
        ups.on("/api/shipments/v2409/ship", r -> UpsTestSupport.json(200, shipResponse(true)));
        String name = "International Consolidated Widgets and Gadgets Corporation";
        CreatedShipment created = client().create(List.of(release(1, us(name, null, List.of("1 Main St")), "UPSG", null)));
        JsonNode to = sentShipment().path("ShipmentRequest").path("Shipment").path("ShipTo");
        assertThat(to.path("Name").asText()).hasSizeLessThanOrEqualTo(35);
        assertThat(to.path("AttentionName").asText()).hasSizeLessThanOrEqualTo(35);
        assertThat(to.path("Name").asText() + " " + to.path("AttentionName").asText()).isEqualTo(name);
        assertThat(created.auditNotes()).anyMatch(n -> n.startsWith("ShipTo.Name") && n.contains(name));
    }

    @Test
    void withTextTooLongRefuseTextThatCannotFitNeverReachesUps() {
        UpsShippingClient refusing = client(ups.settingsBuilder().textTooLong(UpsSettings.TextTooLong.REFUSE).build());
        String tooLong = "Unit 12 Block C ".repeat(8).trim();
        ShippableRelease rel = release(1, us("CUSTOMER INC", null, List.of(tooLong)), "UPSG", null);
        assertThatThrownBy(() -> refusing.create(List.of(rel))).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(e.reasonCode()).isEqualTo("FIELD_TOO_LONG");
            assertThat(e.getMessage()).contains("ShipTo.AddressLine");
        });
        String longCity = "Llanfairpwllgwyngyllgogerychwyrndrobwll";
        ShippableRelease rel2 = release(1, new Address("X", null, List.of("1 St"), longCity, "NY", "10001", "US", null,
                null, null), "UPSG", null);
        assertThatThrownBy(() -> refusing.create(List.of(rel2))).hasMessageContaining("ShipTo.City");
        String longName = "A".repeat(30) + " " + "B".repeat(30) + " " + "C".repeat(20);
        ShippableRelease rel3 = release(1, us(longName, "DOCK", List.of("1 St")), "UPSG", null);
        assertThatThrownBy(() -> refusing.create(List.of(rel3))).hasMessageContaining("ShipTo.Name");
        assertThat(ups.requestsTo("/api/shipments")).isEmpty();
    }

    @Test
    void groupedReleasesBecomeOneMultiPackageShipment() {
        ups.on("/api/shipments/v2409/ship", r -> UpsTestSupport.json(200, shipResponse(false)));
        Address to = us("CUSTOMER INC", null, List.of("1 Main St"));
        CreatedShipment created = client(ups.settingsBuilder().groupReleasesByOrder(true).build())
                .create(List.of(release(1, to, "UPSG", "PO"), release(2, to, "UPSG", "PO")));
        JsonNode pkgs = sentShipment().path("ShipmentRequest").path("Shipment").path("Package");
        assertThat(pkgs).hasSize(2);
        assertThat(pkgs.get(1).path("ReferenceNumber").get(0).path("Value").asText()).isEqualTo("5001-2-1");
        assertThat(created.trackingNumbers()).containsExactly("1ZA1B2C30300000011", "1ZA1B2C30300000022");
        assertThat(new String(created.packages().get(1).label(), StandardCharsets.UTF_8)).isEqualTo(ZPL2);
    }

    @Test
    void groupingIsRefusedWhenDisabled() {
        Address to = us("CUSTOMER INC", null, List.of("1 Main St"));
        assertThatThrownBy(() -> client().create(List.of(release(1, to, "UPSG", null), release(2, to, "UPSG", null))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.reasonCode()).isEqualTo("GROUPING_DISABLED"));
    }

    @Test
    void unknownWarehouseIsPermanent() {
        ShippableRelease r = release(1, us("X", null, List.of("1 St")), "UPSG", null);
        ShippableRelease other = new ShippableRelease(r.key(), 1, "C", null, "P", "D", BigDecimal.ONE, "EA", BigDecimal.ONE,
                WeightUnit.KGS, null, null, "NOPE", "MfgSys", "UPSG", r.shipTo());
        assertThatThrownBy(() -> client().create(List.of(other)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.reasonCode()).isEqualTo("UNKNOWN_WAREHOUSE"));
    }

    @Test
    void perWarehouseMerchantIdSelectsTheToken() {
        ups.on("/api/shipments/v2409/ship", r -> UpsTestSupport.json(200, shipResponse(true)));
        UpsSettings settings = ups.settingsBuilder().warehouse(new UpsSettings.Warehouse("MAIN", "ACME", null, "Z9Y8X7",
                "Z9Y8X7", "4045551234", List.of("1 Way"), "ATLANTA", "GA", "30301", "US")).build();
        client(settings).create(List.of(release(1, us("C", null, List.of("1 St")), "UPSG", null)));
        assertThat(ups.requestsTo("/security").get(0).getHeader("x-merchant-id")).isEqualTo("Z9Y8X7");
    }

    @Test
    void shipBusinessErrorIsPermanentAndNotRetried() {
        ups.on("/api/shipments/v2409/ship", r -> UpsTestSupport.error(400, "120207", "Invalid ShipTo postal code"));
        assertThatThrownBy(() -> client().create(List.of(release(1, us("C", null, List.of("1 St")), "UPSG", null))))
                .isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.upsCodes()).containsExactly("120207");
                });
        assertThat(ups.requestsTo("/api/shipments")).hasSize(1);
    }

    @Test
    void labelRecoveryByReferenceFindsTheShipment() {
        ups.on("/api/labels/v1/recovery", r -> UpsTestSupport.json(200, "{\"LabelRecoveryResponse\":{\"Response\":"
                + "{\"ResponseStatus\":{\"Code\":\"1\"}},\"ShipmentIdentificationNumber\":\"1ZA1B2C30300000011\","
                + "\"LabelResults\":{\"TrackingNumber\":\"1ZA1B2C30300000011\",\"LabelImage\":{\"LabelImageFormat\":"
                + "{\"Code\":\"ZPL\"},\"GraphicImage\":\"" + b64(ZPL) + "\"}}}}"));
        Optional<CreatedShipment> found = client().findByReference(release(1, us("C", null, List.of("1 St")), "UPSG", null));

        assertThat(found).isPresent();
        assertThat(found.get().shipmentId()).isEqualTo("1ZA1B2C30300000011");
        assertThat(new String(found.get().packages().get(0).label(), StandardCharsets.UTF_8)).isEqualTo(ZPL);
        assertThat(found.get().requestBody()).isNull();
        JsonNode sent = UpsTestSupport.body(ups.requestsTo("/api/labels/v1/recovery").get(0)).path("LabelRecoveryRequest");
        assertThat(sent.path("ReferenceValues").path("ReferenceNumber").path("Value").asText()).isEqualTo("5001-1-1");
        assertThat(sent.path("ReferenceValues").path("ShipperNumber").asText()).isEqualTo("A1B2C3");
    }

    @Test
    void labelRecoveryNothingFoundIsEmptyOnlyForACodeTheShipperConfirmed() {
        ups.on("/api/labels/v1/recovery", r -> UpsTestSupport.error(400, "120915",
                "No data found for the reference number provided"));
        ShippableRelease rel = release(1, us("C", null, List.of("1 St")), "UPSG", null);

        assertThat(client(ups.settingsBuilder().labelRecoveryNotFoundCode("120915").build()).findByReference(rel))
                .isEmpty();
        // UPS publishes no "nothing found" code: by default no answer is read as one, whatever its wording.
        assertThatThrownBy(() -> client().findByReference(rel)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.RECOVERY_INCONCLUSIVE);
            assertThat(e.isTransient()).isFalse();
            assertThat(e.getMessage()).contains("120915").contains("No data found").contains("5001-1-1")
                    .contains("ups.labelRecoveryNotFoundCodes: none");
        });
    }

    @Test
    void labelRecoveryConfiguredNotFoundCodeIsEmptyButOtherErrorsThrow() {
        ups.on("/api/labels/v1/recovery", r -> UpsTestSupport.error(400, "999001", "Opaque"));
        ShippableRelease rel = release(1, us("C", null, List.of("1 St")), "UPSG", null);
        assertThat(client(ups.settingsBuilder().labelRecoveryNotFoundCode("999001").build()).findByReference(rel)).isEmpty();
        assertThatThrownBy(() -> client().findByReference(rel)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.RECOVERY_INCONCLUSIVE));
        ups.on("/api/labels/v1/recovery", r -> UpsTestSupport.error(503, "10004", "no data found, try later"));
        assertThatThrownBy(() -> client().findByReference(rel)).isInstanceOfSatisfying(UpsApiException.class,
                e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void labelRecoveryAnswersThatNameNoShipmentAreNeverReadAsNothingShipped() {
        ShippableRelease rel = release(1, us("C", null, List.of("1 St")), "UPSG", null);
        UpsShippingClient confirmed = client(ups.settingsBuilder().labelRecoveryNotFoundCode("SBX0801").build());
        // 120541 is what UPS answers for "Shipment/ReferenceNumber is not allowed for this shipment" (public reports),
        // once the project's own invented "nothing found".
        ups.on("/api/labels/v1/recovery", r -> UpsTestSupport.error(400, "120541",
                "Shipment/ReferenceNumber is not allowed for this shipment"));
        assertThatThrownBy(() -> confirmed.findByReference(rel)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.RECOVERY_INCONCLUSIVE));
        ups.on("/api/labels/v1/recovery", r -> UpsTestSupport.json(200,
                "{\"LabelRecoveryResponse\":{\"Response\":{\"ResponseStatus\":{\"Code\":\"1\"}}}}"));
        assertThatThrownBy(() -> confirmed.findByReference(rel)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.RECOVERY_INCONCLUSIVE));
        ups.on("/api/labels/v1/recovery", r -> {
            JsonNode req = UpsTestSupport.body(r).path("LabelRecoveryRequest");
            return req.has("ReferenceValues")
                    ? UpsTestSupport.json(200, "{\"LabelRecoveryResponse\":{\"TrackingCandidate\":["
                            + "{\"TrackingNumber\":\"1ZA1B2C30300000011\"}]}}")
                    : UpsTestSupport.error(400, "SBX0801", "No label found");
        });
        assertThatThrownBy(() -> confirmed.findByReference(rel)).as("a candidate UPS named but could not recover")
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.RECOVERY_INCONCLUSIVE);
                    assertThat(e.getMessage()).contains("1ZA1B2C30300000011");
                });
        ups.on("/api/labels/v1/recovery", r -> UpsTestSupport.error(403, "250050", "Blocked merchant"));
        assertThatThrownBy(() -> confirmed.findByReference(rel)).isInstanceOfSatisfying(UpsApiException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.UPS_BLOCKED_MERCHANT));
    }

    @Test
    void labelRecoveryTrackingCandidatesAreFetchedAndDuplicatesFlagged() {
        ups.on("/api/labels/v1/recovery", r -> {
            JsonNode req = UpsTestSupport.body(r).path("LabelRecoveryRequest");
            if (req.has("ReferenceValues")) {
                return UpsTestSupport.json(200, "{\"LabelRecoveryResponse\":{\"TrackingCandidate\":["
                        + "{\"TrackingNumber\":\"1ZA1B2C30300000011\"},{\"TrackingNumber\":\"1ZA1B2C30300000099\"}]}}");
            }
            String t = req.path("TrackingNumber").asText();
            return UpsTestSupport.json(200, "{\"LabelRecoveryResponse\":{\"ShipmentIdentificationNumber\":\"" + t
                    + "\",\"LabelResults\":[{\"TrackingNumber\":\"" + t + "\",\"LabelImage\":{\"LabelImageFormat\":"
                    + "{\"Code\":\"ZPL\"},\"GraphicImage\":\"" + b64(ZPL) + "\"}}]}}");
        });
        CreatedShipment found = client().findByReference(release(1, us("C", null, List.of("1 St")), "UPSG", null)).orElseThrow();
        assertThat(found.shipmentId()).isEqualTo("1ZA1B2C30300000011");
        assertThat(found.auditNotes()).anyMatch(n -> n.contains("possible duplicates") && n.contains("1ZA1B2C30300000099"));
        assertThat(ups.requestsTo("/api/labels/v1/recovery")).hasSize(3);
    }

    @Test
    void voidDeletesTheShipment() {
        ups.on("/api/shipments/v2409/void/cancel/", r -> UpsTestSupport.json(200, "{\"VoidShipmentResponse\":{\"Response\":"
                + "{\"ResponseStatus\":{\"Code\":\"1\"}},\"SummaryResult\":{\"Status\":{\"Code\":\"1\",\"Description\":\"Voided\"}}}}"));
        client().voidShipment("1za1b2c30300000011");
        RecordedRequest r = ups.requestsTo("/api/shipments/v2409/void/cancel/").get(0);
        assertThat(r.getMethod()).isEqualTo("DELETE");
        assertThat(r.getPath()).isEqualTo("/api/shipments/v2409/void/cancel/1ZA1B2C30300000011");
    }

    @Test
    void voidNotVoidedFails() {
        ups.on("/api/shipments/v2409/void/cancel/", r -> UpsTestSupport.json(200, "{\"VoidShipmentResponse\":{"
                + "\"SummaryResult\":{\"Status\":{\"Code\":\"0\",\"Description\":\"Not voided\"}}}}"));
        assertThatThrownBy(() -> client().voidShipment("1ZA1B2C30300000011"))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.reasonCode()).isEqualTo("UPS_VOID_FAILED"));
    }

    @Test
    void shipResponseWithoutPackagesIsOutcomeUnknown() {
        ups.on("/api/shipments/v2409/ship", r -> UpsTestSupport.json(200, "{\"ShipmentResponse\":{\"ShipmentResults\":{}}}"));
        assertThatThrownBy(() -> client().create(List.of(release(1, us("C", null, List.of("1 St")), "UPSG", null))))
                .isInstanceOfSatisfying(UpsApiException.class, e -> assertThat(e.outcomeUnknown()).isTrue());
    }

    @Test
    void aVoidIsAVoidWhenEveryPackageIsVoidedOrAlreadyVoided() throws Exception {
        // Shipping.yaml PackageLevelResults_Status.Code: "1 = Voided or Already Voided; 0 = Not Voided".
        com.fasterxml.jackson.databind.ObjectMapper json = com.epicorups.core.Json.mapper();
        assertThat(UpsShippingClient.everyPackageVoided(json.readTree(
                "[{\"TrackingNumber\":\"1ZA\",\"Status\":{\"Code\":\"1\",\"Description\":\"Voided\"}},"
                        + "{\"TrackingNumber\":\"1ZB\",\"Status\":{\"Code\":\"1\"}}]"))).isTrue();
        assertThat(UpsShippingClient.everyPackageVoided(json.readTree(
                "{\"TrackingNumber\":\"1ZA\",\"Status\":{\"Code\":\"1\"}}"))).as("one package, as an object").isTrue();
        assertThat(UpsShippingClient.everyPackageVoided(json.readTree(
                "[{\"TrackingNumber\":\"1ZA\",\"Status\":{\"Code\":\"1\"}},"
                        + "{\"TrackingNumber\":\"1ZB\",\"Status\":{\"Code\":\"0\"}}]"))).as("one not voided").isFalse();
        assertThat(UpsShippingClient.everyPackageVoided(json.readTree("[]"))).isFalse();
        assertThat(UpsShippingClient.everyPackageVoided(json.missingNode())).isFalse();
    }
}
