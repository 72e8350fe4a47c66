package com.epicorups.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.config.ConnectorSettings;
import com.epicorups.core.Json;
import com.epicorups.epicor.EpicorSettings;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class UpsShipViaDefaultTest {
    private static EpicorSettings epicor(String settingsJson) throws Exception {
        JsonNode secret = Json.mapper().readTree("""
                {"baseUrl":"https://erp.example.com/Live","company":"EPIC06","apiKey":"k",
                 "authMode":"BASIC","username":"u","password":"p"}""");
        ConnectorSettings settings = ConnectorSettings.parse(settingsJson);
        return ConnectorAssembly.withUpsShipVias(EpicorSettings.fromJson(secret, settings.root()), settings);
    }

    @Test
    void theServiceMapDecidesWhichReleasesAreUpsWhenNothingElseIsSaid() throws Exception {
        assertThat(epicor("{\"ups\":{\"serviceMap\":{\"UPSG\":\"03\",\"UPS2\":\"02\"}}}").upsShipViaCodes())
                .containsExactlyInAnyOrder("UPSG", "UPS2");
    }

    @Test
    void anExplicitListWinsAndAnEmptyOneMeansEveryRelease() throws Exception {
        assertThat(epicor("{\"epicor\":{\"upsShipViaCodes\":[\"UPSR\"]},\"ups\":{\"serviceMap\":{\"UPSG\":\"03\"}}}")
                .upsShipViaCodes()).containsExactly("UPSR");
        assertThat(epicor("{\"epicor\":{\"upsShipViaCodes\":[]},\"ups\":{\"serviceMap\":{\"UPSG\":\"03\"}}}")
                .upsShipViaCodes()).isEmpty();
    }

    @Test
    void withoutAServiceMapEveryReleaseIsUps() throws Exception {
        assertThat(epicor("{}").upsShipViaCodes()).isEmpty();
    }
}
