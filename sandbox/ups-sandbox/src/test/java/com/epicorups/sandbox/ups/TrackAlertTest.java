package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class TrackAlertTest extends SandboxTestBase {

    private static final String V2 = "/api/track/v2/subscription/standard/package";
    private static final String V1 = "/api/track/v1/subscription/standard/package";

    record Received(Map<String, String> headers, JsonNode body) {
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private String webhookUrl;

    @BeforeEach
    void startReceiver() throws IOException {
        client.login();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/webhook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(Map.of(
                    "credential", String.valueOf(exchange.getRequestHeaders().getFirst("credential")),
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "x-api-key", String.valueOf(exchange.getRequestHeaders().getFirst("x-api-key")),
                    "user-agent", String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent"))),
                    TestClient.MAPPER.readTree(new String(body, StandardCharsets.UTF_8))));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        webhookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook";
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private static String v2Body(List<String> numbers) {
        return "{\"locale\":\"en_US\",\"countryCode\":\"US\",\"trackingNumberList\":"
                + TestClient.MAPPER.valueToTree(numbers) + "}";
    }

    private String v1Body(List<String> numbers, String credential) {
        return "{\"locale\":\"en_US\",\"countryCode\":\"US\",\"trackingNumberList\":"
                + TestClient.MAPPER.valueToTree(numbers) + ",\"destination\":{\"url\":\"" + webhookUrl
                + "\",\"credentialType\":\"Bearer\",\"credential\":\"" + credential + "\"}}";
    }

    @Test
    void subscribesValidNumbersAndListsInvalidOnes() {
        String tn = ship("SO-1");

        TestClient.Answer answer = client.post(V2, v2Body(List.of(tn, "1Z1234567$8", "1ZA1B2C30312345670")));

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        assertThat(answer.json().get("validTrackingNumbers")).extracting(JsonNode::asText).containsExactly(tn);
        assertThat(answer.json().get("invalidTrackingNumbers")).extracting(JsonNode::asText)
                .containsExactly("1Z1234567$8", "1ZA1B2C30312345670");
        assertThat(ups.trackAlert().subscription(tn)).hasValueSatisfying(s ->
                assertThat(s.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(14))));
    }

    @Test
    void trackAlertRequestsAreValidatedAgainstTheirSpec() {
        var withoutTransId = java.net.http.HttpRequest.newBuilder(java.net.URI.create(ups.baseUrl() + V2))
                .header("Authorization", "Bearer " + client.bearer()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(v2Body(List.of("1ZCIETST0111111114")))).build();
        assertThat(client.send(withoutTransId).status()).isEqualTo(400);
        assertThat(client.post(V1, "{\"locale\":\"en_US\",\"trackingNumberList\":[\"1ZCIETST0111111114\"]}").status())
                .isEqualTo(400);

        assertThat(ups.validationFailures()).hasSize(2);
        assertThat(ups.validationFailures().get(0).toString()).contains("transId");
        assertThat(ups.validationFailures().get(1).toString()).contains("destination");
        ups.clearValidationFailures();
    }

    @Test
    void subscriptionsLastFourteenDays() {
        String tn = ship("SO-1");
        client.post(V2, v2Body(List.of(tn)));

        clock.advance(Duration.ofDays(14));

        assertThat(ups.trackAlert().subscription(tn)).isEmpty();
    }

    @Test
    void moreThanHundredNumbersIsVSS220() {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            numbers.add(TrackingNumbers.create("A1B2C3", "03", 1000 + i));
        }

        TestClient.Answer answer = client.post(V2, v2Body(numbers));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(TestClient.errorCode(answer)).isEqualTo("VSS220");
        assertThat(ups.trackAlert().subscriptions()).isEmpty();
        assertThat(client.post(V2, v2Body(numbers.subList(0, 100))).status()).isEqualTo(200);
    }

    @Test
    void v1SubscriptionDeliversToItsDestinationWithCredentialOnAdvance() {
        String tn = ship("SO-1");
        assertThat(client.post(V1, v1Body(List.of(tn), "s3cr3t")).status()).isEqualTo(200);

        ups.shipments().advance(tn, Status.OUT_FOR_DELIVERY);
        ups.shipments().advance(tn, Status.DELIVERED);

        assertThat(received).hasSize(2);
        assertThat(received.get(0).headers()).containsEntry("credential", "s3cr3t")
                .containsEntry("user-agent", "UPSPubSubTrackingService");
        JsonNode delivered = received.get(1).body();
        assertThat(delivered.get("trackingNumber").asText()).isEqualTo(tn);
        assertThat(delivered.at("/activityStatus/type").asText()).isEqualTo("D");
        assertThat(delivered.get("actualDeliveryDate").asText()).isEqualTo("20260302");
        assertThat(ups.trackAlert().deliveries()).extracting(TrackAlert.Delivery::httpStatus).containsOnly(200);
    }

    @Test
    void everyScanOfTheDeliveryDayIsTypeDAndOnlyTheDeliveryCarriesADeliveryDate() {
        String tn = ship("SO-1");
        assertThat(client.post(V1, v1Body(List.of(tn), "s3cr3t")).status()).isEqualTo(200);

        ups.shipments().advance(tn, Status.IN_TRANSIT);
        ups.shipments().advance(tn, Status.LOADED_ON_DELIVERY_VEHICLE);
        ups.shipments().advance(tn, Status.OUT_FOR_DELIVERY);
        ups.shipments().advance(tn, Status.DELIVERED);

        assertThat(received).extracting(r -> r.body().at("/activityStatus/type").asText() + "/"
                        + r.body().at("/activityStatus/code").asText() + "/" + r.body().get("actualDeliveryDate").asText())
                .containsExactly("I/DP/", "D/YP/", "D/OT/", "D/FS/20260302");
        JsonNode tracked = client.get("/api/track/v1/details/" + tn).json().at("/trackResponse/shipment/0/package/0");
        assertThat(tracked.at("/activity/1/status/description").asText()).isEqualTo("Out For Delivery Today");
        assertThat(tracked.at("/activity/2/status/description").asText()).isEqualTo("Loaded on Delivery Vehicle");
    }

    @Test
    void v2SubscriptionDeliversToPortalWebhookWithBearerAndApiKey() {
        ups.trackAlert().webhookV2(webhookUrl, "portal-token", "client-id");
        String tn = ship("SO-1");
        client.post(V2, v2Body(List.of(tn)));

        ups.shipments().advance(tn, Status.PICKED_UP);

        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.headers()).containsEntry("authorization", "Bearer portal-token").containsEntry("x-api-key", "client-id");
            assertThat(r.body().at("/activityStatus/type").asText()).isEqualTo("I");
        });
    }

    @Test
    void payloadUsesOnlyTrackAlertStatusTypes() throws Exception {
        JsonNode returned = TestClient.MAPPER.readTree(ups.trackAlert().eventPayload("1ZA1B2C30312345671", Status.RETURNED));
        JsonNode delivered = TestClient.MAPPER.readTree(ups.trackAlert().eventPayload("1ZA1B2C30312345671", Status.DELIVERED));

        assertThat(returned.at("/activityStatus/type").asText()).isEqualTo("X");
        assertThat(returned.at("/activityStatus/code").asText()).isEqualTo("RS");
        assertThat(returned.get("actualDeliveryDate").asText()).isEmpty();
        assertThat(delivered.get("actualDeliveryDate").asText()).isEqualTo("20260302");
        assertThat(delivered.get("gmtOffset").asText()).matches("[+-]\\d\\d\\.\\d\\d");
        assertThat(delivered.get("localActivityTime").asText()).isEqualTo("140000");
    }

    @Test
    void manualDeliveryReturnsReceiverStatus() {
        String payload = ups.trackAlert().eventPayload("1ZA1B2C30312345671", Status.OUT_FOR_DELIVERY);

        int status = ups.trackAlert().deliver(webhookUrl, TrackAlert.v1Headers("abc"), payload);

        assertThat(status).isEqualTo(200);
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.headers()).containsEntry("credential", "abc");
            assertThat(r.body().at("/activityStatus/code").asText()).isEqualTo("OT");
        });
        assertThat(ups.trackAlert().deliver("http://127.0.0.1:1/none", Map.of(), payload)).isEqualTo(-1);
    }
}
