package com.epicorups.ups;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpsPingTest {
    private final UpsTestSupport ups = new UpsTestSupport();

    @AfterEach
    void close() throws Exception {
        ups.close();
    }

    private static final String TW0001 = "{\"trackResponse\":{\"shipment\":[{\"warnings\":[{\"code\":\"TW0001\","
            + "\"message\":\"Tracking Information Not Found\"}]}]}}";
    private static final String VALID = "{\"XAVResponse\":{\"ValidAddressIndicator\":\"\",\"Candidate\":[{\"AddressKeyFormat\":"
            + "{\"AddressLine\":[\"100 WAREHOUSE PKWY\"],\"PoliticalDivision2\":\"ATLANTA\",\"PoliticalDivision1\":\"GA\","
            + "\"PostcodePrimaryLow\":\"30301\",\"CountryCode\":\"US\"}}]}}";

    @Test
    void allGood() {
        ups.on("/api/track/v1/details/", r -> UpsTestSupport.json(200, TW0001));
        ups.on("/api/addressvalidation", r -> UpsTestSupport.json(200, VALID));
        UpsPing.Result result = new UpsPing(ups.http(ups.settingsBuilder().build())).ping();
        assertThat(result.ok()).isTrue();
        assertThat(result.checks()).extracting(UpsPing.Check::step).containsExactly("token", "tracking", "addressValidation");
    }

    @Test
    void wrongClientSecretIsNamed() {
        ups.onToken(r -> UpsTestSupport.error(401, "10401", "ClientId is Invalid"));
        UpsPing.Result result = new UpsPing(ups.http(ups.settingsBuilder().build())).ping();
        assertThat(result.ok()).isFalse();
        assertThat(result.checks().get(0).detail()).contains("client id / client secret");
    }

    @Test
    void missingApiProductIsNamed() {
        ups.on("/api/track/v1/details/", r -> UpsTestSupport.error(401, "250002", "Invalid Authentication Information."));
        ups.on("/api/addressvalidation", r -> UpsTestSupport.json(200, VALID));
        UpsPing.Result result = new UpsPing(ups.http(ups.settingsBuilder().build())).ping();
        assertThat(result.ok()).isFalse();
        assertThat(result.checks().get(1).detail()).contains("lacks the Tracking API product");
        assertThat(result.checks().get(2).ok()).isTrue();
    }

    @Test
    void unreachableBaseUrlIsNamed() throws Exception {
        UpsSettings settings = ups.settingsBuilder().build();
        UpsPing ping = new UpsPing(ups.http(settings));
        ups.close();
        UpsPing.Result result = ping.ping();
        assertThat(result.ok()).isFalse();
        assertThat(result.checks().get(0).detail()).contains("baseUrl");
    }
}
