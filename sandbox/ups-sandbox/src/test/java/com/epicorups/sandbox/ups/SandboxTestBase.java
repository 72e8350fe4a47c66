package com.epicorups.sandbox.ups;

import com.epicorups.testing.MutableClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

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
                .environment(environment())
                .build().start()
                .validateResponses(true);
        client = new TestClient(ups.baseUrl());
    }

    /** The UPS host the sandbox of this test class plays. */
    protected Environment environment() {
        return Environment.PRODUCTION;
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

    /** Ships the standard request of {@link TestClient#shipRequest(String)} after {@code edit} changed its ShipmentRequest. */
    protected TestClient.Answer shipEdited(Consumer<ObjectNode> edit) {
        try {
            ObjectNode body = (ObjectNode) TestClient.MAPPER.readTree(TestClient.shipRequest("SO-RULE"));
            edit.accept((ObjectNode) body.get("ShipmentRequest"));
            return client.post("/api/shipments/v2409/ship", TestClient.MAPPER.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected String ship(String reference) {
        TestClient.Answer answer = client.post("/api/shipments/v2409/ship", TestClient.shipRequest(reference));
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        return answer.json().at("/ShipmentResponse/ShipmentResults/ShipmentIdentificationNumber").asText();
    }
}
