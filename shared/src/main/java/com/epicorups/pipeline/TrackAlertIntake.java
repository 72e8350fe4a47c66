package com.epicorups.pipeline;

import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.port.TrackAlertReceiver;
import com.epicorups.port.WebhookVerdict;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Track Alert webhook call: authenticate and parse (the receiver), enqueue, answer. An accepted event is
 * only acknowledged once it is on the queue; if the queue cannot take it UPS gets a 503 and the event is audited
 * FAILED with the update as its replay message (UPS documents no redelivery).
 * Rejections are audited with their reason, never with the presented credential or headers.
 */
public final class TrackAlertIntake {
    public static final String AUDIT_SUBJECT = "webhook#track-alert";
    /** How much of a malformed (authenticated) body the audit keeps. */
    static final int BODY_EXCERPT_CHARS = 4000;

    private final TrackAlertReceiver receiver;
    private final MessageQueue trackingUpdates;
    private final Auditor audit;
    private final Clock clock;

    public TrackAlertIntake(TrackAlertReceiver receiver, MessageQueue trackingUpdates, AuditLog auditLog,
                            Clock clock) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.trackingUpdates = Objects.requireNonNull(trackingUpdates, "trackingUpdates");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), clock);
    }

    public WebhookResponse receive(Map<String, String> headers, String body) {
        Instant started = clock.instant();
        WebhookVerdict verdict;
        try {
            verdict = receiver.receive(headers == null ? Map.of() : headers, body);
        } catch (RuntimeException e) {
            audit.record(AUDIT_SUBJECT, AuditOperation.WEBHOOK_RECEIVED, AuditOutcome.FAILED, Reason.WEBHOOK_ERROR,
                    e.getClass().getSimpleName(), started, Map.of());
            return error(500, Reason.WEBHOOK_ERROR);
        }
        if (!verdict.isAccepted()) {
            Reason reason = verdict.rejectReason() == null ? Reason.WEBHOOK_REJECTED : verdict.rejectReason();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("httpStatus", String.valueOf(verdict.httpStatus()));
            if (reason == Reason.WEBHOOK_MALFORMED && body != null) {
                // Authenticated, so it is UPS's: UPS does not send it again, and this is all that says what it was.
                details.put("bodyExcerpt", Texts.truncate(body, BODY_EXCERPT_CHARS));
            }
            String detail = verdict.detail() == null ? reason.code() : verdict.detail();
            if (verdict.httpStatus() == 401) {
                audit.recordRefusedCall(AUDIT_SUBJECT, AuditOperation.WEBHOOK_RECEIVED, reason, detail, started,
                        details);
            } else {
                audit.record(AUDIT_SUBJECT, AuditOperation.WEBHOOK_RECEIVED, AuditOutcome.FAILED, reason, detail,
                        started, details);
            }
            return error(verdict.httpStatus(), reason);
        }
        String update = null;
        try {
            update = Json.mapper().writeValueAsString(verdict.update());
            trackingUpdates.send(update, Map.of());
        } catch (Exception e) {
            // UPS documents no redelivery of Track Alert events: the audit keeps the update for a replay
            // (AuditReplay re-enqueues FAILED entries; the writer drops it if UPS did deliver it again).
            String subject = verdict.update().trackingNumbers().isEmpty() ? AUDIT_SUBJECT
                    : verdict.update().trackingNumbers().get(0);
            audit.record(subject, AuditOperation.WEBHOOK_RECEIVED, AuditOutcome.FAILED, Reason.ENQUEUE_FAILED,
                    "Track Alert event could not be enqueued (" + e.getClass().getSimpleName() + ": "
                            + Texts.messageOf(e) + "); replay it from the audit", started,
                    Map.of("eventId", String.valueOf(verdict.update().eventId()),
                            AuditReplay.REPLAY_QUEUE, TrackingWriting.SOURCE_QUEUE), update);
            return error(503, Reason.ENQUEUE_FAILED);
        }
        return new WebhookResponse(200, "{\"status\":\"accepted\"}");
    }

    private static WebhookResponse error(int status, Reason reason) {
        return new WebhookResponse(status, "{\"error\":\"" + reason.code() + "\"}");
    }
}
