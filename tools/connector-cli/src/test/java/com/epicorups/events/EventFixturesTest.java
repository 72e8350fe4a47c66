package com.epicorups.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.epicorups.cli.lambdalocal.SampleEvents;
import com.epicorups.core.Json;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.model.WeightUnit;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The events/ files are what `sam local invoke -e` feeds the handlers: they must load as the handlers' inputs. */
class EventFixturesTest {
    private static final ReleaseKey RELEASE = new ReleaseKey("EPIC06", 5001, 1, 1);

    @Test
    void theSqsSamplesNameTheReleaseLambdaLocalSeeds() {
        assertThat(SampleEvents.RELEASE).isEqualTo(RELEASE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"order-poller", "quantum-view-poller", "subscription-renewer"})
    void scheduleEventsLoadAsScheduledEvents(String function) {
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/" + function + ".json");

        assertThat(event.getDetailType()).isEqualTo("Scheduled Event");
        assertThat(event.getSource()).isEqualTo("aws.scheduler");
        assertThat(event.getTime()).isNotNull();
        assertThat(event.getResources()).singleElement().asString().startsWith("arn:aws:scheduler:");
        assertThat(event.getId()).isNotBlank();
    }

    @Test
    void shipmentCreatorEventCarriesAShipmentRequestMessage() throws Exception {
        SQSEvent event = EventLoader.loadSQSEvent("events/shipment-creator.json");

        assertThat(event.getRecords()).hasSize(1);
        SQSEvent.SQSMessage record = event.getRecords().get(0);
        assertThat(record.getEventSource()).isEqualTo("aws:sqs");
        assertThat(record.getEventSourceArn()).endsWith(":epicor-ups-connector-shipment-requests");
        assertThat(record.getMd5OfBody()).isEqualTo(md5(record.getBody()));

        ShipmentRequestMessage message = Json.mapper().readValue(record.getBody(), ShipmentRequestMessage.class);
        assertThat(message.schemaVersion()).isEqualTo(ShipmentRequestMessage.CURRENT_SCHEMA);
        assertThat(message.polledAt()).isEqualTo(Instant.parse("2026-11-27T14:05:02.418Z"));
        assertThat(message.release().key()).isEqualTo(RELEASE);
        // A warehouse of the samples' settings, which the Epicor sandbox has: else the preflight stops the creator.
        assertThat(message.release().warehouse()).isEqualTo(SampleEvents.WAREHOUSE);
        assertThat(SampleEvents.connectorSettings().path("ups").path("warehouses").has(SampleEvents.WAREHOUSE))
                .isTrue();
        assertThat(message.release().weight()).isEqualByComparingTo(new BigDecimal("37.4"));
        assertThat(message.release().weightUnit()).isEqualTo(WeightUnit.LBS);
        assertThat(message.release().shipTo().countryCode()).isEqualTo("US");
        assertThat(message.release().shipTo().lines()).containsExactly("2100 Ridgeview Pkwy", "Suite 200");
        assertThat(message.release().shipTo().residential()).isFalse();
        // Round trip: what the poller would write is what the fixture holds.
        assertThat(Json.mapper().readTree(Json.mapper().writeValueAsString(message)))
                .isEqualTo(Json.mapper().readTree(record.getBody()));
    }

    @Test
    void trackingWriterEventCarriesATrackingUpdate() throws Exception {
        SQSEvent event = EventLoader.loadSQSEvent("events/tracking-writer.json");

        SQSEvent.SQSMessage record = event.getRecords().get(0);
        assertThat(record.getEventSourceArn()).endsWith(":epicor-ups-connector-tracking-updates");
        assertThat(record.getAttributes()).containsEntry("ApproximateReceiveCount", "1");
        assertThat(record.getMd5OfBody()).isEqualTo(md5(record.getBody()));

        TrackingUpdate update = Json.mapper().readValue(record.getBody(), TrackingUpdate.class);
        assertThat(update.source()).isEqualTo(TrackingSource.SHIPMENT_CREATOR);
        assertThat(update.status()).isEqualTo(TrackingStatus.LABEL_CREATED);
        assertThat(update.releaseKey()).isEqualTo(RELEASE);
        assertThat(update.trackingNumbers()).containsExactly("1Z12345E0205271686");
        assertThat(update.estimatedDelivery()).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(update.labelLocation()).startsWith("s3://");
        assertThat(Json.mapper().readTree(Json.mapper().writeValueAsString(update)))
                .isEqualTo(Json.mapper().readTree(record.getBody()));
    }

    /** Track Alert v2, the template's default: a bearer and the OAuth client id, no v1 credential header. */
    @Test
    void webhookEventIsATrackAlertV2Post() throws Exception {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("events/track-alert-webhook.json");

        assertThat(event.getHttpMethod()).isEqualTo("POST");
        assertThat(event.getResource()).isEqualTo("/ups/track-alert");
        assertThat(event.getRequestContext().getStage()).isEqualTo("v1");
        assertThat(event.getHeaders())
                .containsEntry("Authorization", "Bearer " + SampleEvents.WEBHOOK_BEARER)
                .containsEntry("x-api-key", SampleEvents.WEBHOOK_API_KEY)
                .doesNotContainKey("credential")
                .containsEntry("User-Agent", "UPSPubSubTrackingService");
        assertThat(event.getMultiValueHeaders())
                .containsEntry("Authorization", List.of("Bearer " + SampleEvents.WEBHOOK_BEARER))
                .containsEntry("x-api-key", List.of(SampleEvents.WEBHOOK_API_KEY))
                .doesNotContainKey("credential");
        assertThat(event.getIsBase64Encoded()).isFalse();

        JsonNode body = Json.mapper().readTree(event.getBody());
        assertThat(body.path("trackingNumber").asText()).isEqualTo(SampleEvents.TRACKING_NUMBER);
        assertThat(body.path("activityStatus").path("type").asText()).isEqualTo("I");
        assertThat(body.path("activityStatus").path("code").asText()).isEqualTo("OT");
        assertThat(body.path("gmtActivityDate").asText()).matches("\\d{8}");
        assertThat(body.path("gmtActivityTime").asText()).matches("\\d{6}");
    }

    private static String md5(String body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
    }
}
