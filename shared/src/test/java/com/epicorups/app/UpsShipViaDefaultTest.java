package com.epicorups.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.config.ConnectorSettings;
import com.epicorups.epicor.EpicorSettings;
import org.junit.jupiter.api.Test;

class UpsShipViaDefaultTest {
    private static EpicorSettings epicor(String settingsJson) {
        return ConnectorSettings.parse(settingsJson).epicor();
    }

    @Test
    void theServiceMapDecidesWhichReleasesAreUpsWhenNothingElseIsSaid() {
        assertThat(epicor("{\"ups\":{\"serviceMap\":{\"UPSG\":\"03\",\"UPS2\":\"02\"}}}").upsShipViaCodes())
                .containsExactlyInAnyOrder("UPSG", "UPS2");
    }

    @Test
    void anExplicitListWinsAndAnEmptyOneMeansEveryRelease() {
        assertThat(epicor("{\"epicor\":{\"upsShipViaCodes\":[\"UPSR\"]},\"ups\":{\"serviceMap\":{\"UPSG\":\"03\"}}}")
                .upsShipViaCodes()).containsExactly("UPSR");
        assertThat(epicor("{\"epicor\":{\"upsShipViaCodes\":[]},\"ups\":{\"serviceMap\":{\"UPSG\":\"03\"}}}")
                .upsShipViaCodes()).isEmpty();
    }

    @Test
    void withoutAServiceMapEveryReleaseIsUps() {
        assertThat(epicor("{}").upsShipViaCodes()).isEmpty();
    }
}
