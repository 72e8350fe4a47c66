package com.epicorups.pipeline;

import com.epicorups.core.Reason;
import com.epicorups.logging.JsonLogger;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLines;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Records audit entries with their timing. An audit write that fails is logged, never allowed to turn a
 * finished piece of work into a failure (the ledger, not the audit, guards against doing it twice).
 * A FAILED or RETRYING entry is also logged ({@link AuditLines}), so the logs tell the same as the audit trail.
 */
final class Auditor {
    private static final JsonLogger LOG = JsonLogger.getLogger(Auditor.class);

    private final AuditLog log;
    private final Clock clock;

    Auditor(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant();
    }

    void record(String subject, AuditOperation operation, AuditOutcome outcome, Reason reason, String message,
                Instant started, Map<String, String> details, String replayMessage) {
        AuditEntry entry = entry(subject, operation, outcome, reason == null ? null : reason.code(), message, started,
                details, replayMessage);
        AuditLines.log(LOG, entry);
        write(entry);
    }

    /** A call refused for the caller's fault: audited FAILED, logged at WARN ({@link AuditLines#logRefusedCall}). */
    void recordRefusedCall(String subject, AuditOperation operation, Reason reason, String message,
                           Instant started, Map<String, String> details) {
        AuditEntry entry = entry(subject, operation, AuditOutcome.FAILED, reason.code(), message, started, details,
                null);
        AuditLines.logRefusedCall(LOG, entry);
        write(entry);
    }

    private AuditEntry entry(String subject, AuditOperation operation, AuditOutcome outcome, String reasonCode,
                             String message, Instant started, Map<String, String> details, String replayMessage) {
        Instant at = clock.instant();
        long millis = started == null ? 0 : Math.max(0, Duration.between(started, at).toMillis());
        return new AuditEntry(subject, at, operation, outcome, reasonCode, Texts.truncate(message, 1000), millis,
                details, replayMessage);
    }

    private void write(AuditEntry entry) {
        try {
            log.record(entry);
        } catch (RuntimeException e) {
            LOG.warn("audit_write_failed", "operation", entry.operation().name(), "outcome", entry.outcome().name(),
                    "error", e.getClass().getSimpleName());
        }
    }

    void record(String subject, AuditOperation operation, AuditOutcome outcome, Reason reason, String message,
                Instant started, Map<String, String> details) {
        record(subject, operation, outcome, reason, message, started, details, null);
    }

    /** An entry that repeats a code read back from the audit trail: data, perhaps written by an older version. */
    void recordWithStoredCode(String subject, AuditOperation operation, AuditOutcome outcome, String storedCode,
                              String message, Instant started, Map<String, String> details) {
        AuditEntry entry = entry(subject, operation, outcome, storedCode, message, started, details, null);
        AuditLines.log(LOG, entry);
        write(entry);
    }
}
