package com.epicorups.store.memory;

import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOutcome;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The local-run audit trail: same contract as the DynamoDB one, held in memory. */
public final class InMemoryAuditLog implements AuditLog {
    private final List<AuditEntry> entries = new ArrayList<>();
    // Indexed by subject like the table's partition key, so a long run does not scan everything per query.
    private final java.util.Map<String, List<AuditEntry>> bySubject = new java.util.HashMap<>();

    @Override
    public synchronized void record(AuditEntry entry) {
        entries.add(entry);
        bySubject.computeIfAbsent(entry.subjectKey(), k -> new ArrayList<>()).add(entry);
    }

    @Override
    public synchronized List<AuditEntry> forSubject(String subjectKey) {
        return bySubject.getOrDefault(subjectKey, List.of()).stream()
                .sorted(Comparator.comparing(AuditEntry::at)).toList();
    }

    @Override
    public synchronized List<AuditEntry> forDay(LocalDate day, AuditOutcome outcome) {
        return entries.stream()
                .filter(e -> e.outcome() == outcome)
                .filter(e -> LocalDate.ofInstant(e.at(), ZoneOffset.UTC).equals(day))
                .sorted(Comparator.comparing(AuditEntry::at))
                .toList();
    }

    public synchronized List<AuditEntry> all() {
        return List.copyOf(entries);
    }
}
