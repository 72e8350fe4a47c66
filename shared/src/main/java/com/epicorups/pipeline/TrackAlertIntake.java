package com.epicorups.pipeline;

import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.port.TrackAlertReceiver;
import com.epicorups.port.WebhookVerdict;
import com.epicorups.queue.MessageQueue;
import com.epicorups.logging.JsonLogger;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLines;
import com.epicorups.store.AuditLog;
import com.epicorups.store.LabelStore;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Track Alert webhook call: only a POST is looked at (405 otherwise, nothing parsed); the body is decoded when
 * API Gateway base64-encoded it (400 when that is not base64); then authenticate and parse (the receiver), enqueue,
 * answer. An accepted event is only acknowledged once it is on the queue.
 *
 * <p>Calls refused before they are known to be UPS's (no or a wrong credential, another method, a body that is not
 * base64) are counted per minute ({@link RefusedWebhookCalls}), not audited one by one. Authenticated work is
 * audited per event, and an authenticated event is never dropped, since UPS documents no redelivery: one the queue
 * cannot take, or whose body cannot be parsed, is kept whole in its audit item with a replay message ({@code
 * connector replay}); when the audit table fails too, in the label bucket under {@code webhook-events/}; when
 * that fails as well, in an ERROR log line. Rejections never keep the presented credential or headers.
 */
public final class TrackAlertIntake {
    public static final String AUDIT_SUBJECT = "webhook#track-alert";
    /**
     * The replay target of a kept body that could not be parsed: {@code connector replay} parses it again with the
     * receiver of the day (no authentication: it was authenticated when it arrived) and enqueues the update.
     */
    public static final String REPLAY_TRACK_ALERT_EVENT = "track-alert-event";
    /** How much of a malformed (authenticated) body the audit shows in its details (the whole is the replay). */
    static final int BODY_EXCERPT_CHARS = 4000;
    private static final JsonLogger LOG = JsonLogger.getLogger(TrackAlertIntake.class);

    private final TrackAlertReceiver receiver;
    private final MessageQueue trackingUpdates;
    private final AuditLog auditLog;
    private final LabelStore keptEvents;
    private final Auditor audit;
    private final RefusedWebhookCalls refused;
    private final Clock clock;

    public TrackAlertIntake(TrackAlertReceiver receiver, MessageQueue trackingUpdates, AuditLog auditLog,
                            Clock clock) {
        this(receiver, trackingUpdates, auditLog, new LabelStore() {
            @Override
            public String store(com.epicorups.model.ReleaseKey key, String trackingNumber, String format,
                                byte[] label) {
                throw new UnsupportedOperationException("no label store");
            }
        }, clock);
    }

