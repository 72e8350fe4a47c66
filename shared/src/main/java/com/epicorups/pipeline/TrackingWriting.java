package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.port.EpicorWriteBack;
import com.epicorups.port.TrackingFacts;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.ProcessedEventStore;
import com.epicorups.store.ShipmentLedger;
import com.epicorups.store.ShipmentRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The one path into Epicor: writes one TrackingUpdate's facts onto its release.
 *
 * <p>Duplicates are dropped by event id ({@link ProcessedEventStore}, remembered only after a successful
 * write). The release comes from the update's release key, else from the ledger's tracking-number index.
 * An event that would move the release backwards (the ledger refuses it) is STALE: its status is not
 * written, but the tracking numbers and label location still are, so Epicor never lacks them. The same
 * event redelivered after a failed write is not stale: the ledger already holds exactly its status and time.
 */
public final class TrackingWriting implements MessageHandler {
    public static final String SOURCE_QUEUE = "tracking-updates";

    private final ShipmentLedger ledger;
    private final EpicorWriteBack epicor;
    private final ProcessedEventStore processed;
    private final DeadLetters deadLetters;
    private final Auditor audit;
    private final Clock clock;

    public TrackingWriting(ShipmentLedger ledger, EpicorWriteBack epicor, ProcessedEventStore processed,
                           AuditLog auditLog, MessageQueue deadLetterQueue, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.epicor = Objects.requireNonNull(epicor, "epicor");
        this.processed = Objects.requireNonNull(processed, "processed");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), clock);
        this.deadLetters = new DeadLetters(Objects.requireNonNull(deadLetterQueue, "deadLetterQueue"), SOURCE_QUEUE,
                clock);
    }

    @Override
    public MessageResult handle(InboundMessage message) {
        TrackingUpdate update;
        try {
            update = parse(message.body());
        } catch (ConnectorException e) {
            audit.record("message#" + message.messageId(), AuditOperation.TRACKING_UPDATE, AuditOutcome.FAILED,
                    e.reasonCode(), Texts.messageOf(e), null, Map.of("replayQueue", SOURCE_QUEUE), message.body());
            return sendToDlq(message, e.reasonCode(), Texts.messageOf(e));
        }
        String subject = update.releaseKey() != null ? update.releaseKey().asString()
                : update.trackingNumbers().get(0);
        return Correlation.with(subject, () -> handle(message, update, subject));
    }

    private MessageResult handle(InboundMessage message, TrackingUpdate update, String initialSubject) {
        Instant started = clock.instant();
        String subject = initialSubject;
        AuditOperation step = AuditOperation.TRACKING_UPDATE;
        try {
            if (processed.seen(update.eventId())) {
                audit.record(subject, AuditOperation.TRACKING_UPDATE, AuditOutcome.SKIPPED, "DUPLICATE_EVENT",
                        "event " + update.eventId() + " was already written", started, eventDetails(update));
                return MessageResult.skipped("DUPLICATE_EVENT", update.eventId());
            }
            Optional<ShipmentRecord> record;
            ReleaseKey key;
            if (update.releaseKey() != null) {
                key = update.releaseKey();
                record = ledger.get(key);
            } else {
                record = findByTrackingNumbers(update.trackingNumbers());
                if (record.isEmpty()) {
                    audit.record(subject, AuditOperation.TRACKING_UPDATE, AuditOutcome.SKIPPED,
                            "UNKNOWN_TRACKING_NUMBER", "no shipped release has tracking number(s) "
                                    + update.trackingNumbers(), started, eventDetails(update));
                    return MessageResult.skipped("UNKNOWN_TRACKING_NUMBER", update.trackingNumbers().toString());
                }
                key = record.get().key();
                subject = key.asString();
                Correlation.set(subject);
            }

            boolean applied = ledger.recordStatus(key, update.status(), update.eventTime());
            boolean sameFact = record.isPresent() && record.get().lastStatus() == update.status()
                    && sameInstant(record.get().lastEventTime(), update.eventTime());
            // A release key without a ledger item only comes from an operator's hand: write what it says.
            boolean current = applied || sameFact || record.isEmpty();

            List<String> numbers = mergedNumbers(record, update);
            String labelLocation = update.labelLocation() != null ? update.labelLocation()
                    : record.map(ShipmentRecord::labelLocation).orElse(null);
            TrackingFacts facts = current
                    ? new TrackingFacts(numbers, update.status(), update.statusDescription(),
                    update.estimatedDelivery(), update.deliveredAt(), labelLocation)
                    : new TrackingFacts(numbers, null, null, null, null, labelLocation);

            step = AuditOperation.EPICOR_WRITE;
            Instant t = clock.instant();
            Map<String, Object> written = epicor.write(key, facts);
            Map<String, String> writtenDetails = new LinkedHashMap<>();
            written.forEach((field, value) -> writtenDetails.put("field." + field,
                    Texts.truncate(String.valueOf(value), 500)));
            audit.record(subject, AuditOperation.EPICOR_WRITE,
                    written.isEmpty() ? AuditOutcome.SKIPPED : AuditOutcome.SUCCESS,
                    written.isEmpty() ? "NOTHING_TO_WRITE" : null,
                    written.isEmpty() ? "Epicor already had these facts" : written.size() + " field(s) written",
                    t, writtenDetails);

            step = AuditOperation.TRACKING_UPDATE;
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (!numbers.isEmpty()) {
                ledger.markWritten(key, now);
            }
            processed.remember(update.eventId(), now);
            if (current) {
                audit.record(subject, AuditOperation.TRACKING_UPDATE, AuditOutcome.SUCCESS, null,
                        update.status() + " from " + update.source(), started, eventDetails(update));
                return MessageResult.done();
            }
            String last = record.map(r -> r.lastStatus() + " at " + r.lastEventTime()).orElse("?");
            audit.record(subject, AuditOperation.TRACKING_UPDATE, AuditOutcome.SKIPPED, "STALE_EVENT",
                    update.status() + " at " + update.eventTime() + " is older than " + last
                            + "; only tracking numbers and label location written", started, eventDetails(update));
            return MessageResult.skipped("STALE_EVENT", update.eventId());
        } catch (ConnectorException e) {
            if (e.isTransient()) {
                return retry(message, subject, step, e.reasonCode(), Texts.messageOf(e), started);
            }
            audit.record(subject, step, AuditOutcome.FAILED, e.reasonCode(), Texts.messageOf(e), started,
                    withReplay(eventDetails(update)), message.body());
            return sendToDlq(message, e.reasonCode(), Texts.messageOf(e));
        } catch (RuntimeException e) {
            return retry(message, subject, step, "UNEXPECTED_ERROR",
                    e.getClass().getName() + ": " + Texts.messageOf(e), started);
        }
    }

    private MessageResult retry(InboundMessage message, String subject, AuditOperation step, String reason,
                                String text, Instant started) {
        audit.record(subject, step, AuditOutcome.RETRYING, reason, text, started,
                Map.of("replayQueue", SOURCE_QUEUE), message.body());
        return MessageResult.retry(reason, text);
    }

    private Optional<ShipmentRecord> findByTrackingNumbers(List<String> numbers) {
        for (String number : numbers) {
            Optional<ShipmentRecord> found = ledger.findByTrackingNumber(number);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private MessageResult sendToDlq(InboundMessage message, String reason, String text) {
        try {
            deadLetters.send(message, reason, text);
        } catch (RuntimeException e) {
            PipelineLog.warn("dead_letter_send_failed", Map.of("reasonCode", reason,
                    "error", e.getClass().getSimpleName()));
            return MessageResult.retry("DLQ_UNAVAILABLE", reason);
        }
        return MessageResult.deadLettered(reason, text);
    }

    private static List<String> mergedNumbers(Optional<ShipmentRecord> record, TrackingUpdate update) {
        Set<String> numbers = new LinkedHashSet<>();
        record.ifPresent(r -> numbers.addAll(r.trackingNumbers()));
        numbers.addAll(update.trackingNumbers());
        return List.copyOf(numbers);
    }

    private static boolean sameInstant(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.truncatedTo(ChronoUnit.MILLIS).equals(b.truncatedTo(ChronoUnit.MILLIS));
    }

    private static Map<String, String> eventDetails(TrackingUpdate u) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("eventId", u.eventId());
        details.put("source", String.valueOf(u.source()));
        details.put("status", String.valueOf(u.status()));
        details.put("trackingNumbers", String.join(",", u.trackingNumbers()));
        if (u.eventTime() != null) {
            details.put("eventTime", u.eventTime().toString());
        }
        return details;
    }

    private static Map<String, String> withReplay(Map<String, String> details) {
        Map<String, String> copy = new LinkedHashMap<>(details);
        copy.put("replayQueue", SOURCE_QUEUE);
        return copy;
    }

    static TrackingUpdate parse(String body) {
        if (body == null || body.isBlank()) {
            throw malformed("empty message body");
        }
        TrackingUpdate update;
        try {
            update = Json.mapper().readValue(body, TrackingUpdate.class);
        } catch (Exception e) {
            String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int newline = text.indexOf('\n');
            throw malformed("not a TrackingUpdate: " + Texts.truncate(newline > 0 ? text.substring(0, newline)
                    : text, 300));
        }
        if (update == null || update.eventId() == null || update.eventId().isBlank()) {
            throw malformed("TrackingUpdate without an eventId");
        }
        if (update.status() == null) {
            throw malformed("TrackingUpdate " + update.eventId() + " without a status");
        }
        if (update.releaseKey() == null && update.trackingNumbers().isEmpty()) {
            throw malformed("TrackingUpdate " + update.eventId() + " names neither a release nor a tracking number");
        }
        return update;
    }

    private static ConnectorException malformed(String message) {
        return new ConnectorException(FailureKind.PERMANENT, "MALFORMED_MESSAGE", message);
    }
}
