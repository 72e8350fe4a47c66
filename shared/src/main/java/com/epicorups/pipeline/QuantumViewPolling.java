package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.logging.CorrelationId;
import com.epicorups.logging.JsonLogger;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.port.QuantumView;
import com.epicorups.port.QuantumViewBatch;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.Checkpoint;
import com.epicorups.store.CheckpointStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Quantum View cycle. QV reads are consume-once: what UPS handed over exists nowhere else, so the updates
 * are enqueued before anything else can fail, and the raw responses are kept in the audit. When the enqueue
 * itself fails, every update is audited FAILED with its queue body as the replay message (AuditReplay
 * re-enqueues them). UPS's MinimumRetrySeconds is honoured through the {@code quantum-view} checkpoint.
 */
public final class QuantumViewPolling {
    private static final JsonLogger LOG = JsonLogger.getLogger(QuantumViewPolling.class);

    public static final String CHECKPOINT = "quantum-view";
    public static final String RETRY_NOT_BEFORE = "retryNotBefore";
    /** Raw responses beyond these sizes are truncated: DynamoDB items end at 400 KB. */
    static final int RAW_PER_RESPONSE = 64_000;
    static final int RAW_TOTAL = 300_000;

    private final QuantumView quantumView;
    private final MessageQueue trackingUpdates;
    private final CheckpointStore checkpoints;
    private final Auditor audit;
    private final Clock clock;

    public QuantumViewPolling(QuantumView quantumView, MessageQueue trackingUpdates, CheckpointStore checkpoints,
                              AuditLog auditLog, Clock clock) {
        this.quantumView = Objects.requireNonNull(quantumView, "quantumView");
        this.trackingUpdates = Objects.requireNonNull(trackingUpdates, "trackingUpdates");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), clock);
    }

    public QuantumViewSummary pollOnce(String pollId) {
        return CorrelationId.with(pollId, () -> poll(pollId));
    }

    private QuantumViewSummary poll(String pollId) {
        Instant started = clock.instant();
        Optional<Checkpoint> checkpoint = checkpoints.load(CHECKPOINT);
        Instant notBefore = checkpoint.map(c -> c.values().get(RETRY_NOT_BEFORE)).map(Instant::parse).orElse(null);
        if (notBefore != null && started.isBefore(notBefore)) {
            audit.record(pollId, AuditOperation.QUANTUM_VIEW_READ, AuditOutcome.SKIPPED, Reason.RETRY_AFTER,
                    "UPS asked us to wait until " + notBefore, started, Map.of());
            return new QuantumViewSummary(pollId, false, 0, 0, notBefore, null, null);
        }

        QuantumViewBatch batch;
        try {
            batch = quantumView.readUnread();
        } catch (ConnectorException e) {
            // Quantum View is optional: without a subscription a cycle is audited as skipped, not as a failure.
            AuditOutcome outcome = e.reason() == Reason.QUANTUM_VIEW_NOT_CONFIGURED ? AuditOutcome.SKIPPED
                    : e.isTransient() ? AuditOutcome.RETRYING : AuditOutcome.FAILED;
            audit.record(pollId, AuditOperation.QUANTUM_VIEW_READ, outcome, e.reason(),
                    Texts.messageOf(e), started, Map.of());
            return new QuantumViewSummary(pollId, false, 0, 0, null, null, e.reasonCode());
        }

        List<String> bodies = new ArrayList<>();
        for (TrackingUpdate update : batch.updates()) {
            bodies.add(serialise(update));
        }
        Reason enqueueError = null;
        try {
            if (!bodies.isEmpty()) {
                trackingUpdates.sendAll(bodies);
            }
        } catch (RuntimeException e) {
            enqueueError = e instanceof ConnectorException ce ? ce.reason() : Reason.ENQUEUE_FAILED;
            for (int i = 0; i < bodies.size(); i++) {
                TrackingUpdate u = batch.updates().get(i);
                String subject = u.releaseKey() != null ? u.releaseKey().asString()
                        : u.trackingNumbers().isEmpty() ? pollId : u.trackingNumbers().get(0);
                audit.record(subject, AuditOperation.TRACKING_UPDATE, AuditOutcome.FAILED, enqueueError,
                        "Quantum View event could not be enqueued: " + Texts.messageOf(e), started,
                        Map.of("replayQueue", TrackingWriting.SOURCE_QUEUE, "eventId", u.eventId(),
                                "pollId", pollId), bodies.get(i));
            }
        }

        Instant retryNotBefore = null;
        if (batch.retryAfter() != null && !batch.retryAfter().isZero() && !batch.retryAfter().isNegative()) {
            retryNotBefore = clock.instant().plus(batch.retryAfter());
            storeRetryNotBefore(checkpoint, retryNotBefore);
        }

        audit.record(pollId, AuditOperation.QUANTUM_VIEW_READ,
                enqueueError == null ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, enqueueError,
                batch.updates().size() + " update(s) from " + batch.pages() + " page(s)", started,
                rawDetails(batch, retryNotBefore));
        return new QuantumViewSummary(pollId, true, batch.pages(), enqueueError == null ? bodies.size() : 0, null,
                retryNotBefore, enqueueError == null ? null : enqueueError.code());
    }

    private void storeRetryNotBefore(Optional<Checkpoint> previous, Instant notBefore) {
        Map<String, String> values = new HashMap<>(previous.map(Checkpoint::values).orElse(Map.of()));
        values.put(RETRY_NOT_BEFORE, notBefore.toString());
        long version = previous.map(Checkpoint::version).orElse(0L);
        if (!checkpoints.compareAndSet(CHECKPOINT, version, values, clock.instant())) {
            // Another cycle wrote it concurrently; its value is as good as ours.
            LOG.warn("quantum_view_checkpoint_conflict", "expectedVersion", version);
        }
    }

    private static Map<String, String> rawDetails(QuantumViewBatch batch, Instant retryNotBefore) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("pages", String.valueOf(batch.pages()));
        details.put("updates", String.valueOf(batch.updates().size()));
        if (retryNotBefore != null) {
            details.put(RETRY_NOT_BEFORE, retryNotBefore.toString());
        }
        int budget = RAW_TOTAL;
        for (int i = 0; i < batch.rawResponses().size(); i++) {
            String raw = batch.rawResponses().get(i);
            int limit = Math.max(0, Math.min(RAW_PER_RESPONSE, budget));
            String kept = Texts.truncate(raw, limit);
            details.put("raw." + (i + 1), kept);
            budget -= Math.min(raw == null ? 0 : raw.length(), limit);
        }
        return details;
    }

    private static String serialise(TrackingUpdate update) {
        try {
            return Json.mapper().writeValueAsString(update);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a TrackingUpdate", e);
        }
    }
}
