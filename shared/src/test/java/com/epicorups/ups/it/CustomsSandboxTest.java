package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.model.Address;
import com.epicorups.model.PartCustoms;
import com.epicorups.model.ShippableRelease;
import com.epicorups.port.CreatedShipment;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.customs.CustomsSettings;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16: goods leaving the US carry a paperless commercial invoice that validates against UPS's spec and passes the
 * sandbox's invoice rules; the forms image comes back; EEI is asked for when the law needs it.
 */
class CustomsSandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension();

    private static JsonNode forms(CreatedShipment created) throws Exception {
        return Json.mapper().readTree(created.requestBody())
                .at("/ShipmentRequest/Shipment/ShipmentServiceOptions/InternationalForms");
    }

    @Test
    void goodsToGermanyBritainAndMexicoCarryACompleteInvoiceAndItsImageComesBack() throws Exception {
        for (Address to : List.of(Releases.BERLIN, Releases.LONDON, Releases.MONTERREY)) {
            ShippableRelease release = Releases.release("CHI", "UPS SAVER", to);

            CreatedShipment created = ups.clients().shipping().create(List.of(release));

            JsonNode forms = forms(created);
            assertThat(forms.path("FormType").get(0).asText()).as(to.countryCode()).isEqualTo("01");
            assertThat(forms.path("InvoiceNumber").asText()).isEqualTo(release.key().reference());
            assertThat(forms.path("ReasonForExport").asText()).isEqualTo("SALE");
            assertThat(forms.path("CurrencyCode").asText()).isEqualTo("USD");
            assertThat(forms.at("/Contacts/SoldTo/Address/CountryCode").asText()).isEqualTo(to.countryCode());
            JsonNode product = forms.path("Product").get(0);
            assertThat(product.path("CommodityCode").asText()).isEqualTo("8481801030");
            assertThat(product.path("OriginCountryCode").asText()).isEqualTo("US");
            assertThat(product.at("/Unit/Number").asText()).isEqualTo("4");
            assertThat(product.at("/Unit/Value").asText()).isEqualTo("62.475");
            assertThat(product.path("PartNumber").asText()).isEqualTo("WIDGET-1");
            assertThat(forms.has("EEIFilingOption")).isFalse();
            assertThat(created.customsForms()).as("the forms image").isNotNull();
            assertThat(created.customsForms().format()).isEqualTo("PDF");
            assertThat(new String(created.customsForms().label(), StandardCharsets.US_ASCII)).startsWith("%PDF-");
            assertThat(ups.sandbox().shipments().internationalForms().image(created.shipmentId()))
                    .hasValueSatisfying(pdf -> assertThat(pdf).isEqualTo(created.customsForms().label()));
        }
    }

    @Test
    void domesticCanadianAndPuertoRicanShipmentsCarryNoInvoiceButTheirInvoiceLineTotal() throws Exception {
        for (Address to : List.of(Releases.NEW_YORK, Releases.SAN_JUAN)) {
            // Ground to Puerto Rico is uncertain, so refused (issue 20): 2nd Day Air.
            CreatedShipment created = ups.clients().shipping().create(List.of(Releases.release("CHI", "UPS 2DAY", to)));
            assertThat(forms(created).isMissingNode()).as(to.countryCode()).isTrue();
            assertThat(created.customsForms()).isNull();
        }
        CreatedShipment toCanada = ups.clients().shipping().create(List.of(Releases.release("CHI", "UPS STANDARD", Releases.TORONTO)));
        assertThat(forms(toCanada).path("FormType").get(0).asText()).isEqualTo("01");
        assertThat(Json.mapper().readTree(toCanada.requestBody()).at("/ShipmentRequest/Shipment/InvoiceLineTotal/MonetaryValue")
                .asText()).isEqualTo("250");
    }

    @Test
    void aPartWithoutAnHtsCodeOrOriginFailsNamingThePartField() {
        int shipmentsBefore = ups.sandbox().shipments().count();
        ShippableRelease noHts = Releases.release("CHI", "UPS SAVER", Releases.BERLIN)
                .withCustoms(new PartCustoms(null, "US", 1, null, null));
        assertThatThrownBy(() -> ups.clients().shipping().create(List.of(noHts)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(Reason.MISSING_HTS_CODE.code());
                    assertThat(e.getMessage()).contains("Part.HTS").contains("WIDGET-1");
                });
        ShippableRelease noOrigin = Releases.release("CHI", "UPS SAVER", Releases.BERLIN)
                .withCustoms(new PartCustoms("8481801030", null, 0, null, null));
        assertThatThrownBy(() -> ups.clients().shipping().create(List.of(noOrigin)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(Reason.MISSING_ORIGIN_COUNTRY.code());
                    assertThat(e.getMessage()).contains("Part.ISOrigCountryNum");
                });
        assertThat(ups.sandbox().shipments().count()).as("no UPS call").isEqualTo(shipmentsBefore);

        UpsClients withDefault = ups.clients(ups.settingsBuilder()
                .customs(new CustomsSettings(null, null, "DAP", "US", "123456789", null, null, null, null)).build());
        CreatedShipment created = withDefault.shipping().create(List.of(noOrigin));
        assertThat(created.trackingNumbers()).hasSize(1);
    }

    @Test
    void overTwoThousandFiveHundredDollarsOfOneHtsNumberNeedsTheItn() throws Exception {
        ShippableRelease pumps = new ShippableRelease(Releases.release("CHI", "UPS SAVER", Releases.MONTERREY).key(), 1L,
                "CUST01", "PO-EEI", "PUMP-220", "Centrifugal pump 2 HP", new BigDecimal("2"), "EA", new BigDecimal("41.5"),
                com.epicorups.model.WeightUnit.LBS, new BigDecimal("12000.00"), "USD", "CHI", "MfgSys", "UPS SAVER",
                Releases.MONTERREY).withCustoms(new PartCustoms("8413702004", "US", 1, null, null));

        assertThatThrownBy(() -> ups.clients().shipping().create(List.of(pumps)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(Reason.EEI_REQUIRED.code());
                    assertThat(e.getMessage()).contains("12000.00 USD of HTS 8413702004").contains("epicor.exportItnColumn")
                            .contains("AES");
                });

        CreatedShipment filed = ups.clients().shipping().create(List.of(pumps.withCustoms(
                new PartCustoms("8413702004", "US", 1, null, "X2026120712345678"))));
        JsonNode option = forms(filed).path("EEIFilingOption");
        assertThat(option.path("Code").asText()).isEqualTo("1");
        assertThat(option.at("/ShipperFiled/Code").asText()).isEqualTo("A");
        assertThat(option.at("/ShipperFiled/PreDepartureITNNumber").asText()).isEqualTo("X2026120712345678");
    }

    @Test
    void canadaIsExemptByValueButNotWhenTheEccnNeedsALicence() throws Exception {
        ShippableRelease expensive = new ShippableRelease(Releases.release("CHI", "UPS STANDARD", Releases.TORONTO).key(), 1L,
                "CUST01", "PO-CA", "CTRL-PLC8", "PLC controller 8 I/O", new BigDecimal("10"), "EA", new BigDecimal("30"),
                com.epicorups.model.WeightUnit.LBS, new BigDecimal("4120.00"), "USD", "CHI", "MfgSys", "UPS STANDARD",
                Releases.TORONTO).withCustoms(new PartCustoms("8537109170", "DE", 4, "3A001", null));
        assertThat(ups.clients().shipping().create(List.of(expensive)).trackingNumbers()).hasSize(1);

        UpsClients licensed = ups.clients(ups.settingsBuilder().customs(new CustomsSettings(null, null, null, null,
                null, null, null, List.of("3A001"), null)).build());
        assertThatThrownBy(() -> licensed.shipping().create(List.of(expensive)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(Reason.EEI_REQUIRED.code());
                    assertThat(e.getMessage()).contains("ECCN 3A001").contains("licenceRequiredEccns");
                });
    }

    @Test
    void anOrderInAnotherCurrencyIsJudgedAtTheConfiguredRate() {
        ShippableRelease euros = new ShippableRelease(Releases.release("CHI", "UPS SAVER", Releases.BERLIN).key(), 1L,
                "CUST01", "PO-EUR", "MOTOR-5HP", "Motor 5 HP", new BigDecimal("3"), "EA", new BigDecimal("90"),
                com.epicorups.model.WeightUnit.LBS, new BigDecimal("2400.00"), "EUR", "CHI", "MfgSys", "UPS SAVER",
                Releases.BERLIN).withCustoms(new PartCustoms("8501524000", "DE", 4, null, null));
        assertThatThrownBy(() -> ups.clients().shipping().create(List.of(euros)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.getMessage()).contains("usdRates"));

        UpsClients rated = ups.clients(ups.settingsBuilder().customs(new CustomsSettings(null, null, null, null, null,
                null, null, null, Map.of("EUR", new BigDecimal("1.10")))).build());
        assertThatThrownBy(() -> rated.shipping().create(List.of(euros)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.reasonCode())
                        .isEqualTo(Reason.EEI_REQUIRED.code()));
    }
}
