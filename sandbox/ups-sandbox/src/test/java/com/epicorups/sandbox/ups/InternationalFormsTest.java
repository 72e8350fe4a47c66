package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16: the commercial invoice UPS requires, the paperless-invoice rule and the forms image Ship returns. */
class InternationalFormsTest extends SandboxTestBase {

    @BeforeEach
    void login() {
        client.login();
    }

    private static ObjectNode shipment(ObjectNode request) {
        return (ObjectNode) request.get("Shipment");
    }

    /** The standard request sent to Berlin (the sandbox's international lane). */
    private static void toGermany(ObjectNode request) {
        ObjectNode address = (ObjectNode) shipment(request).get("ShipTo").get("Address");
        address.remove("StateProvinceCode");
        address.put("City", "BERLIN").put("PostalCode", "10115").put("CountryCode", "DE");
        ((ObjectNode) shipment(request).get("ShipTo").get("Phone")).put("Number", "493012345678");
        ((ObjectNode) shipment(request).get("Shipper")).put("AttentionName", "SHIPPING");
        ((ObjectNode) shipment(request).get("Package").get(0)).remove("ReferenceNumber");
        shipment(request).putArray("ReferenceNumber").addObject().put("Value", "SO-RULE");
        ((ObjectNode) shipment(request).get("Service")).put("Code", "65"); // Ground is a US domestic service
    }

    private static ObjectNode invoice(ObjectNode request) {
        ObjectNode forms = shipment(request).putObject("ShipmentServiceOptions").putObject("InternationalForms");
        forms.putArray("FormType").add("01");
        forms.put("InvoiceNumber", "5001-1-1").put("InvoiceDate", "20260302").put("ReasonForExport", "SALE")
                .put("CurrencyCode", "USD").put("TermsOfShipment", "DAP");
        ObjectNode soldTo = forms.putObject("Contacts").putObject("SoldTo");
        soldTo.put("Name", "KUNDE GMBH").put("AttentionName", "EINKAUF");
        soldTo.putObject("Address").put("City", "BERLIN").put("PostalCode", "10115").put("CountryCode", "DE")
                .putArray("AddressLine").add("HAUPTSTR 1");
        ObjectNode product = forms.putArray("Product").addObject();
        product.putArray("Description").add("Steel mounting bracket");
        product.put("PartNumber", "BRKT-100").put("CommodityCode", "7326908688").put("OriginCountryCode", "US");
        ObjectNode unit = product.putObject("Unit");
        unit.put("Number", "10").put("Value", "14.75").putObject("UnitOfMeasurement").put("Code", "EA");
        return forms;
    }

    private static Consumer<ObjectNode> germany(Consumer<ObjectNode> formsEdit) {
        return r -> {
            toGermany(r);
            formsEdit.accept(invoice(r));
        };
    }

    private void assertRefused(TestClient.Answer answer, String code, String messagePart) {
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(400);
        assertThat(TestClient.errorCode(answer)).as(answer.json().toString()).isEqualTo(code);
        assertThat(answer.json().at("/response/errors/0/message").asText()).contains(messagePart);
    }

    @Test
    void aCompleteInvoiceShipsAndItsImageComesBackAsAPdf() {
        TestClient.Answer answer = shipEdited(germany(forms -> { }));

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        String shipmentId = answer.json().at("/ShipmentResponse/ShipmentResults/ShipmentIdentificationNumber").asText();
        assertThat(answer.json().at("/ShipmentResponse/ShipmentResults/Form/Code").asText()).isEqualTo("01");
        assertThat(answer.json().at("/ShipmentResponse/ShipmentResults/Form/Image/ImageFormat/Code").asText())
                .isEqualTo("PDF");
        byte[] pdf = Base64.getDecoder().decode(
                answer.json().at("/ShipmentResponse/ShipmentResults/Form/Image/GraphicImage").asText());
        assertThat(new String(pdf, StandardCharsets.US_ASCII)).startsWith("%PDF-").contains("COMMERCIAL INVOICE 5001-1-1");
        assertThat(ups.shipments().internationalForms().image(shipmentId)).hasValueSatisfying(b -> assertThat(b).isEqualTo(pdf));
    }

