package com.epicorups.port;

import com.epicorups.core.Reason;
import com.epicorups.model.TrackingUpdate;

/**
 * What the Track Alert webhook receiver decided: the HTTP status to answer, the update to enqueue
 * (when accepted) and, when rejected, a specific reason (WEBHOOK_UNAUTHENTICATED, WEBHOOK_TOO_LARGE,
 * WEBHOOK_MALFORMED, ...).
 */
public record WebhookVerdict(int httpStatus, TrackingUpdate update, Reason rejectReason, String detail) {
    public static WebhookVerdict accepted(TrackingUpdate update) {
        return new WebhookVerdict(200, update, null, null);
    }

    public static WebhookVerdict rejected(int httpStatus, Reason reason, String detail) {
        return new WebhookVerdict(httpStatus, null, reason, detail);
    }

    public boolean isAccepted() {
        return update != null;
    }
}
