package com.epicorups.sandbox.ups;

import com.epicorups.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

abstract class SandboxTestBase {

    protected MutableClock clock;
    protected UpsSandbox ups;
    protected TestClient client;

    @BeforeEach
    void startSandbox() {
        clock = new MutableClock(Instant.parse("2026-03-02T14:00:00Z"));
        ups = UpsSandbox.builder()
                .client("client-id", "client-secret")
                .shipperNumber("A1B2C3")
                .shipperNumber("Z9Y8X7")
                .tokenLifetime(Duration.ofHours(1)).dailyTokenQuota(250)
                .clock(clock).latency(Duration.ZERO)
                .build().start()
                .validateResponses(true);
        client = new TestClient(ups.baseUrl());
    }

    /** Tests that sent invalid requests on purpose clear the list after asserting on it. */
    @AfterEach
    void stopSandbox() {
        try {
            assertThat(ups.validationFailures()).as("requests that did not validate").isEmpty();
            assertThat(ups.responseValidationFailures()).as("sandbox answers that do not match the spec").isEmpty();
        } finally {
            ups.close();
        }
    }

    protected String ship(String reference) {
        TestClient.Answer answer = client.post("/api/shipments/v2409/ship", TestClient.shipRequest(reference));
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        return answer.json().at("/ShipmentResponse/ShipmentResults/ShipmentIdentificationNumber").asText();
    }
}
