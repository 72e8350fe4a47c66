package com.epicorups.store;

import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.LogLevel;

/**
 * The log line beside an audit entry that reports failed or retried work, so the logs tell what the audit trail
 * tells: subject, operation, outcome, reason code and message; never the replay message or the details (bodies,
 * requests).
 */
public final class AuditLines {
    private AuditLines() {
    }

    /** {@code work_failed} at ERROR for a FAILED entry, {@code work_retrying} at WARN for a RETRYING one. */
    public static void log(JsonLogger log, AuditEntry entry) {
        if (entry.outcome() == AuditOutcome.FAILED) {
            write(log, LogLevel.ERROR, "work_failed", entry);
        } else if (entry.outcome() == AuditOutcome.RETRYING) {
            write(log, LogLevel.WARN, "work_retrying", entry);
        }
    }

    /**
     * {@code call_refused} at WARN: a call refused for the caller's fault (no or wrong credentials), audited FAILED
     * like any refusal; anyone who finds the URL can cause one, and an ERROR should mean our work failed.
     */
    public static void logRefusedCall(JsonLogger log, AuditEntry entry) {
        write(log, LogLevel.WARN, "call_refused", entry);
    }

    private static void write(JsonLogger log, LogLevel level, String event, AuditEntry e) {
        log.log(level, event, null, "subject", e.subjectKey(), "operation", e.operation().name(),
                "outcome", e.outcome().name(), "reasonCode", e.reasonCode(), "detail", e.message());
    }
}
