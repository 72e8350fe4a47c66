package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.logging.CorrelationId;
import com.epicorups.logging.JsonLogger;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.port.EpicorWriteBack;
import com.epicorups.port.TrackingFacts;
import com.epicorups.port.WriteOutcome;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ProcessedEventStore;
import com.epicorups.store.ShipmentLedger;
import com.epicorups.store.ShipmentRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
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
    private static final JsonLogger LOG = JsonLogger.getLogger(TrackingWriting.class);

    public static final String SOURCE_QUEUE = "tracking-updates";

    private final ShipmentLedger ledger;
    private final EpicorWriteBack epicor;
    private final ProcessedEventStore processed;
    private final DeadLetters deadLetters;
    private final Auditor audit;
    private final Clock clock;
    private PackTracking packTracking;

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
        return open(List.of(message)).handle(message);
    }

    /**
     * The whole batch in three steps: each message is judged against the ledger in turn (duplicates, stale events
     * and facts Epicor already has end here, without an Epicor call); the facts that must reach Epicor are written
     * with one {@link EpicorWriteBack#writeCurrentAll} (one row per release: several updates of one release in a
     * batch are merged into the newest); then each message is finished with its release's outcome.
     */
    @Override
    public MessageBatch open(List<InboundMessage> messages) {
        // By identity: the batch processor hands back the very messages it prepared (ids may repeat or be absent).
        Map<InboundMessage, MessageResult> results = new IdentityHashMap<>();
        Map<InboundMessage, Pending> pending = new IdentityHashMap<>();
        List<Pending> toWrite = new ArrayList<>();
        for (InboundMessage message : messages) {
            if (results.containsKey(message) || pending.containsKey(message)) {
                continue;
            }
            Object judged;
            try {
                judged = judge(message);
            } catch (RuntimeException e) {
                // The audit log itself failed: leave the message for SQS to redeliver.
                judged = MessageResult.retry(Reason.UNEXPECTED_ERROR, e.getClass().getName());
            }
            if (judged instanceof Pending p) {
                pending.put(message, p);
                toWrite.add(p);
            } else {
                results.put(message, (MessageResult) judged);
            }
        }
        Map<ReleaseKey, WriteOutcome> outcomes = writeAll(toWrite);
        return message -> {
            MessageResult result = results.get(message);
            if (result != null) {
                return result;
            }
            Pending p = pending.get(message);
            if (p == null) {
                return open(List.of(message)).handle(message);
            }
            return CorrelationId.with(p.subject(), () -> finish(p, outcomes.get(p.key())));
        };
    }

    /** One message whose facts go to Epicor: what to write, and how to finish once it is written. */
    private record Pending(InboundMessage message, TrackingUpdate update, String subject, ReleaseKey key,
                           Optional<ShipmentRecord> record, boolean current, TrackingFacts facts, Instant started) {
        /** Written only after Epicor has it, so that a duplicate of it from another source writes nothing. */
        String factId() {
            return writtenFactId(key, update.status(), update.eventTime());
        }
    }

    /** A {@link MessageResult} when the message ends here, else a {@link Pending} write. */
    private Object judge(InboundMessage message) {
        TrackingUpdate update;
        try {
            update = parse(message.body());
        } catch (ConnectorException e) {
            audit.record("message#" + message.messageId(), AuditOperation.TRACKING_UPDATE, AuditOutcome.FAILED,
                    e.reason(), Texts.messageOf(e), null, Map.of("replayQueue", SOURCE_QUEUE), message.body());
            return sendToDlq(message, e.reason(), Texts.messageOf(e));
        }
        String subject = update.releaseKey() != null ? update.releaseKey().asString()
                : update.trackingNumbers().get(0);
        return CorrelationId.with(subject, () -> judge(message, update, subject));
    }

    private Object judge(InboundMessage message, TrackingUpdate update, String initialSubject) {
        Instant started = clock.instant();
        String subject = initialSubject;
        try {
            if (processed.seen(update.eventId())) {
                audit.record(subject, AuditOperation.TRACKING_UPDATE, AuditOutcome.SKIPPED, Reason.DUPLICATE_EVENT,
                        "event " + update.eventId() + " was already written", started, eventDetails(update));
                return MessageResult.skipped(Reason.DUPLICATE_EVENT, update.eventId());
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
                            Reason.UNKNOWN_TRACKING_NUMBER, "no shipped release has tracking number(s) "
                                    + update.trackingNumbers(), started, eventDetails(update));
                    return MessageResult.skipped(Reason.UNKNOWN_TRACKING_NUMBER, update.trackingNumbers().toString());
                }
                if (record.get().pack() != null) {
                    subject = record.get().pack().asString();
                    return packs().write(update, record.get(), started);
                }
                key = record.get().key();
                subject = key.asString();
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
                    update.estimatedDelivery(), update.deliveredAt(), labelLocation, update.customsFormsLocation(),
                    update.shippedService(), update.shippingCharge())
                    : new TrackingFacts(numbers, null, null, null, null, labelLocation, update.customsFormsLocation(),
                    update.shippedService(), update.shippingCharge());
            Pending p = new Pending(message, update, subject, key, record, current, facts, started);
            if (epicorHasIt(p, applied, sameFact)) {
                audit.record(subject, AuditOperation.EPICOR_WRITE, AuditOutcome.SKIPPED, Reason.NOTHING_TO_WRITE,
                        "Epicor already had these facts (shipment ledger)", clock.instant(), Map.of());
                return finishWritten(p, false);
            }
            return p;
        } catch (ConnectorException e) {
            if (e.isTransient()) {
                return retry(message, subject, AuditOperation.TRACKING_UPDATE, e.reason(), Texts.messageOf(e),
                        started);
            }
            audit.record(subject, AuditOperation.TRACKING_UPDATE, AuditOutcome.FAILED, e.reason(),
                    Texts.messageOf(e), started, withReplay(eventDetails(update)), message.body());
            return sendToDlq(message, e.reason(), Texts.messageOf(e));
        } catch (RuntimeException e) {
            return retry(message, subject, AuditOperation.TRACKING_UPDATE, Reason.UNEXPECTED_ERROR,
                    e.getClass().getName() + ": " + Texts.messageOf(e), started);
        }
    }

    /**
     * Whether Epicor already holds everything this message would write, by the ledger alone: the tracking
     * numbers and label went in once the ledger says WRITTEN, and the same status at the same time from another
     * source (Quantum View and Track Alert report the same scan) was written when its fact id is remembered.
     */
    private boolean epicorHasIt(Pending p, boolean applied, boolean sameFact) {
        ShipmentRecord r = p.record().orElse(null);
        if (r == null || r.state() != LedgerState.WRITTEN || !r.trackingNumbers().containsAll(p.facts().trackingNumbers())
                || (p.facts().labelLocation() != null && !p.facts().labelLocation().equals(r.labelLocation()))
                // The ledger does not keep the forms' location: an update that carries one is written.
                || p.facts().customsFormsLocation() != null || p.facts().shippedService() != null) {
            return false;
        }
        if (!p.current()) {
            return true; // a stale event: only numbers and label would be written
        }
        return !applied && sameFact && processed.seen(p.factId());
    }

    /** Writes the pending facts, one row per release (the newest update of a release wins its status facts). */
    private Map<ReleaseKey, WriteOutcome> writeAll(Collection<Pending> pending) {
        if (pending.isEmpty()) {
            return Map.of();
        }
        Map<ReleaseKey, TrackingFacts> facts = new LinkedHashMap<>();
        Map<ReleaseKey, TrackingFacts> readFirst = new LinkedHashMap<>();
        for (Pending p : pending) {
            Map<ReleaseKey, TrackingFacts> target = p.record().isEmpty() ? readFirst : facts;
            target.merge(p.key(), p.facts(), TrackingWriting::newer);
        }
        Map<ReleaseKey, WriteOutcome> outcomes = new LinkedHashMap<>();
        // Without a ledger item nothing orders the facts: let the writer compare with what Epicor has.
        readFirst.forEach((key, f) -> {
            try {
                outcomes.put(key, WriteOutcome.written(epicor.write(key, f)));
            } catch (RuntimeException e) {
                outcomes.put(key, WriteOutcome.failed(e));
            }
        });
        if (!facts.isEmpty()) {
            try {
                outcomes.putAll(epicor.writeCurrentAll(facts));
            } catch (RuntimeException e) {
                facts.keySet().forEach(key -> outcomes.put(key, WriteOutcome.failed(e)));
            }
            repairOvertaken(facts, outcomes);
        }
        return outcomes;
    }

    /**
     * Another invocation may have recorded (and written) a newer status for the same release while this one was
     * writing an older one: Epicor would then end on the older status. The ledger knows; when it moved on, its
     * status is written again (usually nothing: one ledger read per written status).
     */
    private void repairOvertaken(Map<ReleaseKey, TrackingFacts> written, Map<ReleaseKey, WriteOutcome> outcomes) {
        Map<ReleaseKey, TrackingFacts> repairs = new LinkedHashMap<>();
        written.forEach((key, f) -> {
            WriteOutcome outcome = outcomes.get(key);
            if (f.status() == null || outcome == null || !outcome.succeeded()) {
                return;
            }
            try {
                ledger.get(key).filter(r -> r.lastStatus() != null && r.lastStatus() != f.status()
                                && r.lastStatus().mayReplace(f.status()))
                        .ifPresent(r -> repairs.put(key, new TrackingFacts(List.of(), r.lastStatus(), null, null,
                                null, null)));
            } catch (RuntimeException e) {
                LOG.warn("status_recheck_failed", "error", e.getClass().getSimpleName());
            }
        });
        if (!repairs.isEmpty()) {
            LOG.info("status_overtaken_rewritten", "releases", repairs.size());
            try {
                epicor.writeCurrentAll(repairs);
            } catch (RuntimeException e) {
                LOG.warn("status_rewrite_failed", "error", e.getClass().getSimpleName());
            }
        }
    }

    /** Two updates of one release in a batch: the later one (the ledger applied it last) keeps its status facts. */
    private static TrackingFacts newer(TrackingFacts earlier, TrackingFacts later) {
        Set<String> numbers = new LinkedHashSet<>(earlier.trackingNumbers());
        numbers.addAll(later.trackingNumbers());
        TrackingFacts statusFrom = later.status() != null ? later : earlier;
        return new TrackingFacts(List.copyOf(numbers), statusFrom.status(), statusFrom.statusDescription(),
                statusFrom.estimatedDelivery(),
                later.deliveredAt() != null ? later.deliveredAt() : earlier.deliveredAt(),
                later.labelLocation() != null ? later.labelLocation() : earlier.labelLocation(),
                later.customsFormsLocation() != null ? later.customsFormsLocation() : earlier.customsFormsLocation(),
                later.shippedService() != null ? later.shippedService() : earlier.shippedService(),
                later.shippingCharge() != null ? later.shippingCharge() : earlier.shippingCharge());
    }

    private MessageResult finish(Pending p, WriteOutcome outcome) {
        AuditOperation step = AuditOperation.EPICOR_WRITE;
        try {
            if (outcome == null) {
                throw new IllegalStateException("no write outcome for " + p.key());
            }
            if (!outcome.succeeded()) {
                throw outcome.failure();
            }
            Map<String, Object> written = outcome.written();
            Map<String, String> writtenDetails = new LinkedHashMap<>();
            written.forEach((field, value) -> writtenDetails.put("field." + field,
                    Texts.truncate(String.valueOf(value), 500)));
            audit.record(p.subject(), AuditOperation.EPICOR_WRITE,
                    written.isEmpty() ? AuditOutcome.SKIPPED : AuditOutcome.SUCCESS,
                    written.isEmpty() ? Reason.NOTHING_TO_WRITE : null,
                    written.isEmpty() ? "Epicor already had these facts" : written.size() + " field(s) written",
                    clock.instant(), writtenDetails);
            step = AuditOperation.TRACKING_UPDATE;
            return finishWritten(p, true);
        } catch (ConnectorException e) {
            if (e.isTransient()) {
                return retry(p.message(), p.subject(), step, e.reason(), Texts.messageOf(e), p.started());
            }
            audit.record(p.subject(), step, AuditOutcome.FAILED, e.reason(), Texts.messageOf(e), p.started(),
                    withReplay(eventDetails(p.update())), p.message().body());
            return sendToDlq(p.message(), e.reason(), Texts.messageOf(e));
        } catch (RuntimeException e) {
            return retry(p.message(), p.subject(), step, Reason.UNEXPECTED_ERROR,
                    e.getClass().getName() + ": " + Texts.messageOf(e), p.started());
        }
    }

    /** Epicor has the facts: the ledger and the processed-event store say so, and the outcome is audited. */
    private MessageResult finishWritten(Pending p, boolean wrote) {
        TrackingUpdate update = p.update();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (wrote && !p.facts().trackingNumbers().isEmpty()) {
            ledger.markWritten(p.key(), now);
        }
        if (wrote && p.current() && p.record().isPresent()) {
            processed.remember(p.factId(), now);
        }
        processed.remember(update.eventId(), now);
        if (p.current()) {
            audit.record(p.subject(), AuditOperation.TRACKING_UPDATE, AuditOutcome.SUCCESS, null,
                    update.status() + " from " + update.source(), p.started(), eventDetails(update));
            return MessageResult.done();
        }
        String last = p.record().map(r -> r.lastStatus() + " at " + r.lastEventTime()).orElse("?");
        audit.record(p.subject(), AuditOperation.TRACKING_UPDATE, AuditOutcome.SKIPPED, Reason.STALE_EVENT,
                update.status() + " at " + update.eventTime() + " is older than " + last
                        + "; only tracking numbers and label location written", p.started(), eventDetails(update));
        return MessageResult.skipped(Reason.STALE_EVENT, update.eventId());
    }

    static String writtenFactId(ReleaseKey key, com.epicorups.model.TrackingStatus status, Instant eventTime) {
        return "written#" + key.asString() + "#" + status + "#"
                + (eventTime == null ? "" : eventTime.truncatedTo(ChronoUnit.MILLIS).toEpochMilli());
    }

    /**
     * A transient failure: retried by SQS, except on the message's last receive, where it is final (dead-lettered
     * with the reason and audited FAILED for replay, as a permanent failure is) unless the DLQ cannot be reached.
     */
    private MessageResult retry(InboundMessage message, String subject, AuditOperation step, Reason reason,
                                String text, Instant started) {
        Optional<String> exhausted = deadLetters.deadLetterIfLastReceive(message, reason, text);
        if (exhausted.isPresent()) {
            audit.record(subject, step, AuditOutcome.FAILED, reason, exhausted.get(), started,
                    Map.of("replayQueue", SOURCE_QUEUE, "receiveCount", String.valueOf(message.receiveCount())),
                    message.body());
            return MessageResult.deadLettered(reason, exhausted.get());
        }
        audit.record(subject, step, AuditOutcome.RETRYING, reason, text, started,
                Map.of("replayQueue", SOURCE_QUEUE), message.body());
        return MessageResult.retry(reason, text);
    }

    /** Pack mode's path, made when the first pack's event comes (a release-only ledger has no packs). */
    private PackTracking packs() {
        if (packTracking == null) {
            packTracking = new PackTracking(ledger.packs(), epicor, processed, audit, clock,
                    TrackingWriting::eventDetails);
        }
        return packTracking;
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

    private MessageResult sendToDlq(InboundMessage message, Reason reason, String text) {
        return deadLetters.deadLetter(message, reason, text);
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
        return new ConnectorException(Reason.MALFORMED_MESSAGE, message);
    }
}
