package com.epicorups.pipeline;

import com.epicorups.core.Backoff;
import com.epicorups.logging.JsonLogger;
import com.epicorups.queue.MessageVisibility;
import java.time.Duration;
import java.util.Map;

/**
 * Spaces out redeliveries of a transiently failed message: its visibility is extended to
 * base * 2^(receiveCount-1), capped, so a throttled or down dependency is not hammered by the queue's default
 * visibility timeout. A result that knows when a retry can succeed (a claim lease ending) is hidden until then,
 * so that the redeliveries are not used up while waiting for the lease. Without a {@link MessageVisibility} it
 * does nothing and SQS uses the queue's timeout.
 */
public final class VisibilityBackoff {
    private static final JsonLogger LOG = JsonLogger.getLogger(VisibilityBackoff.class);

    /** SQS's own ceiling for a visibility timeout. */
    private static final Duration SQS_MAX = Duration.ofHours(12);

    private final MessageVisibility visibility;
    private final Backoff backoff;

    public VisibilityBackoff(MessageVisibility visibility, Duration base, Duration max) {
        this.visibility = visibility;
        this.backoff = new Backoff(base, max.compareTo(SQS_MAX) > 0 ? SQS_MAX : max);
    }

    public static VisibilityBackoff none() {
        return new VisibilityBackoff(null, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    public static VisibilityBackoff of(MessageVisibility visibility, PipelineSettings settings) {
        return new VisibilityBackoff(visibility, settings.retryBase(), settings.retryMax());
    }

    public Duration delayFor(int receiveCount) {
        return backoff.ceiling(Math.max(1, receiveCount));
    }

    /**
     * The exponential delay, or the result's own earliest retry moment (plus a second for clock skew) when that
     * is later, capped at SQS's 12 hours.
     */
    public Duration delayFor(InboundMessage message, MessageResult result) {
        Duration delay = delayFor(message.receiveCount());
        if (result != null && result.retryAfter() != null) {
            Duration hinted = result.retryAfter().plusSeconds(1);
            if (hinted.compareTo(delay) > 0) {
                delay = hinted;
            }
        }
        return delay.compareTo(SQS_MAX) > 0 ? SQS_MAX : delay;
    }

    /** Best effort: a failure here only means SQS retries sooner. */
    public void apply(InboundMessage message, MessageResult result) {
        if (visibility == null || message.receiptHandle() == null) {
            return;
        }
        try {
            visibility.delay(message.receiptHandle(), delayFor(message, result));
        } catch (RuntimeException e) {
            LOG.warn("visibility_backoff_failed", "messageId", String.valueOf(message.messageId()),
                    "error", e.getClass().getSimpleName());
        }
    }
}
