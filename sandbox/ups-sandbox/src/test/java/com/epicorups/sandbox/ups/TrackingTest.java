package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingTest extends SandboxTestBase {

    @BeforeEach
    void login() {
        client.login();
    }

    @Test
    void unknownNumberIs200WithTW0001Warning() {
        TestClient.Answer answer = client.get("/api/track/v1/details/1ZA1B2C30399999996");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode shipment = answer.json().at("/trackResponse/shipment/0");
        assertThat(shipment.at("/warnings/0/code").asText()).isEqualTo("TW0001");
        assertThat(shipment.at("/warnings/0/message").asText()).isEqualTo("Tracking Information Not Found");
        assertThat(shipment.has("package")).isFalse();
    }

    @Test
    void newShipmentShowsLabelCreatedAndScheduledDate() {
        String tn = ship("SO-1");

        JsonNode pkg = client.get("/api/track/v1/details/" + tn).json().at("/trackResponse/shipment/0/package/0");

        assertThat(pkg.get("trackingNumber").asText()).isEqualTo(tn);
        assertThat(pkg.at("/currentStatus/type").asText()).isEqualTo("M");
        assertThat(pkg.at("/deliveryDate/0/type").asText()).isEqualTo("SDD");
        assertThat(pkg.at("/deliveryDate/0/date").asText()).isEqualTo("20260305");
        assertThat(pkg.at("/deliveryTime/type").asText()).isEqualTo("EOD");
        assertThat(pkg.findValuesAsText("number")).contains("SO-1");
    }

    @Test
    void advancingALifecycleIsVisibleNewestFirst() {
        String tn = ship("SO-1");
        clock.advance(Duration.ofHours(3));
        ups.shipments().advance(tn, Status.PICKED_UP);
        clock.advance(Duration.ofHours(10));
        ups.shipments().advance(tn, Status.IN_TRANSIT);
        clock.advance(Duration.ofHours(20));
        ups.shipments().advance(tn, Status.EXCEPTION);
        clock.advance(Duration.ofHours(20));
        ups.shipments().advance(tn, Status.OUT_FOR_DELIVERY);
        clock.advance(Duration.ofHours(5));
        ups.shipments().advance(tn, Status.DELIVERED);
        client.login(); // the clock moved past the token's lifetime

        JsonNode pkg = client.get("/api/track/v1/details/" + tn).json().at("/trackResponse/shipment/0/package/0");

        assertThat(pkg.at("/currentStatus/type").asText()).isEqualTo("D");
        assertThat(pkg.at("/currentStatus/code").asText()).isEqualTo("FS");
        assertThat(pkg.get("activity")).hasSize(6);
        assertThat(pkg.at("/activity/0/status/type").asText()).isEqualTo("D");
        assertThat(pkg.at("/activity/5/status/type").asText()).isEqualTo("M");
        assertThat(pkg.at("/activity/0/location/address/city").asText()).isEqualTo("NEW YORK");
        assertThat(pkg.at("/deliveryDate/0/type").asText()).isEqualTo("DEL");
        assertThat(pkg.at("/deliveryDate/0/date").asText()).isEqualTo("20260305");
        assertThat(pkg.at("/deliveryTime/type").asText()).isEqualTo("DEL");
        assertThat(pkg.at("/deliveryTime/endTime").asText()).isEqualTo("000000");
    }

    @Test
    void trackByReferenceFindsThePackages() {
        String tn = ship("SO-55");

        JsonNode found = client.get("/api/track/v1/reference/details/SO-55").json();
        JsonNode missing = client.get("/api/track/v1/reference/details/SO-56").json();

        assertThat(found.at("/trackResponse/shipment/0/package/0/trackingNumber").asText()).isEqualTo(tn);
        assertThat(missing.at("/trackResponse/shipment/0/warnings/0/code").asText()).isEqualTo("TW0001");
    }

    @Test
    void exceptionReschedulesDelivery() {
        String tn = ship("SO-1");
        ups.shipments().advance(tn, Status.EXCEPTION);

        JsonNode pkg = client.get("/api/track/v1/details/" + tn).json().at("/trackResponse/shipment/0/package/0");

        assertThat(pkg.findValuesAsText("type")).contains("SDD", "RDD");
        assertThat(pkg.at("/currentStatus/type").asText()).isEqualTo("X");
    }
}