    /** @param keptEvents where an event is kept when neither the queue nor the audit table takes it */
    public TrackAlertIntake(TrackAlertReceiver receiver, MessageQueue trackingUpdates, AuditLog auditLog,
                            LabelStore keptEvents, Clock clock) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.trackingUpdates = Objects.requireNonNull(trackingUpdates, "trackingUpdates");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.keptEvents = Objects.requireNonNull(keptEvents, "keptEvents");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new Auditor(auditLog, clock);
        this.refused = new RefusedWebhookCalls(auditLog, clock);
    }

    /** A POST with a plain body. */
    public WebhookResponse receive(Map<String, String> headers, String body) {
        return receive(WebhookCall.post(headers, body));
    }

    public WebhookResponse receive(WebhookCall call) {
        Instant started = clock.instant();
        refused.flushIfOver();
        if (!"POST".equalsIgnoreCase(call.method())) {
            refused.refuse(Reason.WEBHOOK_METHOD_NOT_ALLOWED, "method " + call.method() + " (only POST)",
                    call.sourceIp(), 405);
            return new WebhookResponse(405, "{\"error\":\"" + Reason.WEBHOOK_METHOD_NOT_ALLOWED.code() + "\"}",
                    Map.of("Allow", "POST"));
        }
        String body = call.body();
        if (body != null && call.base64Encoded()) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                refused.refuse(Reason.WEBHOOK_MALFORMED, "body is not valid base64", call.sourceIp(), 400);
                return error(400, Reason.WEBHOOK_MALFORMED);
            }
        }
        WebhookVerdict verdict;
        try {
            verdict = receiver.receive(call.headers(), body);
        } catch (RuntimeException e) {
            audit.record(AUDIT_SUBJECT, AuditOperation.WEBHOOK_RECEIVED, AuditOutcome.FAILED, Reason.WEBHOOK_ERROR,
                    e.getClass().getSimpleName(), started, Map.of());
            return error(500, Reason.WEBHOOK_ERROR);
        }
        if (!verdict.isAccepted()) {
            return rejected(verdict, body, call.sourceIp(), started);
        }
        return enqueue(verdict, started);
    }

    private WebhookResponse rejected(WebhookVerdict verdict, String body, String sourceIp, Instant started) {
        Reason reason = verdict.rejectReason() == null ? Reason.WEBHOOK_REJECTED : verdict.rejectReason();
        String detail = verdict.detail() == null ? reason.code() : verdict.detail();
        if (verdict.httpStatus() == 401) {
            refused.refuse(reason, detail, sourceIp, 401);
            return error(401, reason);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("httpStatus", String.valueOf(verdict.httpStatus()));
        if (reason == Reason.WEBHOOK_MALFORMED && body != null) {
            // Authenticated, so it is UPS's: UPS does not send it again. Kept whole, replayed once the parser
            // (or the data) is fixed.
            details.put("bodyExcerpt", Texts.truncate(body, BODY_EXCERPT_CHARS));
            details.put(AuditReplay.REPLAY_QUEUE, REPLAY_TRACK_ALERT_EVENT);
            keep(AUDIT_SUBJECT, reason, detail, started, details, body);
        } else {
            audit.record(AUDIT_SUBJECT, AuditOperation.WEBHOOK_RECEIVED, AuditOutcome.FAILED, reason, detail,
                    started, details);
        }
        return error(verdict.httpStatus(), reason);
    }

    private WebhookResponse enqueue(WebhookVerdict verdict, Instant started) {
        String update = null;
        try {
            update = Json.mapper().writeValueAsString(verdict.update());
            trackingUpdates.send(update, Map.of());
        } catch (Exception e) {
            // UPS documents no redelivery of Track Alert events: the audit keeps the update for a replay
            // (AuditReplay re-enqueues FAILED entries; the writer drops it if UPS did deliver it again).
            String subject = verdict.update().trackingNumbers().isEmpty() ? AUDIT_SUBJECT
                    : verdict.update().trackingNumbers().get(0);
            keep(subject, Reason.ENQUEUE_FAILED, "Track Alert event could not be enqueued ("
                            + e.getClass().getSimpleName() + ": " + Texts.messageOf(e) + "); replay it from the audit",
                    started, Map.of("eventId", String.valueOf(verdict.update().eventId()),
                            AuditReplay.REPLAY_QUEUE, TrackingWriting.SOURCE_QUEUE), update);
            return error(503, Reason.ENQUEUE_FAILED);
        }
        return new WebhookResponse(200, "{\"status\":\"accepted\"}");
    }

    /**
     * Keeps an authenticated event whole: in its audit item (FAILED, with the replay message), else in the label
     * bucket under webhook-events/ (the same item as JSON, so it can be put back), else in an ERROR log line.
     */
    private void keep(String subject, Reason reason, String message, Instant started, Map<String, String> details,
                      String replayMessage) {
        AuditEntry entry = new AuditEntry(subject, clock.instant(), AuditOperation.WEBHOOK_RECEIVED,
                AuditOutcome.FAILED, reason.code(), Texts.truncate(message, 1000),
                Math.max(0, java.time.Duration.between(started, clock.instant()).toMillis()), details, replayMessage);
        AuditLines.log(LOG, entry);
        try {
            auditLog.record(entry);
            return;
        } catch (RuntimeException auditFailed) {
            LOG.warn("audit_write_failed", "operation", entry.operation().name(), "outcome", "FAILED",
                    "error", auditFailed.getClass().getSimpleName(), "next", "label bucket");
        }
        String kept = KeptWebhookEvent.toJson(entry);
        String name = KeptWebhookEvent.name(entry);
        try {
            String where = keptEvents.keepEvent(name, kept);
            LOG.warn("webhook_event_kept", "reasonCode", reason.code(), "location", where,
                    "replay", "connector replay --kept " + where);
        } catch (RuntimeException s3Failed) {
            // The last place left: the function's log group (the event carries no secret).
            LOG.error("webhook_event_lost_but_logged", "reasonCode", reason.code(), "error",
                    s3Failed.getClass().getSimpleName(), "keptEvent", kept);
        }
    }

    private static WebhookResponse error(int status, Reason reason) {
        return new WebhookResponse(status, "{\"error\":\"" + reason.code() + "\"}");
    }
}
