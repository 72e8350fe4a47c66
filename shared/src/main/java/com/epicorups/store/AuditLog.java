package com.epicorups.store;

import java.time.LocalDate;
import java.util.List;

/** The append-only audit trail, queryable by subject and by day and outcome. */
public interface AuditLog {
    void record(AuditEntry entry);

    /** Entries about one subject, oldest first. */
    List<AuditEntry> forSubject(String subjectKey);

    /** Entries of one UTC day with the given outcome, oldest first. */
    List<AuditEntry> forDay(LocalDate day, AuditOutcome outcome);
}
