package com.epicorups.cli.bench;

import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOutcome;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit trail as a function's heap sees it on AWS: entries leave the process (to DynamoDB) and are not kept.
 * Used by the memory probes so the figures are the function's, not an in-memory stand-in's for a table. Only
 * replay reads the audit trail, and the probes do not replay.
 */
final class WriteOnlyAuditLog implements AuditLog {
    private final AtomicLong recorded = new AtomicLong();

    @Override
    public void record(AuditEntry entry) {
        recorded.incrementAndGet();
    }

    @Override
    public List<AuditEntry> forSubject(String subjectKey) {
        return List.of();
    }

    @Override
    public List<AuditEntry> forDay(LocalDate day, AuditOutcome outcome) {
        return List.of();
    }

    long recorded() {
        return recorded.get();
    }
}
