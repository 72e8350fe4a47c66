package com.epicorups.sandbox.ups.spec;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UpsSpecNormalizerTest {

    static String shipRequest(String addressLine) {
        return """
            {"ShipmentRequest":{"Request":{"RequestOption":"nonvalidate"},
             "Shipment":{"Description":"SO-1",
              "Shipper":{"Name":"ACME","ShipperNumber":"A1B2C3","Address":{"AddressLine":["100 WAREHOUSE PKWY"],
                 "City":"ATLANTA","StateProvinceCode":"GA","PostalCode":"30301","CountryCode":"US"}},
              "ShipTo":{"Name":"CUSTOMER","Address":{"AddressLine":["%s"],"City":"NEW YORK",
                 "StateProvinceCode":"NY","PostalCode":"10001","CountryCode":"US"}},
              "PaymentInformation":{"ShipmentCharge":[{"Type":"01","BillShipper":{"AccountNumber":"A1B2C3"}}]},
              "Service":{"Code":"03"},
              "Package":[{"Packaging":{"Code":"02"},"PackageWeight":{"UnitOfMeasurement":{"Code":"LBS"},"Weight":"5"}}]},
             "LabelSpecification":{"LabelImageFormat":{"Code":"ZPL"},"LabelStockSize":{"Height":"6","Width":"4"}}}}
            """.formatted(addressLine);
    }

    private static ValidationReport validateShip(String body) {
        OpenApiInteractionValidator validator = UpsSpecs.validator(UpsSpec.SHIPPING);
        return validator.validateRequest(SimpleRequest.Builder.post("/api/shipments/v2409/ship")
                .withContentType("application/json").withBody(body).build());
    }

    @Test
    void movesArrayLengthToItemsAndMaximumToMaxItems() {
        OpenAPI api = UpsSpecs.load(UpsSpec.SHIPPING);
        Schema<?> addressLine = (Schema<?>) api.getComponents().getSchemas().get("ShipTo_Address")
                .getProperties().get("AddressLine");
        assertThat(addressLine.getMaxLength()).isNull();
        assertThat(addressLine.getMaximum()).isNull();
        assertThat(addressLine.getMaxItems()).isEqualTo(3);
        assertThat(addressLine.getItems().getMaxLength()).isEqualTo(35);
        assertThat(api.getPaths()).doesNotContainKey("/shipments/{deprecatedVersion}/ship");
    }

    @Test
    void sixtyCharacterAddressLineIsRejectedAndThirtyFiveAccepted() {
        ValidationReport ok = validateShip(shipRequest("A".repeat(35)));
        assertThat(ok.getMessages()).as(ok.toString()).isEmpty();

        ValidationReport tooLong = validateShip(shipRequest("A".repeat(60)));
        assertThat(tooLong.hasErrors()).isTrue();
        assertThat(tooLong.toString()).contains("AddressLine");
    }

    @Test
    void withoutTheNormalizerTheLiteralSpecLetsASixtyCharacterLineThrough() {
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        OpenAPI raw = new io.swagger.v3.parser.OpenAPIV3Parser()
                .read("src/main/resources/ups-openapi/Shipping.yaml", null, options);
        raw.getPaths().keySet().removeIf(path -> path.contains("{deprecatedVersion}"));
        ValidationReport report = OpenApiInteractionValidator.createFor(raw).build()
                .validateRequest(SimpleRequest.Builder.post("/api/shipments/v2409/ship")
                        .withContentType("application/json").withBody(shipRequest("A".repeat(60))).build());
        assertThat(report.getMessages()).noneMatch(m -> m.getMessage().contains("AddressLine"));
    }

    @Test
    void moreThanThreeAddressLinesAreRejected() {
        ValidationReport report = validateShip(shipRequest("A\",\"B\",\"C\",\"D"));
        assertThat(report.hasErrors()).isTrue();
    }

    @Test
    void validatingAShipRequestTakesMilliseconds() {
        String body = shipRequest("1 MAIN ST");
        validateShip(body); // warm-up: parsing and the first schema compilation
        OpenApiInteractionValidator compiled = UpsSpecs.validator(UpsSpec.SHIPPING);
        int n = 200;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertThat(validateShip(body).hasErrors()).isFalse();
        }
        double perRequestMs = (System.nanoTime() - start) / 1e6 / n;
        // Printed, not asserted (a busy machine is slower, not wrong); the spec is parsed and compiled once.
        System.out.printf("Shipping.yaml ship request validation: %.3f ms per request%n", perRequestMs);
        assertThat(UpsSpecs.validator(UpsSpec.SHIPPING)).isSameAs(compiled);
    }

    @Test
    void everySpecLoadsAndBuildsAValidator() {
        for (UpsSpec spec : UpsSpec.values()) {
            long start = System.nanoTime();
            OpenAPI api = UpsSpecs.load(spec);
            System.out.printf("%s parsed and normalised in %d ms%n", spec, (System.nanoTime() - start) / 1_000_000);
            assertThat(api.getPaths()).as(spec.name()).isNotEmpty();
            assertThat(UpsSpecs.validator(spec)).as(spec.name()).isSameAs(UpsSpecs.validator(spec));
        }
    }
}
