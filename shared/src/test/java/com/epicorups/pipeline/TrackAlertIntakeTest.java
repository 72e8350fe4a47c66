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
}
