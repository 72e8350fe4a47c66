package com.epicorups.pipeline;

import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Re-enqueues the work of FAILED audit entries (for the operator CLI): each entry's replay message goes back
 * to the queue it came from (detail {@code replayQueue}: shipment-requests or tracking-updates). Replaying
 * is safe because the ledger makes redoing finished work a no-op; the same failure is still not replayed
 * twice: an entry with a later REPLAY entry for its subject is left alone unless forced.
 */
public final class AuditReplay {
    public static final String REPLAY_QUEUE = "replayQueue";

    private final AuditLog auditLog;
    private final Map<String, com.epicorups.queue.MessageQueue> queues;
    private final Auditor audit;

    /** @param queues by name: {@code shipment-requests} and {@code tracking-updates} */
    public AuditReplay(AuditLog auditLog, Map<String, com.epicorups.queue.MessageQueue> queues, Clock clock) {
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.queues = Map.copyOf(queues);
        this.audit = new Auditor(auditLog, clock);
    }

    public ReplaySummary replaySubject(String subjectKey, boolean force) {
        List<AuditEntry> history = auditLog.forSubject(subjectKey);
        return replay(history.stream().filter(e -> e.outcome() == AuditOutcome.FAILED).toList(), force);
    }

    public ReplaySummary replayDay(LocalDate day, boolean force) {
        return replay(auditLog.forDay(day, AuditOutcome.FAILED), force);
    }

    private ReplaySummary replay(List<AuditEntry> failures, boolean force) {
        int replayed = 0;
        int already = 0;
        int notReplayable = 0;
        List<String> subjects = new ArrayList<>();
        Set<String> sentBodies = new HashSet<>();
        for (AuditEntry failure : failures) {
            String queueName = failure.details().get(REPLAY_QUEUE);
            com.epicorups.queue.MessageQueue queue = queueName == null ? null : queues.get(queueName);
            if (failure.replayMessage() == null || queue == null) {
                notReplayable++;
                continue;
            }
            if (!force && replayedSince(failure)) {
                already++;
                continue;
            }
            if (!sentBodies.add(queueName + "\n" + failure.replayMessage())) {
                continue; // one failure audited under several operations: one message is enough
            }
            Instant started = Instant.now();
            queue.send(failure.replayMessage(), Map.of());
            replayed++;
            subjects.add(failure.subjectKey());
            audit.recordWithStoredCode(failure.subjectKey(), AuditOperation.REPLAY, AuditOutcome.SUCCESS,
                    failure.reasonCode(),
                    "re-enqueued to " + queueName + " the work that failed at " + failure.at(), started,
                    Map.of("failedAt", failure.at().toString(), "failedOperation", failure.operation().name(),
                            REPLAY_QUEUE, queueName));
        }
        return new ReplaySummary(replayed, already, notReplayable, subjects);
    }

    private boolean replayedSince(AuditEntry failure) {
        return auditLog.forSubject(failure.subjectKey()).stream()
                .anyMatch(e -> e.operation() == AuditOperation.REPLAY
                        && failure.at().toString().equals(e.details().get("failedAt")));
    }
}
