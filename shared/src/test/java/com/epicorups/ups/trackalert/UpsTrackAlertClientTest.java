package com.epicorups.ups.trackalert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.port.SubscriptionResult;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.UpsTestSupport;
import com.epicorups.ups.transport.UpsApiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpsTrackAlertClientTest {
    private final UpsTestSupport ups = new UpsTestSupport();

    @AfterEach
    void close() throws Exception {
        ups.close();
    }

    static List<String> numbers(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(String.format("1ZA1B2C3%010d", i));
        }
        return out;
    }

    /** Echoes every requested number back as valid. */
    private void echoValid() {
        ups.on("/api/track/", r -> {
            JsonNode list = UpsTestSupport.body(r).path("trackingNumberList");
            StringBuilder sb = new StringBuilder("{\"validTrackingNumbers\":[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ",").append('"').append(list.get(i).asText()).append('"');
            }
            return UpsTestSupport.json(200, sb.append("]}").toString());
        });
    }

    @Test
    void v2SubscribesInChunksOfOneHundred() {
        echoValid();
        UpsTrackAlertClient client = new UpsTrackAlertClient(ups.http(ups.settingsBuilder().build()), null, ups.clock);

        SubscriptionResult result = client.subscribe(numbers(250));

        List<RecordedRequest> calls = ups.requestsTo("/api/track/v2/subscription/standard/package");
        assertThat(calls).hasSize(3);
        assertThat(UpsTestSupport.body(calls.get(0)).path("trackingNumberList")).hasSize(100);
        assertThat(UpsTestSupport.body(calls.get(1)).path("trackingNumberList")).hasSize(100);
        assertThat(UpsTestSupport.body(calls.get(2)).path("trackingNumberList")).hasSize(50);
        JsonNode body = UpsTestSupport.body(calls.get(0));
        assertThat(body.path("locale").asText()).isEqualTo("en_US");
        assertThat(body.has("destination")).isFalse();
        assertThat(calls.get(0).getHeader("transId")).isNotBlank();
        assertThat(calls.get(0).getHeader("transactionSrc")).isEqualTo("epicor-ups-connector");
        assertThat(result.accepted()).hasSize(250);
        assertThat(result.rejected()).isEmpty();
        assertThat(result.expiresAt()).isEqualTo(ups.clock.instant().plus(Duration.ofDays(14)));
    }

    @Test
    void v1CarriesTheDestinationBlock() {
        echoValid();
        UpsSettings settings = ups.settingsBuilder().trackAlertVersion(UpsSettings.TrackAlertVersion.V1)
                .trackAlertWebhookUrl("https://hooks.example.com/ups").build();
        new UpsTrackAlertClient(ups.http(settings), "shared-cred", ups.clock).subscribe(numbers(2));

        JsonNode body = UpsTestSupport.body(ups.requestsTo("/api/track/v1/subscription/standard/package").get(0));
        assertThat(body.path("destination").path("url").asText()).isEqualTo("https://hooks.example.com/ups");
        assertThat(body.path("destination").path("credentialType").asText()).isEqualTo("Bearer");
        assertThat(body.path("destination").path("credential").asText()).isEqualTo("shared-cred");
    }

    @Test
    void v1WithoutCredentialIsAConfigurationError() {
        UpsSettings settings = ups.settingsBuilder().trackAlertVersion(UpsSettings.TrackAlertVersion.V1)
                .trackAlertWebhookUrl("https://hooks.example.com/ups").build();
        assertThatThrownBy(() -> new UpsTrackAlertClient(ups.http(settings), null)).isInstanceOf(ConnectorException.class);
    }

    @Test
    void invalidNumbersEndUpInTheRejectedMap() {
        ups.on("/api/track/", r -> UpsTestSupport.json(200, "{\"validTrackingNumbers\":[\"1ZA1B2C30000000000\"],"
                + "\"invalidTrackingNumbers\":[\"1ZA1B2C30000000001\"]}"));
        SubscriptionResult result = new UpsTrackAlertClient(ups.http(ups.settingsBuilder().build()), null, ups.clock)
                .subscribe(List.of(" 1za1b2c30000000000", "1ZA1B2C30000000001", "1Z1234567$8"));
        assertThat(result.accepted()).containsExactly("1ZA1B2C30000000000");
        assertThat(result.rejected()).containsKeys("1ZA1B2C30000000001", "1Z1234567$8");
        JsonNode sent = UpsTestSupport.body(ups.requestsTo("/api/track/").get(0)).path("trackingNumberList");
        assertThat(sent).hasSize(2);
    }

    @Test
    void noneValidRejectsTheChunkAndContinues() {
        ups.on("/api/track/", r -> UpsTestSupport.json(400, "{\"invalidTrackingNumbers\":[\"1ZA1B2C30000000000\"],"
                + "\"response\":{\"errors\":[{\"code\":\"VSS210\",\"message\":\"No valid tracking numbers\"}]}}"));
        SubscriptionResult result = new UpsTrackAlertClient(ups.http(ups.settingsBuilder().build()), null, ups.clock)
                .subscribe(List.of("1ZA1B2C30000000000"));
        assertThat(result.accepted()).isEmpty();
        assertThat(result.rejected().get("1ZA1B2C30000000000")).contains("VSS210");
    }

    @Test
    void otherValidationErrorsThrow() {
        ups.on("/api/track/", r -> UpsTestSupport.error(400, "VSS300", "Locale is required."));
        UpsTrackAlertClient client = new UpsTrackAlertClient(ups.http(ups.settingsBuilder().build()), null, ups.clock);
        assertThatThrownBy(() -> client.subscribe(List.of("1ZA1B2C30000000000"))).isInstanceOf(UpsApiException.class);
    }
}
