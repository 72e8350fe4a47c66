package com.epicorups.sandbox.ups;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.epicorups.sandbox.ups.spec.UpsSpec;
import com.epicorups.sandbox.ups.spec.UpsSpecs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ValidationTest extends SandboxTestBase {

    @Test
    void malformedShipRequestIs400AndRecorded() {
        client.login();
        String withoutShipper = TestClient.shipRequest("SO-1").replaceFirst("\"Shipper\":", "\"NotShipper\":");

        TestClient.Answer answer = client.post("/api/shipments/v2409/ship", withoutShipper);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(TestClient.errorCode(answer)).isEqualTo("10001");
        assertThat(ups.validationFailures()).hasSize(1);
        assertThat(ups.validationFailures().get(0).toString()).contains("Shipper");
        assertThat(ups.shipments().count()).isZero();
        ups.clearValidationFailures();
    }

    @Test
    void sixtyCharacterAddressLineIsRejectedThirtyFiveAccepted() {
        client.login();

        TestClient.Answer tooLong = client.post("/api/shipments/v2409/ship",
                TestClient.shipRequest("A1B2C3", "X".repeat(60), "10001", "ZPL", "SO-1", 1));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(ups.validationFailures()).singleElement().asString().contains("AddressLine");
        ups.clearValidationFailures();

        TestClient.Answer ok = client.post("/api/shipments/v2409/ship",
                TestClient.shipRequest("A1B2C3", "X".repeat(35), "10001", "ZPL", "SO-1", 1));
        assertThat(ok.status()).isEqualTo(200);
    }

    @Test
    void sampledValidationChecksOneRequestInNStartingWithTheFirst() {
        ups.requestValidationEvery(3);
        client.login(); // request 0: checked
        for (int i = 0; i < 5; i++) {
            ship("SO-" + i); // requests 1..5: 3 is checked
        }
        assertThat(ups.validatedRequests()).isEqualTo(2);

        String withoutShipper = TestClient.shipRequest("SO-9").replaceFirst("\"Shipper\":", "\"NotShipper\":");
        TestClient.Answer checked = client.post("/api/shipments/v2409/ship", withoutShipper); // request 6: checked

        assertThat(checked.status()).isEqualTo(400);
        assertThat(ups.validatedRequests()).isEqualTo(3);
        ups.clearValidationFailures();
    }

    @Test
    void trackingWithoutTransIdIsRejected() {
        client.login();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(ups.baseUrl() + "/api/track/v1/details/1ZA1B2C30312345671"))
                .header("Authorization", "Bearer " + client.bearer()).GET().build();

        assertThat(client.send(request).status()).isEqualTo(400);
        assertThat(ups.validationFailures()).singleElement().asString().contains("transId");
        ups.clearValidationFailures();
    }

    @Test
    void validationCostPerRequestIsSmall() {
        client.login();
        ship("WARMUP"); // first call pays for parsing Shipping.yaml
        OpenApiInteractionValidator shipping = UpsSpecs.validator(UpsSpec.SHIPPING);
        int n = 30;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ship("SO-" + i);
        }
        double perShipMs = (System.nanoTime() - start) / 1e6 / n;
        System.out.printf("ship round trip incl. validation: %.2f ms%n", perShipMs);
        // Printed, not asserted (a busy machine is slower, not wrong): what keeps it small is that every request is
        // checked by the one validator built from the spec at the first call.
        assertThat(UpsSpecs.validator(UpsSpec.SHIPPING)).isSameAs(shipping);
    }
}