    @Test
    void everyRequiredPartOfTheInvoiceIsChecked() {
        assertRefused(shipEdited(germany(f -> f.remove("InvoiceNumber"))), InternationalFormsRules.INVOICE_FIELD_MISSING,
                "InvoiceNumber");
        assertRefused(shipEdited(germany(f -> f.remove("InvoiceDate"))), InternationalFormsRules.INVOICE_FIELD_MISSING,
                "InvoiceDate");
        assertRefused(shipEdited(germany(f -> f.put("InvoiceDate", "20261399"))),
                InternationalFormsRules.INVOICE_FIELD_MISSING, "yyyyMMdd");
        assertRefused(shipEdited(germany(f -> f.remove("ReasonForExport"))), InternationalFormsRules.INVOICE_FIELD_MISSING,
                "ReasonForExport");
        assertRefused(shipEdited(germany(f -> f.remove("CurrencyCode"))), InternationalFormsRules.INVOICE_FIELD_MISSING,
                "CurrencyCode");
        assertRefused(shipEdited(germany(f -> f.put("CurrencyCode", "XYZ"))), InternationalFormsRules.INVOICE_CURRENCY,
                "XYZ");
        assertRefused(shipEdited(germany(f -> f.remove("Contacts"))), InternationalFormsRules.INVOICE_FIELD_MISSING,
                "SoldTo");
        assertRefused(shipEdited(germany(f -> ((ObjectNode) f.at("/Contacts/SoldTo/Address")).put("CountryCode", "FR"))),
                InternationalFormsRules.SOLD_TO_COUNTRY, "FR");
        assertThat(ups.shipments().count()).isZero();
    }

    @Test
    void everyProductLineIsChecked() {
        assertRefused(shipEdited(germany(f -> f.putArray("Product"))), InternationalFormsRules.PRODUCT_MISSING, "Product");
        assertRefused(shipEdited(germany(f -> product(f).remove("PartNumber"))), InternationalFormsRules.PRODUCT_FIELD,
                "PartNumber");
        assertRefused(shipEdited(germany(f -> unit(f).put("Value", "0"))), InternationalFormsRules.PRODUCT_FIELD,
                "Unit/Value");
        assertRefused(shipEdited(germany(f -> unit(f).put("Number", "2.5"))), InternationalFormsRules.PRODUCT_FIELD,
                "Unit/Number");
        assertRefused(shipEdited(germany(f -> product(f).put("CommodityCode", "7326.9"))),
                InternationalFormsRules.PRODUCT_FIELD, "CommodityCode");
        assertRefused(shipEdited(germany(f -> product(f).put("OriginCountryCode", "UK"))),
                InternationalFormsRules.PRODUCT_FIELD, "UK");
        ups.clearValidationFailures(); // "7326.9" is within the schema; the rest too: nothing was left to the schema
        assertThat(ups.shipments().count()).isZero();
    }

    @Test
    void shipperFiledEeiNeedsTheItn() {
        Consumer<ObjectNode> withoutItn = f -> f.putObject("EEIFilingOption").put("Code", "1")
                .putObject("ShipperFiled").put("Code", "A");
        assertRefused(shipEdited(germany(withoutItn)), InternationalFormsRules.EEI_ITN, "PreDepartureITNNumber");

        TestClient.Answer filed = shipEdited(germany(f -> f.putObject("EEIFilingOption").put("Code", "1")
                .putObject("ShipperFiled").put("Code", "A").put("PreDepartureITNNumber", "X2026030212345678")));
        assertThat(filed.status()).as(filed.json().toString()).isEqualTo(200);
    }

    @Test
    void aPaperlessAccountMayNotSendGoodsAbroadWithoutInvoiceData() {
        ups.shipments().internationalForms().paperless("A1B2C3");

        assertRefused(shipEdited(InternationalFormsTest::toGermany), InternationalFormsRules.INVOICE_DATA_REQUIRED,
                "paperless");
        // Domestic, and a UPS Letter abroad, need no invoice.
        assertThat(shipEdited(r -> { }).status()).isEqualTo(200);
        assertThat(shipEdited(r -> {
            toGermany(r);
            ((ObjectNode) shipment(r).get("Package").get(0).get("Packaging")).put("Code", "01");
        }).status()).isEqualTo(200);
    }

    @Test
    void aPaperlessAccountGetsTheImageOnlyWhenItAsksForACopy() {
        ups.shipments().internationalForms().paperless("A1B2C3");

        TestClient.Answer plain = shipEdited(germany(f -> { }));
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json().at("/ShipmentResponse/ShipmentResults/Form").isMissingNode()).isTrue();

        TestClient.Answer copy = shipEdited(germany(f -> f.put("OverridePaperlessIndicator", "")));
        assertThat(copy.json().at("/ShipmentResponse/ShipmentResults/Form/Image/GraphicImage").asText()).isNotBlank();
    }

    private static ObjectNode product(ObjectNode forms) {
        return (ObjectNode) ((ArrayNode) forms.get("Product")).get(0);
    }

    private static ObjectNode unit(ObjectNode forms) {
        return (ObjectNode) product(forms).get("Unit");
    }
}
