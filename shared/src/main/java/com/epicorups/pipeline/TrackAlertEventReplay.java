package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.port.WebhookVerdict;
import com.epicorups.queue.MessageQueue;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The replay target {@value TrackAlertIntake#REPLAY_TRACK_ALERT_EVENT}: a kept Track Alert body is parsed again
 * (authenticated when it arrived, so not again) and its update sent to tracking-updates. A body that still cannot be
 * parsed fails the replay with WEBHOOK_MALFORMED and stays FAILED in the audit.
 */
public final class TrackAlertEventReplay implements MessageQueue {
    private final Function<String, WebhookVerdict> parser;
    private final MessageQueue trackingUpdates;

    public TrackAlertEventReplay(Function<String, WebhookVerdict> parser, MessageQueue trackingUpdates) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.trackingUpdates = Objects.requireNonNull(trackingUpdates, "trackingUpdates");
    }

    @Override
    public String send(String body, Map<String, String> attributes) {
        WebhookVerdict verdict = parser.apply(body);
        if (!verdict.isAccepted()) {
            throw new ConnectorException(Reason.WEBHOOK_MALFORMED, "the kept Track Alert event still cannot be"
                    + " parsed: " + verdict.detail());
        }
        try {
            return trackingUpdates.send(Json.mapper().writeValueAsString(verdict.update()), attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
