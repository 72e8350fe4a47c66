package com.epicorups.store;

import java.time.Instant;
import java.util.Map;

/**
 * One audited operation.
 *
 * @param subjectKey    what it is about: a release key, a tracking number, or a poll id
 * @param reasonCode    specific code on failure or skip (ADDRESS_REJECTED, NO_WEIGHT, ...), else null
 * @param details       short summaries (request/response digests, tracking numbers, charges); never secrets
 *                      or whole labels
 * @param replayMessage the queue message body that would redo this work, when it can be replayed
 */
public record AuditEntry(
        String subjectKey,
        Instant at,
        AuditOperation operation,
        AuditOutcome outcome,
        String reasonCode,
        String message,
        long durationMillis,
        Map<String, String> details,
        String replayMessage) {

    public AuditEntry {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
