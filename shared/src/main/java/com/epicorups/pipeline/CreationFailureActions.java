package com.epicorups.pipeline;

import com.epicorups.core.Reason;
import com.epicorups.logging.JsonLogger;
import com.epicorups.model.ReleaseKey;
import com.epicorups.pipeline.CreationDecision.Audit;
import com.epicorups.pipeline.CreationDecision.DeadLetter;
import com.epicorups.pipeline.CreationDecision.DeadLetterOnLastReceive;
import com.epicorups.pipeline.CreationDecision.LedgerChange;
import com.epicorups.pipeline.CreationDecision.Retry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.ShipmentLedger;
import com.epicorups.store.ShipmentRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Carries out what {@link CreationFailurePolicy} decided: the ledger, the audit, the DLQ and the message's result. */
final class CreationFailureActions {
    // The use case's logger: its lines read as before the use case was split into parts.
    private static final JsonLogger LOG = JsonLogger.getLogger(ShipmentCreation.class);

    private final ShipmentLedger ledger;
    private final DeadLetters deadLetters;
    private final Auditor audit;
    private final Clock clock;

    CreationFailureActions(ShipmentLedger ledger, DeadLetters deadLetters, Auditor audit, Clock clock) {
        this.ledger = ledger;
        this.deadLetters = deadLetters;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whom a decision is about: the audit subject, the message, and the ledger claim (none for a bad message). */
    private record Target(String subject, InboundMessage message, ReleaseKey key, String owner) {
    }

    /** @param started when the audited work started; null: untimed */
    MessageResult apply(ReleaseAttempt a, AuditOperation operation, CreationDecision decision, Instant started) {
        return apply(new Target(a.subject(), a.message(), a.key(), a.owner()), operation, decision, started);
    }

    /** A decision on a message that names no release. */
    MessageResult applyToMessage(InboundMessage message, CreationDecision decision) {
        return apply(new Target("message#" + message.messageId(), message, null, null),
                AuditOperation.SHIPMENT_CREATE, decision, null);
    }

    private MessageResult apply(Target t, AuditOperation operation, CreationDecision decision, Instant started) {
        return switch (decision) {
            case Retry r -> {
                change(t, r.reason(), r.ledger());
                if (r.audit() != null) {
                    record(t, operation, r.reason(), r.audit(), r.audit().text(), started);
                }
                yield MessageResult.retryAfter(r.reason(), r.detail(), r.retryAfter());
            }
            case DeadLetter d -> {
                record(t, operation, d.reason(), d.audit(), d.audit().text(), started);
                change(t, d.reason(), d.ledger());
                yield deadLetters.deadLetter(t.message(), d.reason(), d.text());
            }
            case DeadLetterOnLastReceive d -> {
                Optional<String> sent = deadLetters.deadLetterIfLastReceive(t.message(), d.reason(), d.why());
                if (sent.isEmpty()) {
                    yield apply(t, operation, d.otherwise(), started);
                }
                change(t, d.reason(), d.ledger());
                record(t, operation, d.reason(), d.audit(), sent.get(), started);
                yield MessageResult.deadLettered(d.reason(), sent.get());
            }
        };
    }

    private void record(Target t, AuditOperation operation, Reason reason, Audit entry, String text,
                        Instant started) {
        Map<String, String> details = entry.details();
        if (entry.withLedgerAttemptNumber()) {
            details = new LinkedHashMap<>(details);
            details.put("attempt", String.valueOf(t.key() == null ? 0
                    : ledger.get(t.key()).map(ShipmentRecord::attempt).orElse(0)));
        }
        audit.record(t.subject(), operation, entry.outcome(), reason, text, started, details,
                entry.withReplayMessage() ? t.message().body() : null);
    }

    /** Best effort: a claim left as it is lapses with its lease, and the next attempt reconciles by reference. */
    private void change(Target t, Reason reason, LedgerChange change) {
        switch (change) {
            case NONE -> { }
            case RELEASE_CLAIM -> {
                try {
                    ledger.releaseClaim(t.key(), t.owner());
                } catch (RuntimeException e) {
                    LOG.warn("release_claim_failed", "error", e.getClass().getSimpleName());
                }
            }
            case NEEDS_ATTENTION -> {
                try {
                    ledger.markNeedsAttention(t.key(), t.owner(), reason.code(), now());
                } catch (RuntimeException e) {
                    LOG.warn("mark_needs_attention_failed", "error", e.getClass().getSimpleName());
                }
            }
        }
    }

    private Instant now() {
        // The ledger keeps epoch milliseconds; equal instants must compare equal after a round trip.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
