package com.epicorups.pipeline;

import com.epicorups.core.Reason;
import com.epicorups.logging.EmbeddedMetrics;
import com.epicorups.logging.JsonLogger;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLines;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Webhook calls refused before they were known to be UPS's (no or a wrong credential, a method other than POST, a
 * body that is not base64), counted per minute instead of stored one by one: a flood of them would otherwise write
 * an audit item (kept 400 days) and a WARN line per call. The first refused call of a minute is audited and logged
 * at once, as before, so one wrong credential shows at once; the rest of that minute is counted (by reason, with
 * up to {@link #MAX_SOURCE_IPS} source IPs) and written as one summary item when a later call finds the minute
 * over. Each container writes at most two items and two log lines per minute, whatever the flood, and the
 * {@value #METRIC} metric (one series) counts every call for the alarm.
 *
 * <p>What a container counted in its last minute is written by its next call; a container Lambda retires first
 * takes that remainder with it (the metric already has it: it is emitted at the first call and at each summary).
 */
public final class RefusedWebhookCalls {
    public static final String METRIC = "WebhookRefusedCalls";
    public static final String SUBJECT = "webhook#refused";
    static final int MAX_SOURCE_IPS = 20;
    private static final JsonLogger LOG = JsonLogger.getLogger(RefusedWebhookCalls.class);

    private final AuditLog auditLog;
    private final Clock clock;
    private Minute current;

    /** The calls counted in one minute after its first. */
    private static final class Minute {
        final Instant start;
        final Instant firstAt;
        long counted;
        final Map<String, Long> reasons = new TreeMap<>();
        final Set<String> sourceIps = new LinkedHashSet<>();
        long otherSourceIps;

        Minute(Instant start, Instant firstAt) {
            this.start = start;
            this.firstAt = firstAt;
        }
    }

    public RefusedWebhookCalls(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Counts one refused call; the first of a minute is audited and logged at once. */
    public synchronized void refuse(Reason reason, String detail, String sourceIp, int httpStatus) {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        if (current != null && current.start.equals(minute)) {
            current.counted++;
            current.reasons.merge(reason.code(), 1L, Long::sum);
            if (sourceIp != null && !current.sourceIps.contains(sourceIp)) {
                if (current.sourceIps.size() < MAX_SOURCE_IPS) {
                    current.sourceIps.add(sourceIp);
                } else {
                    current.otherSourceIps++;
                }
            }
            return;
        }
        flush();
        current = new Minute(minute, now);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("httpStatus", String.valueOf(httpStatus));
        details.put("minute", minute.toString());
        if (sourceIp != null) {
            details.put("sourceIp", sourceIp);
        }
        AuditEntry first = new AuditEntry(SUBJECT, now, AuditOperation.WEBHOOK_RECEIVED, AuditOutcome.FAILED,
                reason.code(), Texts.truncate(detail == null ? reason.code() : detail, 1000), 0, details, null);
        AuditLines.logRefusedCall(LOG, first);
        write(first);
        EmbeddedMetrics.count(METRIC, 1);
    }

    /** Writes the summary of a minute that is over (every webhook call asks, so a quiet flood still ends). */
    public synchronized void flushIfOver() {
        if (current != null && !current.start.equals(clock.instant().truncatedTo(ChronoUnit.MINUTES))) {
            flush();
        }
    }

    private void flush() {
        Minute m = current;
        current = null;
        if (m == null || m.counted == 0) {
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("minute", m.start.toString());
        details.put("count", String.valueOf(m.counted));
        m.reasons.forEach((code, n) -> details.put("reason." + code, String.valueOf(n)));
        details.put("sourceIps", String.join(",", m.sourceIps));
        if (m.otherSourceIps > 0) {
            details.put("otherSourceIps", String.valueOf(m.otherSourceIps));
        }
        String top = m.reasons.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(Reason.WEBHOOK_REJECTED.code());
        AuditEntry summary = new AuditEntry(SUBJECT, clock.instant(), AuditOperation.WEBHOOK_RECEIVED,
                AuditOutcome.FAILED, top, m.counted + " more refused call(s) in the minute from " + m.start
                + " after the one audited at " + m.firstAt + ": " + m.reasons, 0, details, null);
        LOG.warn("calls_refused_summary", "subject", SUBJECT, "minute", m.start.toString(), "count", m.counted,
                "reasons", m.reasons.toString(), "sourceIps", details.get("sourceIps"));
        write(summary);
        EmbeddedMetrics.count(METRIC, m.counted);
    }

    private void write(AuditEntry entry) {
        try {
            auditLog.record(entry);
        } catch (RuntimeException e) {
            LOG.warn("audit_write_failed", "operation", entry.operation().name(), "error",
                    e.getClass().getSimpleName());
        }
    }
}
