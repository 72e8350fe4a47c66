package com.epicorups.function.renewer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.epicorups.app.Live;
import com.epicorups.app.Runtime;
import com.epicorups.app.InvocationDeadline;
import com.epicorups.config.FunctionTimeout;
import com.epicorups.core.Deadline;
import com.epicorups.pipeline.PipelineSettings;
import com.epicorups.pipeline.RenewalSummary;
import com.epicorups.pipeline.SubscriptionRenewal;
import java.util.Map;
import java.util.UUID;

/** Daily renewal of Track Alert subscriptions before their 14 days run out. */
public class SubscriptionRenewerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    /** Set when Lambda built this handler: each invocation runs on the current settings' use cases. */
    private Live<SubscriptionRenewerHandler> live;
    private final SubscriptionRenewal subscriptionRenewal;
    private final PipelineSettings pipeline;

    /** Lambda: the use case comes from the per-container composition root. */
    public SubscriptionRenewerHandler() {
        this(Runtime.current().subscriptionRenewal(), Runtime.current().settings());
        this.live = Live.startingWith(this, factory -> new SubscriptionRenewerHandler(factory.subscriptionRenewal(), factory.settings()));
    }

    public SubscriptionRenewerHandler(SubscriptionRenewal subscriptionRenewal) {
        this(subscriptionRenewal, PipelineSettings.defaults());
    }

    public SubscriptionRenewerHandler(SubscriptionRenewal subscriptionRenewal, PipelineSettings pipeline) {
        this.subscriptionRenewal = subscriptionRenewal;
        this.pipeline = pipeline;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return (live == null ? this : live.get()).handle(event, context);
    }

    private Map<String, Object> handle(ScheduledEvent event, Context context) {
        String runId = "renew-" + (event != null && event.getId() != null ? event.getId() : UUID.randomUUID());
        Deadline deadline = InvocationDeadline.of(context == null ? 0 : context.getRemainingTimeInMillis(),
                FunctionTimeout.SUBSCRIPTION_RENEWER, pipeline);
        RenewalSummary summary = Deadline.within(deadline, () -> subscriptionRenewal.renew(runId));
        return summary.toMap();
    }
}
