package com.epicorups.ups.quantumview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.port.QuantumViewBatch;
import com.epicorups.ups.UpsTestSupport;
import com.epicorups.ups.transport.UpsApiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpsQuantumViewTest {
    private final UpsTestSupport ups = new UpsTestSupport();
    private final UpsQuantumView qv = new UpsQuantumView(ups.http(ups.settingsBuilder().quantumViewSubscription("OutboundXML").build()));

    @AfterEach
    void close() throws Exception {
        ups.close();
    }

    static final String PAGE_1 = "{\"QuantumViewResponse\":{\"Response\":{\"TransactionReference\":{},\"ResponseStatusCode\":\"1\","
            + "\"ResponseStatusDescription\":\"Success\"},\"QuantumViewEvents\":{\"SubscriberID\":\"SUB1\",\"SubscriptionEvents\":[{"
            + "\"Name\":\"OutboundXML\",\"Number\":\"1\",\"SubscriptionStatus\":{\"Code\":\"A\"},\"SubscriptionFile\":[{"
            + "\"FileName\":\"261127_140019001\",\"StatusType\":{\"Code\":\"U\"},"
            + "\"Manifest\":[{\"ScheduledDeliveryDate\":\"20261201\",\"PickupDate\":\"20261127\","
            + "\"ReferenceNumber\":[{\"Value\":\"5001-1-1\"}],\"Package\":[{\"TrackingNumber\":\"1ZA1B2C30300000011\","
            + "\"Activity\":[{\"Date\":\"20261127\",\"Time\":\"101500\"}]},{\"TrackingNumber\":\"1ZA1B2C30300000022\"}]}],"
            + "\"Origin\":[{\"TrackingNumber\":\"1ZA1B2C30300000033\",\"Date\":\"20261127\",\"Time\":\"170000\","
            + "\"ScheduledDeliveryDate\":\"20261130\"}],"
            + "\"Exception\":[{\"TrackingNumber\":\"1ZA1B2C30300000044\",\"Date\":\"20261127\",\"Time\":\"180000\","
            + "\"StatusDescription\":\"Address Correction\",\"ReasonDescription\":\"The street number is incorrect\","
            + "\"RescheduledDeliveryDate\":\"20261203\"}]"
            + "}]}]},\"Bookmark\":\"WE9MVFFBMQ==\"}}";
    static final String PAGE_2 = "{\"QuantumViewResponse\":{\"Response\":{\"ResponseStatusCode\":\"1\"},\"QuantumViewEvents\":"
            + "{\"SubscriberID\":\"SUB1\",\"SubscriptionEvents\":{\"Name\":\"OutboundXML\",\"SubscriptionFile\":{"
            + "\"FileName\":\"261127_150019001\",\"StatusType\":{\"Code\":\"U\"},"
            + "\"Delivery\":{\"TrackingNumber\":\"1ZA1B2C30300000055\",\"Date\":\"20261128\",\"Time\":\"093000\","
            + "\"DeliveryLocation\":{\"Code\":\"M\",\"Description\":\"Front Door\"}},"
            + "\"Generic\":[{\"ActivityType\":\"VM\",\"TrackingNumber\":\"1ZA1B2C30300000066\",\"Activity\":{\"Date\":\"20261128\","
            + "\"Time\":\"080000\"}},{\"ActivityType\":\"UR\",\"TrackingNumber\":\"1ZA1B2C30300000077\"},"
            + "{\"ActivityType\":\"OT\",\"TrackingNumber\":\"1ZA1B2C30300000088\"},"
            + "{\"ActivityType\":\"FN\",\"TrackingNumber\":\"1ZA1B2C30300000099\"}]}}}}}";

    @Test
    void followsTheBookmarkAtTopLevelAndMapsEveryFileType() {
        ups.onSequence("/api/quantumview/v3/events", UpsTestSupport.json(200, PAGE_1), UpsTestSupport.json(200, PAGE_2));

        QuantumViewBatch batch = qv.readUnread();

        assertThat(batch.pages()).isEqualTo(2);
        assertThat(batch.retryAfter()).isNull();
        assertThat(batch.rawResponses()).containsExactly(PAGE_1, PAGE_2);
        List<JsonNode> sent = ups.requestsTo("/api/quantumview").stream().map(UpsTestSupport::body).toList();
        assertThat(sent).hasSize(2);
        JsonNode first = sent.get(0).path("QuantumViewRequest");
        assertThat(first.path("Request").path("RequestAction").asText()).isEqualTo("QVEvents");
        assertThat(first.path("SubscriptionRequest").get(0).path("Name").asText()).isEqualTo("OutboundXML");
        assertThat(first.has("Bookmark")).isFalse();
        assertThat(sent.get(1).path("QuantumViewRequest").path("Bookmark").asText()).isEqualTo("WE9MVFFBMQ==");
        assertThat(sent.get(1).path("QuantumViewRequest").path("SubscriptionRequest").get(0).has("Bookmark")).isFalse();

        Map<String, TrackingUpdate> byNumber = batch.updates().stream()
                .collect(Collectors.toMap(u -> u.trackingNumbers().get(0), u -> u));
        assertThat(byNumber).hasSize(8).doesNotContainKey("1ZA1B2C30300000099");
        assertThat(batch.updates()).allMatch(u -> u.source() == TrackingSource.QUANTUM_VIEW);
        TrackingUpdate manifest = byNumber.get("1ZA1B2C30300000011");
        assertThat(manifest.status()).isEqualTo(TrackingStatus.LABEL_CREATED);
        assertThat(manifest.estimatedDelivery()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(manifest.eventTime()).isEqualTo(Instant.parse("2026-11-27T10:15:00Z"));
        assertThat(byNumber.get("1ZA1B2C30300000022").status()).isEqualTo(TrackingStatus.LABEL_CREATED);
        assertThat(byNumber.get("1ZA1B2C30300000033").status()).isEqualTo(TrackingStatus.PICKED_UP);
        TrackingUpdate exception = byNumber.get("1ZA1B2C30300000044");
        assertThat(exception.status()).isEqualTo(TrackingStatus.EXCEPTION);
        assertThat(exception.estimatedDelivery()).isEqualTo(LocalDate.of(2026, 12, 3));
        assertThat(exception.statusDescription()).contains("Address Correction").contains("street number");
        TrackingUpdate delivered = byNumber.get("1ZA1B2C30300000055");
        assertThat(delivered.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(delivered.deliveredAt()).isEqualTo(Instant.parse("2026-11-28T09:30:00Z"));
        assertThat(byNumber.get("1ZA1B2C30300000066").status()).isEqualTo(TrackingStatus.VOIDED);
        assertThat(byNumber.get("1ZA1B2C30300000077").status()).isEqualTo(TrackingStatus.RETURNED);
        assertThat(byNumber.get("1ZA1B2C30300000088").status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
        assertThat(manifest.eventId()).contains("261127_140019001").contains("Manifest").contains("1ZA1B2C30300000011");
    }

    @Test
    void eventIdsAreStableAcrossReReads() {
        ups.on("/api/quantumview/v3/events", r -> UpsTestSupport.json(200, PAGE_2));
        List<String> a = qv.readUnread().updates().stream().map(TrackingUpdate::eventId).toList();
        List<String> b = qv.readUnread().updates().stream().map(TrackingUpdate::eventId).toList();
        assertThat(a).isEqualTo(b).doesNotHaveDuplicates();
    }

    @Test
    void minimumRetrySecondsInAResponseErrorBecomesRetryAfter() {
        ups.on("/api/quantumview/v3/events", r -> UpsTestSupport.json(200, "{\"QuantumViewResponse\":{\"Response\":{"
                + "\"ResponseStatusCode\":\"0\",\"Error\":[{\"ErrorSeverity\":\"Transient\",\"ErrorCode\":\"330030\","
                + "\"ErrorDescription\":\"Try again later\",\"MinimumRetrySeconds\":\"300\"}]}}}"));
        QuantumViewBatch batch = qv.readUnread();
        assertThat(batch.retryAfter()).isEqualTo(Duration.ofSeconds(300));
        assertThat(batch.updates()).isEmpty();
    }

    @Test
    void minimumRetrySecondsInAnHttpErrorBecomesRetryAfter() {
        ups.on("/api/quantumview/v3/events", r -> UpsTestSupport.json(400, "{\"response\":{\"errors\":[{\"code\":\"330030\","
                + "\"message\":\"busy\",\"MinimumRetrySeconds\":\"120\"}]}}"));
        assertThat(qv.readUnread().retryAfter()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void aFailureAfterTheFirstPageKeepsWhatWasRead() {
        ups.onSequence("/api/quantumview/v3/events", UpsTestSupport.json(200, PAGE_1),
                UpsTestSupport.error(400, "330001", "bad bookmark"));
        QuantumViewBatch batch = qv.readUnread();
        assertThat(batch.pages()).isEqualTo(1);
        assertThat(batch.updates()).hasSize(4);
        assertThat(batch.retryAfter()).isNotNull();
    }

    @Test
    void aFailureOnTheFirstPageThrows() {
        ups.on("/api/quantumview/v3/events", r -> UpsTestSupport.error(400, "330001", "bad subscription"));
        assertThatThrownBy(qv::readUnread).isInstanceOf(UpsApiException.class);
    }

    @Test
    void anEmptyFeedIsAnEmptyBatch() {
        ups.on("/api/quantumview/v3/events", r -> UpsTestSupport.json(200,
                "{\"QuantumViewResponse\":{\"Response\":{\"ResponseStatusCode\":\"1\"},\"QuantumViewEvents\":{\"SubscriberID\":\"S\"}}}"));
        QuantumViewBatch batch = qv.readUnread();
        assertThat(batch.updates()).isEmpty();
        assertThat(batch.pages()).isEqualTo(1);
    }

    @Test
    void pagingStopsAtTheConfiguredMaximum() {
        UpsQuantumView capped = new UpsQuantumView(ups.http(ups.settingsBuilder().quantumViewSubscription("OutboundXML")
                .quantumViewMaxPages(3).build()));
        ups.on("/api/quantumview/v3/events", r -> UpsTestSupport.json(200, PAGE_1));
        QuantumViewBatch batch = capped.readUnread();
        assertThat(batch.pages()).isEqualTo(3);
        assertThat(batch.retryAfter()).isEqualTo(Duration.ZERO);
    }
}
