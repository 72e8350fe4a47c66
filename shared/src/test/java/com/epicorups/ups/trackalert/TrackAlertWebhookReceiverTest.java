package com.epicorups.ups.trackalert;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Reason;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.port.WebhookVerdict;
import com.epicorups.ups.UpsSettings.TrackAlertVersion;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackAlertWebhookReceiverTest {
    private static final WebhookSecret CREDS = new WebhookSecret("current-cred", "previous-cred", "ups-client-id",
            List.of("bearer-abc"));
    private final TrackAlertWebhookReceiver v1 = new TrackAlertWebhookReceiver(TrackAlertVersion.V1, CREDS);
    private final TrackAlertWebhookReceiver v2 = new TrackAlertWebhookReceiver(TrackAlertVersion.V2, CREDS);

    /** UPSTrackAlert-v1.yaml webhook example 1: blank fields and a leading space in the tracking number. */
    static final String MANIFEST = "{\"activityLocation\":{\"city\":\"\",\"country\":\"US\",\"postalCode\":\"\",\"stateProvince\":\"\"},"
            + "\"activityStatus\":{\"code\":\"MP\",\"description\":\"Shipment Ready for UPS\",\"descriptionCode\":\"003\",\"type\":\"M\"},"
            + "\"actualDeliveryDate\":\"\",\"actualDeliveryTime\":\"\",\"deliveryEndTime\":\"\",\"deliveryPhoto\":\"\","
            + "\"deliveryStartTime\":\"\",\"deliveryTimeDescription\":\"\",\"gmtActivityDate\":\"20240422\",\"gmtActivityTime\":\"041230\","
            + "\"localActivityDate\":\"20240422\",\"localActivityTime\":\"091230\",\"scheduledDeliveryDate\":\"\","
            + "\"trackingNumber\":\" 1ZABCXYZ0112346789\"}";
    /** UPSTrackAlert.yaml (v2) webhook example 2: delivery with a numeric descriptionCode. */
    static final String DELIVERED = "{\"trackingNumber\":\"1Z204W4R0308071865\",\"localActivityDate\":\"20240423\","
            + "\"localActivityTime\":\"095004\",\"activityLocation\":{\"city\":\"CHARLOTTE\",\"stateProvince\":\"NC\","
            + "\"postalCode\":\"28209\",\"country\":\"US\"},\"activityStatus\":{\"type\":\"D\",\"code\":\"FS\",\"description\":"
            + "\"Delivered\",\"descriptionCode\":9},\"scheduledDeliveryDate\":\"20191014\",\"gmtActivityDate\":\"20240423\","
            + "\"gmtActivityTime\":\"135004\",\"gmtOffset\":\"-04.00\",\"actualDeliveryDate\":\"20240423\",\"actualDeliveryTime\":\"095004\","
            + "\"receivedBy\":\"John\"}";
    static final String OUT_FOR_DELIVERY = "{\"trackingNumber\":\"1Z204W4R0308071865\",\"localActivityDate\":\"20240423\","
            + "\"localActivityTime\":\"091519\",\"activityStatus\":{\"type\":\"I\",\"code\":\"OT\",\"description\":\"Out for Delivery\"},"
            + "\"scheduledDeliveryDate\":\"20240423\",\"gmtActivityDate\":\"20240423\",\"gmtActivityTime\":\"131519\"}";

    @Test
    void v1AcceptsTheCurrentCredentialAndParsesBlankFields() {
        WebhookVerdict verdict = v1.receive(Map.of("Credential", "current-cred", "User-Agent", "UPSPubSubTrackingService"), MANIFEST);
        assertThat(verdict.isAccepted()).isTrue();
        assertThat(verdict.httpStatus()).isEqualTo(200);
        assertThat(verdict.update().trackingNumbers()).containsExactly("1ZABCXYZ0112346789");
        assertThat(verdict.update().status()).isEqualTo(TrackingStatus.LABEL_CREATED);
        assertThat(verdict.update().source()).isEqualTo(TrackingSource.TRACK_ALERT);
        assertThat(verdict.update().eventTime()).isEqualTo(Instant.parse("2024-04-22T04:12:30Z"));
        assertThat(verdict.update().estimatedDelivery()).isNull();
        assertThat(verdict.update().deliveredAt()).isNull();
    }

    @Test
    void v1AcceptsThePreviousCredentialDuringRotation() {
        assertThat(v1.receive(Map.of("credential", "previous-cred"), MANIFEST).isAccepted()).isTrue();
    }

    @Test
    void v1RejectsAWrongOrMissingCredentialWithoutParsing() {
        WebhookVerdict wrong = v1.receive(Map.of("credential", "current-cre"), "not json at all");
        assertThat(wrong.httpStatus()).isEqualTo(401);
        assertThat(wrong.rejectReason()).isEqualTo(Reason.WEBHOOK_UNAUTHENTICATED);
        assertThat(wrong.detail()).doesNotContain("current-cre");
        WebhookVerdict missing = v1.receive(Map.of("User-Agent", "UPSPubSubTrackingService"), "not json at all");
        assertThat(missing.httpStatus()).isEqualTo(401);
        assertThat(v1.receive(Map.of("credential", "bearer-abc"), MANIFEST).httpStatus()).isEqualTo(401);
    }

    @Test
    void v2NeedsTheApiKeyAndAnAcceptedBearer() {
        assertThat(v2.receive(Map.of("x-api-key", "ups-client-id", "Authorization", "Bearer bearer-abc"), DELIVERED).isAccepted())
                .isTrue();
        assertThat(v2.receive(Map.of("x-api-key", "ups-client-id"), DELIVERED).httpStatus()).isEqualTo(401);
        assertThat(v2.receive(Map.of("x-api-key", "other", "Authorization", "Bearer bearer-abc"), DELIVERED).httpStatus())
                .isEqualTo(401);
        assertThat(v2.receive(Map.of("Authorization", "Bearer bearer-abc"), DELIVERED).httpStatus()).isEqualTo(401);
        assertThat(v2.receive(Map.of("x-api-key", "ups-client-id", "Authorization", "Bearer nope"), DELIVERED).httpStatus())
                .isEqualTo(401);
        assertThat(v2.receive(Map.of("credential", "current-cred"), DELIVERED).httpStatus()).isEqualTo(401);
    }

    @Test
    void v2WithGatewayAuthorizerChecksOnlyTheApiKey() {
        TrackAlertWebhookReceiver gated = new TrackAlertWebhookReceiver(TrackAlertVersion.V2,
                new WebhookSecret(null, null, "ups-client-id", List.of()), true, 65536, java.time.ZoneOffset.UTC);
        assertThat(gated.receive(Map.of("x-api-key", "ups-client-id"), DELIVERED).isAccepted()).isTrue();
        assertThat(gated.receive(Map.of(), DELIVERED).httpStatus()).isEqualTo(401);
    }

    @Test
    void v2WithNothingConfiguredFailsClosed() {
        TrackAlertWebhookReceiver none = new TrackAlertWebhookReceiver(TrackAlertVersion.V2,
                new WebhookSecret(null, null, null, List.of()));
        assertThat(none.receive(Map.of("Authorization", "Bearer x"), DELIVERED).httpStatus()).isEqualTo(401);
    }

    @Test
    void deliveredEventCarriesDeliveryTimeFromLocalTimeAndOffset() {
        WebhookVerdict verdict = v2.receive(Map.of("X-Api-Key", "ups-client-id", "authorization", "bearer bearer-abc"), DELIVERED);
        assertThat(verdict.update().status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(verdict.update().deliveredAt()).isEqualTo(Instant.parse("2024-04-23T13:50:04Z"));
        assertThat(verdict.update().eventTime()).isEqualTo(Instant.parse("2024-04-23T13:50:04Z"));
        assertThat(verdict.update().estimatedDelivery()).isEqualTo(LocalDate.of(2019, 10, 14));
    }

    @Test
    void typeDIsTheWholeDeliveryDayOnlyTheDeliveryCodeIsDelivered() {
        for (String code : List.of("YP", "OT")) {
            String event = DELIVERED.replace("\"code\":\"FS\",\"description\":\"Delivered\"",
                    "\"code\":\"" + code + "\",\"description\":\"Loaded on Delivery Vehicle\"")
                    .replace("\"actualDeliveryDate\":\"20240423\",\"actualDeliveryTime\":\"095004\",", "");
            WebhookVerdict verdict = v1.receive(Map.of("credential", "current-cred"), event);
            assertThat(verdict.update().status()).as(code).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
            assertThat(verdict.update().deliveredAt()).as(code).isNull();
        }
        assertThat(v1.receive(Map.of("credential", "current-cred"), DELIVERED).update().status())
                .isEqualTo(TrackingStatus.DELIVERED);
    }

    @Test
    void outForDeliveryTypeIWithCodeOt() {
        WebhookVerdict verdict = v1.receive(Map.of("credential", "current-cred"), OUT_FOR_DELIVERY);
        assertThat(verdict.update().status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
        assertThat(verdict.update().estimatedDelivery()).isEqualTo(LocalDate.of(2024, 4, 23));
    }

    @Test
    void eventIdIsStableForTheSameEvent() {
        String a = v1.receive(Map.of("credential", "current-cred"), OUT_FOR_DELIVERY).update().eventId();
        String b = v1.receive(Map.of("credential", "current-cred"), OUT_FOR_DELIVERY).update().eventId();
        String c = v1.receive(Map.of("credential", "current-cred"), MANIFEST).update().eventId();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void oversizedBodyIsRejectedAfterAuthentication() {
        String huge = "{\"trackingNumber\":\"1Z204W4R0308071865\",\"deliveryPhoto\":\"" + "A".repeat(70_000) + "\"}";
        WebhookVerdict verdict = v1.receive(Map.of("credential", "current-cred"), huge);
        assertThat(verdict.httpStatus()).isEqualTo(413);
        assertThat(verdict.rejectReason()).isEqualTo(Reason.WEBHOOK_TOO_LARGE);
        assertThat(v1.receive(Map.of(), huge).httpStatus()).isEqualTo(401);
    }

    @Test
    void multiByteBodyIsMeasuredInBytes() {
        TrackAlertWebhookReceiver small = new TrackAlertWebhookReceiver(TrackAlertVersion.V1, CREDS, false, 1000,
                java.time.ZoneOffset.UTC);
        String body = "{\"trackingNumber\":\"1Z204W4R0308071865\",\"x\":\"" + "é".repeat(600) + "\"}";
        assertThat(body.length()).isLessThan(1000);
        assertThat(small.receive(Map.of("credential", "current-cred"), body).httpStatus()).isEqualTo(413);
    }

    @Test
    void malformedBodiesAre400() {
        Map<String, String> ok = Map.of("credential", "current-cred");
        assertThat(v1.receive(ok, "{not json").rejectReason()).isEqualTo(Reason.WEBHOOK_MALFORMED);
        assertThat(v1.receive(ok, "{not json").httpStatus()).isEqualTo(400);
        assertThat(v1.receive(ok, "[1,2]").httpStatus()).isEqualTo(400);
        assertThat(v1.receive(ok, "").httpStatus()).isEqualTo(400);
        WebhookVerdict noNumber = v1.receive(ok, "{\"trackingNumber\":\"  \",\"activityStatus\":{\"type\":\"I\"}}");
        assertThat(noNumber.httpStatus()).isEqualTo(400);
        assertThat(noNumber.detail()).contains("trackingNumber");
        assertThat(v1.receive(ok, "{\"trackingNumber\":\"1Z204W4R0308071865\"}").httpStatus()).isEqualTo(400);
    }

    @Test
    void secretsAreNotPrinted() {
        assertThat(CREDS.toString()).doesNotContain("current-cred").doesNotContain("previous-cred").doesNotContain("bearer-abc");
        assertThat(v1.toString()).doesNotContain("current-cred");
    }

    @Test
    void credentialsParseFromTheWebhookSecret() throws Exception {
        WebhookSecret c = WebhookSecret.parse(com.epicorups.core.Json.mapper().readTree(
                "{\"credential\":\"a\",\"previousCredential\":\"\",\"apiKey\":\"k\",\"bearerTokens\":[\"t1\",\"t2\"]}"));
        assertThat(c.credential()).isEqualTo("a");
        assertThat(c.previousCredential()).isNull();
        assertThat(c.bearerTokens()).containsExactly("t1", "t2");
    }
}
