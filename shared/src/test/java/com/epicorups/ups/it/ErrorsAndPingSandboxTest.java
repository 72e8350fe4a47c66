package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.model.ShippableRelease;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.UpsPing;
import com.epicorups.ups.UpsSecret;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.ship.ShipmentRequestMapper;
import com.epicorups.ups.transport.UpsApiException;
import com.epicorups.ups.transport.UpsHttp;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Error classification and the operator ping through the real client against the sandbox. */
class ErrorsAndPingSandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension();

    private static final String UNKNOWN = "1Z0000000000000000";

    private static ShippableRelease domestic() {
        return Releases.release("CHI", "UPS GROUND", Releases.NEW_YORK);
    }

    @Test
    void sandboxRejectsAnUndeclaredFieldSoTheOtherTestsMeanSomething() {
        UpsClients clients = ups.clients();
        ObjectNode body = new ShipmentRequestMapper(clients.http().settings()).map(List.of(domestic()), LocalDate.now()).body();
        ((ObjectNode) body.path("ShipmentRequest").path("Shipment")).put("IdempotencyKey", "not-in-the-spec");

        assertThatThrownBy(() -> clients.http().send("ship", "POST", "/api/shipments/v2409/ship", body, null,
                UpsHttp.Retry.NEVER, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.upsCodes()).containsExactly("10001");
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                });
        assertThat(ups.sandbox().validationFailures()).singleElement()
                .satisfies(f -> assertThat(String.join(" ", f.messages())).contains("IdempotencyKey"));
        ups.sandbox().clearValidationFailures();
    }

    @Test
    void a429StormOnAReadIsRetriedThenTransient() {
        UpsClients clients = ups.clients();
        clients.tracking().track(UNKNOWN);
        int before = ups.sandbox().requests(Operation.TRACK);
        ups.sandbox().faults().tooManyRequests(10);

        assertThatThrownBy(() -> clients.tracking().track(UNKNOWN))
                .isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(e.reasonCode()).isEqualTo(Reason.UPS_RATE_LIMITED.code());
                    assertThat(e.upsCodes()).containsExactly("10429");
                    assertThat(e.httpStatus()).isEqualTo(429);
                });
        assertThat(ups.sandbox().requests(Operation.TRACK) - before).isEqualTo(3);
        assertThat(ups.sleeper().sleeps).hasSize(2);
    }

    @Test
    void a429OnShipIsTransientNotRetriedAndCreatesNothing() {
        UpsClients clients = ups.clients();
        int shipments = ups.sandbox().shipments().count();
        int before = ups.sandbox().requests(Operation.SHIP);
        ups.sandbox().faults().tooManyRequests(Operation.SHIP, 5);

        assertThatThrownBy(() -> clients.shipping().create(List.of(domestic())))
                .isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(e.reasonCode()).isEqualTo(Reason.UPS_RATE_LIMITED.code());
                    assertThat(e.outcomeUnknown()).isFalse();
                });
        assertThat(ups.sandbox().requests(Operation.SHIP) - before).isEqualTo(1);
        assertThat(ups.sandbox().shipments().count()).isEqualTo(shipments);
    }

    @Test
    void a500With10004IsTransientAndAShipMayHaveHappened() {
        UpsClients clients = ups.clients();
        ups.sandbox().faults().serverErrors(Operation.SHIP, 1);

        assertThatThrownBy(() -> clients.shipping().create(List.of(domestic())))
                .isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(e.reasonCode()).isEqualTo(Reason.UPS_UNAVAILABLE.code());
                    assertThat(e.upsCodes()).containsExactly("10004");
                    assertThat(e.outcomeUnknown()).as("a 500 on a POST that has no idempotency key").isTrue();
                });
    }

    @Test
    void transient500sOnAReadAreRetriedToSuccess() {
        UpsClients clients = ups.clients();
        clients.tracking().track(UNKNOWN);
        ups.sandbox().faults().serverErrors(Operation.TRACK, 2);

        assertThat(clients.tracking().track(UNKNOWN)).isEmpty();
        assertThat(ups.sleeper().sleeps).hasSize(2);
    }

    @Test
    void aTimedOutReadIsRetried() {
        // 2 s: short enough to wait for once, long for the calls that are not held; the held one is held for minutes.
        UpsClients clients = ups.clients(ups.settingsBuilder().requestTimeout(Duration.ofSeconds(2)).build());
        clients.tracking().track(UNKNOWN);
        ups.sandbox().faults().holdFor(Duration.ofMinutes(2)).timeouts(Operation.TRACK, 1);
        int before = ups.sandbox().requests(Operation.TRACK);

        assertThat(clients.tracking().track(UNKNOWN)).isEmpty();
        assertThat(ups.sandbox().requests(Operation.TRACK) - before).isEqualTo(2);
    }

    @Test
    void unknownShipperIsAPermanentBusinessErrorKeepingTheUpsCode() {
        UpsSettings settings = ups.settingsBuilder()
                .warehouse(new UpsSettings.Warehouse("DAL", "ACME DISTRIBUTION DALLAS", "SHIPPING", "Q1W2E3", null,
                        "2145550123", List.of("1 DOCK RD"), "DALLAS", "TX", "75201", "US"))
                .build();
        UpsClients clients = ups.clients(settings);
        int before = ups.sandbox().requests(Operation.SHIP);

        assertThatThrownBy(() -> clients.shipping().create(List.of(Releases.release("DAL", "UPS GROUND",
                Releases.NEW_YORK))))
                .isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.reasonCode()).isEqualTo(Reason.UPS_BUSINESS_ERROR.code());
                    assertThat(e.upsCodes()).containsExactly("120100");
                    assertThat(e.getMessage()).contains("120100");
                    assertThat(e.outcomeUnknown()).isFalse();
                });
        assertThat(ups.sandbox().requests(Operation.SHIP) - before).isEqualTo(1);
    }

    @Test
    void internationalShipmentWithoutAShipperPhoneFailsBeforeCallingUps() {
        UpsSettings settings = ups.settingsBuilder()
                .warehouse(new UpsSettings.Warehouse("NOPHONE", "ACME DISTRIBUTION", null, UpsSandboxExtension.CHI_ACCOUNT,
                        null, null, List.of("2400 W 35TH ST"), "CHICAGO", "IL", "60609", "US"))
                .build();
        int before = ups.sandbox().requests(Operation.SHIP);

        assertThatThrownBy(() -> ups.clients(settings).shipping().create(List.of(
                Releases.release("NOPHONE", "UPS SAVER", Releases.BERLIN))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("MISSING_FIELD");
                    assertThat(e.getMessage()).contains("Shipper.Phone");
                });
        assertThat(ups.sandbox().requests(Operation.SHIP)).isEqualTo(before);
    }

    @Test
    void pingIsOkWhenEverythingWorks() {
        UpsPing.Result result = ups.clients().ping().ping();

        assertThat(result.ok()).as(result.checks().toString()).isTrue();
        assertThat(result.checks()).extracting(UpsPing.Check::step)
                .containsExactly("token", "tracking", "addressValidation");
    }

    @Test
    void pingWithAWrongClientSecretNamesTheCredential() {
        UpsSecret secret = ups.secretBuilder().clientSecret("wrong-secret").build();

        UpsPing.Result result = ups.clients(secret, ups.settings()).ping().ping();

        assertThat(result.ok()).isFalse();
        assertThat(result.checks()).singleElement().satisfies(c -> {
            assertThat(c.step()).isEqualTo("token");
            assertThat(c.detail()).contains("rejected the client secret").contains("UpsSecret.clientSecret")
                    .doesNotContain("UpsSecret.clientId").doesNotContain("wrong-secret");
        });
    }

    @Test
    void pingWithAnUnknownClientIdNamesTheCredential() {
        UpsSecret secret = ups.secretBuilder().clientId("not-our-app").build();

        UpsPing.Result result = ups.clients(secret, ups.settings()).ping().ping();

        assertThat(result.ok()).isFalse();
        assertThat(result.checks().get(0).detail()).contains("the client id is invalid").contains("UpsSecret.clientId (not-our-app)");
    }

    @Test
    void errorBodiesCarryNoSecrets() throws Exception {
        UpsSecret secret = ups.secretBuilder().clientSecret("wrong-secret-xyz").build();
        try {
            ups.clients(secret, ups.settings()).tracking().track(UNKNOWN);
        } catch (ConnectorException e) {
            assertThat(e.getMessage()).doesNotContain("wrong-secret-xyz");
            assertThat(Json.mapper().writeValueAsString(e.getMessage())).doesNotContain("wrong-secret-xyz");
            return;
        }
        throw new AssertionError("a wrong secret must fail");
    }

    @Test
    void voidAfterPickupIsRefusedPermanentlyWithTheUpsCode() {
        UpsClients clients = ups.clients();
        String id = clients.shipping().create(List.of(domestic())).shipmentId();
        ups.sandbox().shipments().advance(id, com.epicorups.sandbox.ups.Status.PICKED_UP);

        assertThatThrownBy(() -> clients.shipping().voidShipment(id, "CHI"))
                .isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.upsCodes()).containsExactly("190102");
                });
    }

    @Test
    void voidOfAShipmentUpsDoesNotKnowIsPermanent() {
        String unknown = com.epicorups.sandbox.ups.TrackingNumbers.create(UpsSandboxExtension.CHI_ACCOUNT, "03", 9_999_999L);

        assertThatThrownBy(() -> ups.clients().shipping().voidShipment(unknown, "CHI"))
                .isInstanceOfSatisfying(UpsApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.upsCodes()).containsExactly("190117");
                });
    }
}
