package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox playing UPS's test host (CIE), where UPS documents that it answers differently from production. */
class CieModeTest extends SandboxTestBase {

    private static final String AV = "/api/addressvalidation/v2/3";
    private static final String V1 = "/api/track/v1/subscription/standard/package";
    private static final String V2 = "/api/track/v2/subscription/standard/package";
    private static final String TEST_NUMBER = "1ZCIETST0111111114";

    private HttpServer receiver;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private String webhookUrl;

    @Override
    protected Environment environment() {
        return Environment.CIE;
    }

    @BeforeEach
    void startReceiver() throws IOException {
        client.login();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/webhook", exchange -> {
            received.add(TestClient.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        webhookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook";
        ups.trackAlert().cieEventSpacing(Duration.ZERO);
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String v1Body(List<String> numbers) {
        return "{\"locale\":\"en_US\",\"countryCode\":\"US\",\"trackingNumberList\":"
                + TestClient.MAPPER.valueToTree(numbers) + ",\"destination\":{\"url\":\"" + webhookUrl
                + "\",\"credentialType\":\"Bearer\",\"credential\":\"cie-cred\"}}";
    }

    @Test
    void streetLevelValidationAnswersOnlyForNewYorkAndCalifornia() {
        JsonNode newYork = client.post(AV, TestClient.xavRequest("12 ELM ST", "Brooklyn", "NY", "11201", "US")).json()
                .get("XAVResponse");
        JsonNode california = client.post(AV, TestClient.xavRequest("1111 S FIGUEROA ST", "Los Angeles", "CA", "90015", "US"))
                .json().get("XAVResponse");
        JsonNode texas = client.post(AV, TestClient.xavRequest("600 CONGRESS AVE", "Austin", "TX", "78701", "US")).json()
                .get("XAVResponse");

        assertThat(newYork.has("ValidAddressIndicator")).isTrue();
        assertThat(california.has("ValidAddressIndicator")).isTrue();
        assertThat(texas.has("NoCandidatesIndicator")).as(texas.toString()).isTrue();
        assertThat(texas.has("Candidate")).isFalse();
        // Without a state an address is in its ZIP's: Brooklyn is New York, Austin is not.
        JsonNode brooklynNoState = client.post(AV, TestClient.xavRequestWithoutState("12 ELM ST", "Brooklyn", "11201", "US")).json()
                .get("XAVResponse");
        JsonNode austinNoState = client.post(AV, TestClient.xavRequestWithoutState("600 CONGRESS AVE", "Austin", "78701", "US"))
                .json().get("XAVResponse");
        assertThat(brooklynNoState.at("/Candidate/0/AddressKeyFormat/PoliticalDivision1").asText()).isEqualTo("NY");
        assertThat(austinNoState.has("NoCandidatesIndicator")).isTrue();
    }

    @Test
    void trackAlertRefusesANumberThatIsNotACieTestNumberWithVss215() {
        String shipped = ship("SO-1");

        TestClient.Answer answer = client.post(V1, v1Body(List.of(shipped)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(TestClient.errorCode(answer)).isEqualTo("VSS215");
        assertThat(answer.json().get("invalidTrackingNumbers")).extracting(JsonNode::asText).containsExactly(shipped);
        assertThat(ups.trackAlert().subscriptions()).isEmpty();
    }

    @Test
    void aTestNumberIsAcceptedWithoutASubscriptionAndAnsweredWithABurstOfEvents() throws InterruptedException {
        String shipped = ship("SO-1");

        TestClient.Answer answer = client.post(V1, v1Body(List.of(TEST_NUMBER, shipped)));

        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        assertThat(answer.json().get("validTrackingNumbers")).extracting(JsonNode::asText).containsExactly(TEST_NUMBER);
        assertThat(answer.json().get("invalidTrackingNumbers")).extracting(JsonNode::asText).containsExactly(shipped);
        assertThat(ups.trackAlert().subscriptions()).isEmpty();
        awaitReceived(TrackAlert.CIE_BURST.size());
        assertThat(received).extracting(e -> e.get("trackingNumber").asText()).containsOnly(TEST_NUMBER);
        assertThat(received).extracting(e -> e.at("/activityStatus/type").asText() + "/" + e.at("/activityStatus/code").asText())
                .containsExactly("I/OR", "I/DP", "D/YP", "D/OT", "D/FS");
    }

    @Test
    void v2ToleratesNoNonTestNumberEither() {
        ups.trackAlert().webhookV2(webhookUrl, "portal-token", "client-id");

        TestClient.Answer answer = client.post(V2, "{\"locale\":\"en_US\",\"countryCode\":\"US\",\"trackingNumberList\":[\""
                + ship("SO-2") + "\"]}");

        assertThat(TestClient.errorCode(answer)).isEqualTo("VSS215");
    }

    private void awaitReceived(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(received).hasSize(count);
    }
}
