package com.epicorups.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Reason;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.testing.MutableClock;
import com.epicorups.pipeline.TestDoubles.RecordingQueue;
import com.epicorups.port.TrackAlertReceiver;
import com.epicorups.port.WebhookVerdict;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.memory.InMemoryAuditLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackAlertIntakeTest {
    private static final String CREDENTIAL = "s3cr3t-credential-value";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final RecordingQueue queue = new RecordingQueue();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final TrackAlertReceiver receiver = (headers, body) -> !CREDENTIAL.equals(headers.get("credential"))
            ? WebhookVerdict.rejected(401, Reason.WEBHOOK_UNAUTHENTICATED, "credential does not match")
            : body.startsWith("not json") ? WebhookVerdict.rejected(400, Reason.WEBHOOK_MALFORMED, "body is not JSON")
            : WebhookVerdict.accepted(new TrackingUpdate("ta-1", TrackingSource.TRACK_ALERT, null, null,
            List.of("1ZA"), TrackingStatus.OUT_FOR_DELIVERY, "Out for delivery", clock.instant(), null, null, null));
    private final TrackAlertIntake intake = new TrackAlertIntake(receiver, queue, audit, clock);

    @Test
    void anAcceptedEventIsEnqueuedAndAnswered200() {
        WebhookResponse response = intake.receive(Map.of("credential", CREDENTIAL), "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(queue.bodiesAs(TrackingUpdate.class)).singleElement()
                .satisfies(u -> assertThat(u.eventId()).isEqualTo("ta-1"));
        assertThat(audit.all()).isEmpty();
    }

    @Test
    void aRejectedCallIsAuditedWithoutTheCredentialAndAnsweredWithTheVerdictsStatus() {
        WebhookResponse response = intake.receive(Map.of("credential", "wrong-" + CREDENTIAL), "{}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"error\":\"WEBHOOK_UNAUTHENTICATED\"}");
        assertThat(queue.sent).isEmpty();
        assertThat(audit.all()).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo(AuditOperation.WEBHOOK_RECEIVED);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.reasonCode()).isEqualTo("WEBHOOK_UNAUTHENTICATED");
            assertThat(e.toString()).doesNotContain(CREDENTIAL);
        });
    }

    @Test
    void aMalformedAuthenticatedBodyIsKeptInTheAuditAndAnUnauthenticatedOneIsNot() {
        String malformed = "not json: " + "x".repeat(TrackAlertIntake.BODY_EXCERPT_CHARS);
        assertThat(intake.receive(Map.of("credential", CREDENTIAL), malformed).statusCode()).isEqualTo(400);
        assertThat(intake.receive(Map.of("credential", "wrong"), "not json from a stranger").statusCode())
                .isEqualTo(401);

        assertThat(audit.all()).hasSize(2);
        assertThat(audit.all()).filteredOn(e -> e.reasonCode().equals(Reason.WEBHOOK_MALFORMED.code())).singleElement()
                .satisfies(e -> assertThat(e.details().get("bodyExcerpt"))
                        .startsWith(malformed.substring(0, TrackAlertIntake.BODY_EXCERPT_CHARS))
                        .contains("[truncated 10 chars]"));
        assertThat(audit.all()).filteredOn(e -> e.reasonCode().equals("WEBHOOK_UNAUTHENTICATED")).singleElement()
                .satisfies(e -> {
                    assertThat(e.details()).doesNotContainKey("bodyExcerpt");
                    assertThat(e.toString()).doesNotContain("stranger");
                });
    }

    @Test
    void whenTheQueueIsDownUpsIsAskedToDeliverAgain() {
        queue.failures.set(1);
        WebhookResponse response = intake.receive(Map.of("credential", CREDENTIAL), "{}");
        assertThat(response.statusCode()).isEqualTo(503);
    }

    /** UPS documents no redelivery of Track Alert events: the accepted event must be replayable from the audit. */
    @Test
    void anAcceptedEventTheQueueCouldNotTakeIsAFailureTheOperatorCanReplay() {
        queue.failures.set(1);
        intake.receive(Map.of("credential", CREDENTIAL), "{}");

        assertThat(audit.all()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.reasonCode()).isEqualTo("ENQUEUE_FAILED");
            assertThat(e.details()).containsEntry("replayQueue", "tracking-updates");
        });
        RecordingQueue replayTo = new RecordingQueue();
        ReplaySummary replayed = new AuditReplay(audit, Map.of("tracking-updates", replayTo), clock).replaySubject("1ZA",
                false);

        assertThat(replayed.replayed()).isEqualTo(1);
        assertThat(replayTo.bodiesAs(TrackingUpdate.class)).singleElement()
                .satisfies(u -> assertThat(u.eventId()).isEqualTo("ta-1"));
    }

    /** Issue 17: 10,000 calls with a wrong credential over ten minutes. */
    @Test
    void aFloodOfRefusedCallsLeavesAFewAuditItemsAndOneMetricSeriesThatCountsEveryCall() throws Exception {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.epicorups.logging.LogConfig previous = com.epicorups.logging.JsonLogger.configure(
                new com.epicorups.logging.LogConfig(com.epicorups.logging.LogLevel.INFO, "connector-test", lines::add,
                        clock));
        try {
            for (int i = 0; i < 10_000; i++) {
                intake.receive(new WebhookCall("POST", Map.of("credential", "guess-" + i), "{}", false,
                        "203.0.113." + (i % 50)));
                clock.advance(java.time.Duration.ofMillis(60));
            }
            intake.receive(Map.of("credential", CREDENTIAL), "{}"); // a later call writes the last minute's count
        } finally {
            com.epicorups.logging.JsonLogger.configure(previous);
        }

        assertThat(audit.all()).as("at most two items per minute: the first refused call and the minute's count")
                .hasSizeLessThanOrEqualTo(22).allSatisfy(e -> {
                    assertThat(e.subjectKey()).isEqualTo(RefusedWebhookCalls.SUBJECT);
                    assertThat(e.toString()).doesNotContain("guess-");
                });
        long counted = audit.all().stream().mapToLong(e -> Long.parseLong(e.details().getOrDefault("count", "1")))
                .sum();
        assertThat(counted).as("every call counted in the audit").isEqualTo(10_000);
        assertThat(audit.all()).filteredOn(e -> e.details().containsKey("count")).first().satisfies(e -> {
            assertThat(e.details().get("sourceIps").split(",")).hasSizeLessThanOrEqualTo(20);
            assertThat(e.details()).containsKey("reason.WEBHOOK_UNAUTHENTICATED");
        });
        List<com.fasterxml.jackson.databind.JsonNode> metrics = new java.util.ArrayList<>();
        for (String line : lines) {
            com.fasterxml.jackson.databind.JsonNode node = com.epicorups.core.Json.mapper().readTree(line);
            if (node.has("_aws")) {
                metrics.add(node);
            }
        }
        assertThat(metrics.stream().map(m -> m.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0)
                .path("Name").asText()).distinct()).as("one metric series").containsExactly(RefusedWebhookCalls.METRIC);
        assertThat(metrics.stream().mapToLong(m -> m.path(RefusedWebhookCalls.METRIC).asLong()).sum())
                .isEqualTo(10_000);
        assertThat(lines.size()).as("log lines: a few per minute, not one per call").isLessThan(100);
        assertThat(queue.bodiesAs(TrackingUpdate.class)).hasSize(1);
    }

    @Test
    void aMalformedAuthenticatedBodyIsKeptWholeAndReplayedOnceItCanBeParsed() {
        String body = "not json yet " + "y".repeat(20_000);
        assertThat(intake.receive(Map.of("credential", CREDENTIAL), body).statusCode()).isEqualTo(400);

        assertThat(audit.all()).singleElement().satisfies(e -> {
            assertThat(e.reasonCode()).isEqualTo("WEBHOOK_MALFORMED");
            assertThat(e.replayMessage()).as("whole, not an excerpt").isEqualTo(body);
            assertThat(e.details()).containsEntry(AuditReplay.REPLAY_QUEUE, TrackAlertIntake.REPLAY_TRACK_ALERT_EVENT);
        });
        RecordingQueue trackingUpdates = new RecordingQueue();
        java.util.concurrent.atomic.AtomicBoolean fixed = new java.util.concurrent.atomic.AtomicBoolean();
        TrackAlertEventReplay replayTarget = new TrackAlertEventReplay(b -> fixed.get()
                ? receiver.receive(Map.of("credential", CREDENTIAL), "{}")
                : WebhookVerdict.rejected(400, Reason.WEBHOOK_MALFORMED, "body is not JSON"), trackingUpdates);
        AuditReplay replay = new AuditReplay(audit, Map.of(TrackAlertIntake.REPLAY_TRACK_ALERT_EVENT, replayTarget),
                clock);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> replay.replaySubject(TrackAlertIntake.AUDIT_SUBJECT, false))
                .hasMessageContaining("still cannot be parsed");
        assertThat(trackingUpdates.sent).isEmpty();

        fixed.set(true);
        assertThat(replay.replaySubject(TrackAlertIntake.AUDIT_SUBJECT, false).replayed()).isEqualTo(1);
        assertThat(trackingUpdates.bodiesAs(TrackingUpdate.class)).singleElement()
                .satisfies(u -> assertThat(u.eventId()).isEqualTo("ta-1"));
    }
}
