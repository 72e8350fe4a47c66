package com.epicorups.pipeline;

import static com.epicorups.pipeline.TestDoubles.transientError;
import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Reason;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.testing.MutableClock;
import com.epicorups.pipeline.TestDoubles.RecordingQueue;
import com.epicorups.port.QuantumView;
import com.epicorups.port.QuantumViewBatch;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuantumViewPollingTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
    private final RecordingQueue queue = new RecordingQueue();
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final Deque<Object> script = new ArrayDeque<>();
    private int reads;
    private final QuantumView quantumView = () -> {
        reads++;
        Object next = script.poll();
        if (next instanceof RuntimeException e) {
            throw e;
        }
        return (QuantumViewBatch) next;
    };
    private final QuantumViewPolling polling = new QuantumViewPolling(quantumView, queue, checkpoints, audit, clock);

    private static TrackingUpdate update(String id, String tracking) {
        return new TrackingUpdate(id, TrackingSource.QUANTUM_VIEW, null, null, List.of(tracking),
                TrackingStatus.IN_TRANSIT, "Departed", Instant.parse("2026-11-27T11:00:00Z"), null, null, null);
    }

    @Test
    void enqueuesEveryUpdateAndKeepsTheRawResponsesInTheAudit() {
        String bigRaw = "{\"QuantumViewResponse\":\"" + "x".repeat(100_000) + "\"}";
        script.add(new QuantumViewBatch(List.of(update("qv-1", "1ZA"), update("qv-2", "1ZB")),
                List.of("{\"page\":1}", bigRaw), 2, null));

        QuantumViewSummary summary = polling.pollOnce("poll-1");

        assertThat(summary.read()).isTrue();
        assertThat(summary.updatesEnqueued()).isEqualTo(2);
        assertThat(queue.bodiesAs(TrackingUpdate.class)).extracting(TrackingUpdate::eventId)
                .containsExactly("qv-1", "qv-2");
        AuditEntry read = audit.forSubject("poll-1").get(0);
        assertThat(read.operation()).isEqualTo(AuditOperation.QUANTUM_VIEW_READ);
        assertThat(read.outcome()).isEqualTo(AuditOutcome.SUCCESS);
        assertThat(read.details()).containsEntry("raw.1", "{\"page\":1}").containsEntry("pages", "2");
        assertThat(read.details().get("raw.2")).startsWith("{\"QuantumViewResponse\"").contains("[truncated")
                .hasSizeLessThan(QuantumViewPolling.RAW_PER_RESPONSE + 100);
    }

    @Test
    void honoursRetryAfterBySkippingCyclesUntilThen() {
        script.add(new QuantumViewBatch(List.of(), List.of("{}"), 1, Duration.ofMinutes(30)));
        QuantumViewSummary first = polling.pollOnce("poll-1");
        assertThat(first.retryNotBefore()).isEqualTo(Instant.parse("2026-11-27T12:30:00Z"));

        clock.advance(Duration.ofMinutes(15));
        QuantumViewSummary second = polling.pollOnce("poll-2");
        assertThat(second.read()).isFalse();
        assertThat(second.skippedUntil()).isEqualTo(Instant.parse("2026-11-27T12:30:00Z"));
        assertThat(reads).isEqualTo(1);

        clock.advance(Duration.ofMinutes(16));
        script.add(new QuantumViewBatch(List.of(update("qv-3", "1ZC")), List.of("{}"), 1, null));
        assertThat(polling.pollOnce("poll-3").updatesEnqueued()).isEqualTo(1);
        assertThat(reads).isEqualTo(2);
    }

    @Test
    void whenTheQueueFailsEachConsumedUpdateIsAuditedWithItsReplayMessage() {
        queue.failures.set(1);
        script.add(new QuantumViewBatch(List.of(update("qv-1", "1ZA")), List.of("{}"), 1, null));

        QuantumViewSummary summary = polling.pollOnce("poll-1");

        assertThat(summary.error()).isEqualTo("QUEUE_SEND_FAILED");
        AuditEntry lost = audit.forSubject("1ZA").get(0);
        assertThat(lost.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(lost.replayMessage()).contains("\"eventId\":\"qv-1\"");
        assertThat(lost.details()).containsEntry("replayQueue", "tracking-updates");
    }

    @Test
    void aFailedReadIsAuditedAndNothingIsEnqueued() {
        script.add(transientError("UPS_UNAVAILABLE"));

        QuantumViewSummary summary = polling.pollOnce("poll-1");

        assertThat(summary.error()).isEqualTo("UPS_UNAVAILABLE");
        assertThat(queue.sent).isEmpty();
        assertThat(audit.forSubject("poll-1")).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.RETRYING));
    }

    @Test
    void withoutASubscriptionACycleIsASkipNotAFailure() {
        script.add(new com.epicorups.core.ConnectorException(Reason.QUANTUM_VIEW_NOT_CONFIGURED,
                "ups.quantumViewSubscription is not configured"));

        QuantumViewSummary summary = polling.pollOnce("poll-1");

        assertThat(summary.read()).isFalse();
        assertThat(audit.forSubject("poll-1")).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SKIPPED);
            assertThat(e.reasonCode()).isEqualTo("QUANTUM_VIEW_NOT_CONFIGURED");
        });
    }
}
