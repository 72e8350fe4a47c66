package com.epicorups.sandbox.ups;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AddressValidationTest extends SandboxTestBase {

    private static final String AV = "/api/addressvalidation/v2/3";

    @BeforeEach
    void login() {
        client.login();
    }

    @Test
    void knownAddressValidatesToItsNormalisedCandidate() {
        ups.addresses().known("1 main street", "10001", new AddressRules.Candidate(List.of("1 MAIN ST"), "NEW YORK",
                "NY", "10001", "2345", "US", AddressRules.Classification.COMMERCIAL));

        var xav = client.post(AV, TestClient.xavRequest("1 Main Street", "New York", "NY", "10001", "US")).json()
                .get("XAVResponse");

        assertThat(xav.get("ValidAddressIndicator").asText()).isEqualTo("");
        assertThat(xav.has("AmbiguousAddressIndicator")).isFalse();
        assertThat(xav.at("/AddressClassification/Code").asText()).isEqualTo("1");
        assertThat(xav.get("Candidate")).hasSize(1);
        var akf = xav.at("/Candidate/0/AddressKeyFormat");
        assertThat(akf.at("/AddressLine/0").asText()).isEqualTo("1 MAIN ST");
        assertThat(akf.get("PostcodeExtendedLow").asText()).isEqualTo("2345");
        assertThat(akf.get("Region").asText()).isEqualTo("NEW YORK NY 10001-2345");
    }

    @Test
    void anyWellFormedAddressValidatesToItselfByDefault() {
        var xav = client.post(AV, TestClient.xavRequest("12 elm st", "Brooklyn", "ny", "11201", "US")).json()
                .get("XAVResponse");

        assertThat(xav.has("ValidAddressIndicator")).isTrue();
        assertThat(xav.at("/Candidate/0/AddressKeyFormat/AddressLine/0").asText()).isEqualTo("12 ELM ST");
        assertThat(xav.at("/Candidate/0/AddressKeyFormat/PostcodeExtendedLow").asText()).matches("\\d{4}");
        assertThat(xav.at("/AddressClassification/Code").asText()).isEqualTo("2");
    }

    @Test
    void anAddressWithoutAStateIsAnsweredWithItsZipsStateAsUpsValidatesAgainstUspsData() {
        var brooklyn = client.post(AV, TestClient.xavRequestWithoutState("12 elm st", "Brooklyn", "11201", "US")).json()
                .get("XAVResponse");
        var sanJuan = client.post(AV, TestClient.xavRequestWithoutState("1 calle del cristo", "San Juan", "00901", "PR")).json()
                .get("XAVResponse");
        var nowhere = client.post(AV, TestClient.xavRequestWithoutState("1 main st", "Nowhere", "00011", "US")).json()
                .get("XAVResponse");

        assertThat(brooklyn.has("ValidAddressIndicator")).isTrue();
        assertThat(brooklyn.at("/Candidate/0/AddressKeyFormat/PoliticalDivision1").asText()).isEqualTo("NY");
        assertThat(sanJuan.at("/Candidate/0/AddressKeyFormat/PoliticalDivision1").asText()).isEqualTo("PR");
        assertThat(nowhere.has("NoCandidatesIndicator")).as("a ZIP no state has").isTrue();
        assertThat(ZipStates.of("60609")).isEqualTo("IL");
        assertThat(ZipStates.of("99216")).isEqualTo("WA");
        assertThat(ZipStates.of("90015")).isEqualTo("CA");
        assertThat(ZipStates.of("30336")).isEqualTo("GA");
        assertThat(ZipStates.of("89502")).isEqualTo("NV");
        assertThat(ZipStates.of("09001")).as("military").isEmpty();
    }

    @Test
    void ambiguousMarkerGivesSeveralCandidates() {
        var xav = client.post(AV, TestClient.xavRequest("5 AMBIGUOUS AVE", "New York", "NY", "10001", "US")).json()
                .get("XAVResponse");

        assertThat(xav.get("AmbiguousAddressIndicator").asText()).isEqualTo("");
        assertThat(xav.has("ValidAddressIndicator")).isFalse();
        assertThat(xav.get("Candidate").size()).isGreaterThan(1);
    }

    @Test
    void postalCodeWithSeveralCitiesIsAmbiguous() {
        ups.addresses().ambiguousPostalCode("90210", List.of("BEVERLY HILLS", "LOS ANGELES"));

        var xav = client.post(AV, TestClient.xavRequest("9 RODEO DR", "Beverly Hills", "CA", "90210", "US")).json()
                .get("XAVResponse");

        assertThat(xav.has("AmbiguousAddressIndicator")).isTrue();
        assertThat(xav.findValuesAsText("PoliticalDivision2")).containsExactly("BEVERLY HILLS", "LOS ANGELES");
    }

    @Test
    void unknownStreetHasNoCandidates() {
        var xav = client.post(AV, TestClient.xavRequest("1 NOWHERE RD", "New York", "NY", "10001", "US")).json()
                .get("XAVResponse");

        assertThat(xav.get("NoCandidatesIndicator").asText()).isEqualTo("");
        assertThat(xav.has("Candidate")).isFalse();
    }

    @Test
    void nonUsAddressIsAnError() {
        TestClient.Answer answer = client.post(AV, TestClient.xavRequest("1 KING ST", "Toronto", "ON", "M5H1A1", "CA"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(TestClient.errorCode(answer)).isEqualTo("264002");
    }
}
