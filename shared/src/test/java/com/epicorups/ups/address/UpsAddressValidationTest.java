package com.epicorups.ups.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.model.Address;
import com.epicorups.port.AddressCheck;
import com.epicorups.ups.UpsTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpsAddressValidationTest {
    private final UpsTestSupport ups = new UpsTestSupport();
    private final UpsAddressValidation av = new UpsAddressValidation(ups.http(ups.settingsBuilder().build()));
    private static final Address INPUT = new Address("CUSTOMER INC", "RECEIVING", List.of("26601 aliso creek rd", "ste d"),
            "Aliso Viejo", "CA", "92656", "US", "2125550100", null, null);

    @AfterEach
    void close() throws Exception {
        ups.close();
    }

    private static String candidate(String line, String city, String state, String zip, String plus4, String cls) {
        return "{\"AddressClassification\":{\"Code\":\"" + cls + "\",\"Description\":\"x\"},\"AddressKeyFormat\":{"
                + "\"AddressLine\":[\"" + line + "\",\"STE D\"],\"PoliticalDivision2\":\"" + city + "\",\"PoliticalDivision1\":\""
                + state + "\",\"PostcodePrimaryLow\":\"" + zip + "\",\"PostcodeExtendedLow\":\"" + plus4
                + "\",\"Region\":\"" + city + " " + state + " " + zip + "-" + plus4 + "\",\"CountryCode\":\"US\"}}";
    }

    @Test
    void validAddressReturnsTheNormalisedCandidateAndResidentialFlag() {
        ups.on("/api/addressvalidation", r -> UpsTestSupport.json(200, "{\"XAVResponse\":{\"Response\":{\"ResponseStatus\":"
                + "{\"Code\":\"1\",\"Description\":\"Success\"}},\"ValidAddressIndicator\":\"\",\"AddressClassification\":"
                + "{\"Code\":\"2\",\"Description\":\"Residential\"},\"Candidate\":["
                + candidate("26601 ALISO CREEK RD", "ALISO VIEJO", "CA", "92656", "8049", "2") + "]}}"));

        AddressCheck check = av.validate(INPUT);

        assertThat(check.outcome()).isEqualTo(AddressCheck.Outcome.VALIDATED);
        assertThat(check.address().lines()).containsExactly("26601 ALISO CREEK RD", "STE D");
        assertThat(check.address().city()).isEqualTo("ALISO VIEJO");
        assertThat(check.address().postalCode()).isEqualTo("92656-8049");
        assertThat(check.address().residential()).isTrue();
        assertThat(check.address().name()).isEqualTo("CUSTOMER INC");
        JsonNode sent = UpsTestSupport.body(ups.requestsTo("/api/addressvalidation").get(0));
        assertThat(ups.requestsTo("/api/addressvalidation").get(0).getPath()).startsWith("/api/addressvalidation/v2/3");
        JsonNode akf = sent.path("XAVRequest").path("AddressKeyFormat");
        assertThat(akf.path("AddressLine").get(0).asText()).isEqualTo("26601 aliso creek rd");
        assertThat(akf.path("PoliticalDivision2").asText()).isEqualTo("Aliso Viejo");
        assertThat(akf.path("PoliticalDivision1").asText()).isEqualTo("CA");
        assertThat(akf.path("PostcodePrimaryLow").asText()).isEqualTo("92656");
        assertThat(akf.path("CountryCode").asText()).isEqualTo("US");
    }

    @Test
    void commercialClassificationFromAV1StyleSingleObjectCandidate() {
        ups.on("/api/addressvalidation", r -> UpsTestSupport.json(200, "{\"XAVResponse\":{\"ValidAddressIndicator\":\"\","
                + "\"Candidate\":" + candidate("26601 ALISO CREEK RD", "ALISO VIEJO", "CA", "92656", "8049", "1") + "}}"));
        AddressCheck check = av.validate(INPUT);
        assertThat(check.address().residential()).isFalse();
        assertThat(check.note()).contains("commercial");
    }

    @Test
    void ambiguousAddressNamesTheFieldsAtFault() {
        ups.on("/api/addressvalidation", r -> UpsTestSupport.json(200, "{\"XAVResponse\":{\"AmbiguousAddressIndicator\":\"\","
                + "\"Candidate\":[" + candidate("26601 ALISO CREEK RD", "ALISO VIEJO", "CA", "92656", "1111", "1") + ","
                + candidate("26601 ALISO CREEK RD", "LAGUNA HILLS", "CA", "92653", "2222", "1") + "]}}"));
        assertThatThrownBy(() -> av.validate(INPUT)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(e.reasonCode()).isEqualTo("ADDRESS_AMBIGUOUS");
            assertThat(e.getMessage()).contains("2 possible addresses").contains("city").contains("postal code")
                    .doesNotContain("state,");
        });
    }

    @Test
    void noCandidatesIsRejected() {
        ups.on("/api/addressvalidation", r -> UpsTestSupport.json(200, "{\"XAVResponse\":{\"Response\":{\"ResponseStatus\":"
                + "{\"Code\":\"1\"}},\"NoCandidatesIndicator\":\"\"}}"));
        assertThatThrownBy(() -> av.validate(INPUT)).isInstanceOfSatisfying(ConnectorException.class, e -> {
            assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
            assertThat(e.reasonCode()).isEqualTo("ADDRESS_REJECTED");
            assertThat(e.getMessage()).contains("26601 aliso creek rd").contains("street");
        });
    }

    @Test
    void nonUsAddressIsSkippedWithoutCallingUps() {
        Address canada = new Address("X", null, List.of("1 Rue"), "Montreal", "QC", "H2X 1Y4", "CA", null, null, null);
        AddressCheck check = av.validate(canada);
        assertThat(check.outcome()).isEqualTo(AddressCheck.Outcome.SKIPPED);
        assertThat(check.address()).isEqualTo(canada);
        assertThat(check.note()).contains("US and PR");
        assertThat(ups.requests).isEmpty();
    }

    @Test
    void puertoRicoIsValidated() {
        ups.on("/api/addressvalidation", r -> UpsTestSupport.json(200, "{\"XAVResponse\":{\"ValidAddressIndicator\":\"\","
                + "\"Candidate\":[" + candidate("1 CALLE SOL", "SAN JUAN", "PR", "00901", "1234", "1") + "]}}"));
        Address pr = new Address("X", null, List.of("1 Calle Sol"), "San Juan", "PR", "00901", "PR", null, null, null);
        assertThat(av.validate(pr).outcome()).isEqualTo(AddressCheck.Outcome.VALIDATED);
    }

    @Test
    void controlCharactersFromEpicorAreNotSentToAddressValidation() {
        ups.on("/api/addressvalidation", r -> UpsTestSupport.json(200, "{\"XAVResponse\":{\"ValidAddressIndicator\":\"\","
                + "\"Candidate\":[" + candidate("1 MAIN ST", "NEW YORK", "NY", "10001", "1234", "1") + "]}}"));
        Address dirty = new Address("Acme\tParts", null, List.of("1 Main St\u0007", "Dock\r\nB"), "New York", "NY",
                "10001", "US", null, null, null);

        av.validate(dirty);

        JsonNode akf = UpsTestSupport.body(ups.requestsTo("/api/addressvalidation").get(0)).path("XAVRequest")
                .path("AddressKeyFormat");
        assertThat(akf.path("ConsigneeName").asText()).isEqualTo("Acme Parts");
        assertThat(akf.path("AddressLine")).extracting(JsonNode::asText).containsExactly("1 Main St", "Dock B");
    }
}
