package com.epicorups.function.renewer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.epicorups.app.Runtime;
import com.epicorups.pipeline.RenewalSummary;
import com.epicorups.pipeline.SubscriptionRenewal;
import java.util.Map;
import java.util.UUID;

/** Daily renewal of Track Alert subscriptions before their 14 days run out. */
public class SubscriptionRenewerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private final SubscriptionRenewal subscriptionRenewal;

    /** Lambda: the use case comes from the per-container composition root. */
    public SubscriptionRenewerHandler() {
        this(Runtime.current().subscriptionRenewal());
    }

    public SubscriptionRenewerHandler(SubscriptionRenewal subscriptionRenewal) {
        this.subscriptionRenewal = subscriptionRenewal;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        String runId = "renew-" + (event != null && event.getId() != null ? event.getId() : UUID.randomUUID());
        RenewalSummary summary = subscriptionRenewal.renew(runId);
        return summary.toMap();
    }
}
