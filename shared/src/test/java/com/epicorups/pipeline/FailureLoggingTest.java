package com.epicorups.pipeline;

import static com.epicorups.pipeline.TestDoubles.KEY;
import static com.epicorups.pipeline.TestDoubles.permanent;
import static com.epicorups.pipeline.TestDoubles.requestBody;
import static com.epicorups.pipeline.TestDoubles.transientError;
import static com.epicorups.pipeline.TestDoubles.usAddress;
import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.epicorups.epicor.error.EpicorAuthException;
import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.LogConfig;
import com.epicorups.logging.LogLevel;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.pipeline.MessageResult.Disposition;
import com.epicorups.port.EpicorWriteBack;
import com.epicorups.port.TrackingFacts;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.memory.InMemoryProcessedEventStore;
import com.epicorups.ups.UpsSettings.TrackAlertVersion;
import com.epicorups.ups.trackalert.TrackAlertWebhookReceiver;
import com.epicorups.ups.trackalert.WebhookSecret;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input must be told in the logs as well as in the audit trail: every failed or retried piece of work writes
 * one log line with the same reason code and detail as its audit entry (never the message body or a credential).
 */
class FailureLoggingTest extends ShipmentCreationFixture {
    private static final String CREDENTIAL = "webhook-credential-value";
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private LogConfig previous;

    @BeforeEach
    void captureLogs() {
        previous = JsonLogger.configure(new LogConfig(LogLevel.INFO, "test", lines::add, Clock.systemUTC()));
    }

    @AfterEach
    void restoreLogs() {
        JsonLogger.configure(previous);
    }

    private List<JsonNode> linesWithReason(String reasonCode) {
        return lines.stream().map(FailureLoggingTest::parse)
                .filter(l -> reasonCode.equals(l.path("reasonCode").asText(null))).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMalformedWebhookIsLoggedWithItsReasonAndDetailButNotTheCredential() {
        TrackAlertIntake intake = new TrackAlertIntake(new TrackAlertWebhookReceiver(TrackAlertVersion.V1,
                new WebhookSecret(CREDENTIAL, null, null, List.of())), trackingUpdates, audit, clock);

        WebhookResponse response = intake.receive(Map.of("credential", CREDENTIAL),
                "{\"trackingNumber\":\"  \",\"activityStatus\":{\"type\":\"I\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(linesWithReason("WEBHOOK_MALFORMED")).singleElement().satisfies(l -> {
            assertThat(l.path("level").asText()).isEqualTo("ERROR");
            assertThat(l.path("outcome").asText()).isEqualTo("FAILED");
            assertThat(l.path("operation").asText()).isEqualTo("WEBHOOK_RECEIVED");
            assertThat(l.path("detail").asText()).isEqualTo("trackingNumber is missing");
        });
        assertThat(String.join("\n", lines)).doesNotContain(CREDENTIAL);
    }

    @Test
    void aCallWithoutTheCredentialIsAWarningNotAnErrorAndStillAudited() {
        TrackAlertIntake intake = new TrackAlertIntake(new TrackAlertWebhookReceiver(TrackAlertVersion.V1,
                new WebhookSecret(CREDENTIAL, null, null, List.of())), trackingUpdates, audit, clock);

        WebhookResponse response = intake.receive(Map.of("credential", "guess"), "{}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(linesWithReason("WEBHOOK_UNAUTHENTICATED")).singleElement().satisfies(l -> {
            assertThat(l.path("level").asText()).isEqualTo("WARN");
            assertThat(l.path("message").asText()).isEqualTo("call_refused");
            assertThat(l.path("outcome").asText()).isEqualTo("FAILED");
            assertThat(l.path("detail").asText()).isEqualTo("credential does not match");
        });
        assertThat(audit.all()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.reasonCode()).isEqualTo("WEBHOOK_UNAUTHENTICATED");
        });
        assertThat(String.join("\n", lines)).doesNotContain("guess");
    }

    @Test
    void anAddressUpsRejectsIsLoggedWithTheReleaseTheReasonAndTheDetailButNotTheMessageBody() {
        ShippableRelease enqueued = shippableInEpicor(KEY, usAddress("1 Nowhere Rd"));
        validation.rejects = a -> permanent("ADDRESS_REJECTED");
        ShipmentCreation creation = creationBuilder().build();

        MessageResult result = creation.handle(new InboundMessage("m-1", requestBody(enqueued), "rh", 1,
                "shipment-requests"));

        assertThat(result.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(linesWithReason("ADDRESS_REJECTED")).singleElement().satisfies(l -> {
            assertThat(l.path("level").asText()).isEqualTo("ERROR");
            assertThat(l.path("subject").asText()).isEqualTo(KEY.asString());
            assertThat(l.path("operation").asText()).isEqualTo("ADDRESS_VALIDATION");
            assertThat(l.path("detail").asText()).isEqualTo("ADDRESS_REJECTED detail");
            assertThat(l.has("replayMessage")).isFalse();
        });
        assertThat(String.join("\n", lines)).doesNotContain("1 Nowhere Rd");
    }

    @Test
    void aThrottledAttemptIsLoggedAsRetrying() {
        ShippableRelease enqueued = shippableInEpicor(KEY, usAddress("1 Peachtree St"));
        ups.failBeforeCreate = transientError("UPS_RATE_LIMITED");
        ShipmentCreation creation = creationBuilder().build();

        MessageResult result = creation.handle(new InboundMessage("m-1", requestBody(enqueued), "rh", 1,
                "shipment-requests"));

        assertThat(result.disposition()).isEqualTo(Disposition.RETRY);
        assertThat(linesWithReason("UPS_RATE_LIMITED")).singleElement().satisfies(l -> {
            assertThat(l.path("level").asText()).isEqualTo("WARN");
            assertThat(l.path("outcome").asText()).isEqualTo("RETRYING");
        });
    }

    @Test
    void aPersistentEpicor401IsLoggedAsACredentialsProblem() {
        EpicorWriteBack refusing = new EpicorWriteBack() {
            @Override
            public Map<String, Object> write(ReleaseKey key, TrackingFacts facts) {
                throw new EpicorAuthException(401, null, "PATCH Erp.BO.SalesOrderSvc/OrderRels: Epicor answered "
                        + "HTTP 401: Authorization has been denied for this request.");
            }
        };
        TrackingWriting writer = new TrackingWriting(memoryLedger, refusing, new InMemoryProcessedEventStore(), audit,
                dlq, clock);
        memoryLedger.claim(KEY, "creator", clock.instant(), Duration.ofMinutes(10));
        memoryLedger.markShipped(KEY, "creator", "1ZSHIP", List.of("1Z999AA10123456784"), null, clock.instant());
        TrackingUpdate update = new TrackingUpdate("created#1ZSHIP", TrackingSource.SHIPMENT_CREATOR, KEY, "1ZSHIP",
                List.of("1Z999AA10123456784"), TrackingStatus.LABEL_CREATED, "Shipment label created",
                clock.instant(), null, null, null);
        String body;
        try {
            body = Json.mapper().writeValueAsString(update);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }

        MessageResult result = writer.handle(new InboundMessage("m-1", body, "rh", 1, "tracking-updates"));

        assertThat(result.disposition()).isEqualTo(Disposition.DEAD_LETTERED);
        assertThat(linesWithReason("EPICOR_AUTH")).singleElement().satisfies(l -> {
            assertThat(l.path("level").asText()).isEqualTo("ERROR");
            assertThat(l.path("subject").asText()).isEqualTo(KEY.asString());
            assertThat(l.path("detail").asText()).contains("HTTP 401");
        });
    }
}
