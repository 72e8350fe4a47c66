package com.epicorups.sandbox.ups;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpTimeoutException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsTest extends SandboxTestBase {

    private static final String TRACK = "/api/track/v1/details/1ZA1B2C30312345671";

    @BeforeEach
    void login() {
        client.login();
    }

    @Test
    void nextCallsAre429ThenNormal() {
        ups.faults().tooManyRequests(2);

        TestClient.Answer first = client.get(TRACK);
        assertThat(first.status()).isEqualTo(429);
        assertThat(TestClient.errorCode(first)).isEqualTo("10429");
        assertThat(client.get(TRACK).status()).isEqualTo(429);
        assertThat(client.get(TRACK).status()).isEqualTo(200);
    }

    @Test
    void serverErrorsForOneOperationOnly() {
        ups.faults().serverErrors(Operation.SHIP, 1);

        assertThat(client.get(TRACK).status()).isEqualTo(200);
        TestClient.Answer failed = client.post("/api/shipments/v2409/ship", TestClient.shipRequest("SO-1"));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(TestClient.errorCode(failed)).isEqualTo("10004");
        assertThat(ups.shipments().count()).isZero();
        ship("SO-1");
    }

    @Test
    void timeoutHoldsTheResponseLongerThanTheClientWaits() {
        ups.faults().holdFor(Duration.ofMinutes(2)).timeouts(1);

        assertThatThrownBy(() -> client.send(client.request(TRACK).timeout(Duration.ofMillis(300)).GET().build()))
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(client.get(TRACK).status()).isEqualTo(200);
    }

    @Test
    void latencyDelaysEveryCall() {
        ups.faults().latency(Duration.ofMillis(200));

        long start = System.nanoTime();
        client.get(TRACK);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void shipTimeoutAfterCreateRemembersTheShipment() {
        ups.faults().holdFor(Duration.ofMinutes(2)).shipTimeoutAfterCreate(1);

        assertThatThrownBy(() -> client.post("/api/shipments/v2409/ship", TestClient.shipRequest("SO-IDEMP"),
                Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);

        assertThat(ups.shipments().count()).isEqualTo(1);
        TestClient.Answer recovered = client.post("/api/labels/v1/recovery",
                TestClient.labelRecoveryByReference("SO-IDEMP", "A1B2C3"));
        assertThat(recovered.status()).isEqualTo(200);
        assertThat(recovered.json().at("/LabelRecoveryResponse/ShipmentIdentificationNumber").asText())
                .isEqualTo(ups.shipments().list().get(0).shipmentId());
        assertThat(ups.requests(Operation.SHIP)).isEqualTo(1);
        assertThat(ups.requests(Operation.LABEL_RECOVERY)).isEqualTo(1);
    }
}
