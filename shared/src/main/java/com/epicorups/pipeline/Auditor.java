package com.epicorups.pipeline;

import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.LogLevel;
import com.epicorups.store.AuditEntry;
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
 * A FAILED or RETRYING entry is also logged (ERROR, WARN) with its subject, reason code and message, so the
 * logs tell the same as the audit trail; never the replay message or the details (bodies, requests).
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

    void record(String subject, AuditOperation operation, AuditOutcome outcome, String reasonCode, String message,
                Instant started, Map<String, String> details, String replayMessage) {
        String text = Texts.truncate(message, 1000);
        if (outcome == AuditOutcome.FAILED || outcome == AuditOutcome.RETRYING) {
            log(outcome == AuditOutcome.FAILED ? LogLevel.ERROR : LogLevel.WARN,
                    outcome == AuditOutcome.FAILED ? "work_failed" : "work_retrying",
                    subject, operation, outcome, reasonCode, text);
        }
        write(subject, operation, outcome, reasonCode, text, started, details, replayMessage);
    }

    /**
     * A call refused for the caller's fault (no or wrong credentials): audited FAILED like any refusal, but
     * logged at WARN, since anyone who finds the URL can cause one and an ERROR should mean our work failed.
     */
    void recordRefusedCall(String subject, AuditOperation operation, String reasonCode, String message,
                           Instant started, Map<String, String> details) {
        String text = Texts.truncate(message, 1000);
        log(LogLevel.WARN, "call_refused", subject, operation, AuditOutcome.FAILED, reasonCode, text);
        write(subject, operation, AuditOutcome.FAILED, reasonCode, text, started, details, null);
    }

    private static void log(LogLevel level, String event, String subject, AuditOperation operation,
                            AuditOutcome outcome, String reasonCode, String text) {
        LOG.log(level, event, null, "subject", subject, "operation", operation.name(), "outcome", outcome.name(),
                "reasonCode", reasonCode, "detail", text);
    }

    private void write(String subject, AuditOperation operation, AuditOutcome outcome, String reasonCode, String text,
                       Instant started, Map<String, String> details, String replayMessage) {
        Instant at = clock.instant();
        long millis = started == null ? 0 : Math.max(0, Duration.between(started, at).toMillis());
        try {
            log.record(new AuditEntry(subject, at, operation, outcome, reasonCode, text,
                    millis, details, replayMessage));
        } catch (RuntimeException e) {
            LOG.warn("audit_write_failed", "operation", operation.name(), "outcome", outcome.name(),
                    "error", e.getClass().getSimpleName());
        }
    }

    void record(String subject, AuditOperation operation, AuditOutcome outcome, String reasonCode, String message,
                Instant started, Map<String, String> details) {
        record(subject, operation, outcome, reasonCode, message, started, details, null);
    }
}
