package com.epicorups.function.orderpoller;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.epicorups.app.Live;
import com.epicorups.app.Runtime;
import com.epicorups.app.InvocationDeadline;
import com.epicorups.config.FunctionTimeout;
import com.epicorups.core.Deadline;
import com.epicorups.pipeline.PipelineSettings;
import com.epicorups.logging.CorrelationId;
import com.epicorups.logging.JsonLogger;
import com.epicorups.port.OrderPolling;
import com.epicorups.port.PollSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Scheduled poll of Epicor for shippable releases. A failed cycle throws (a Lambda error the alarm sees);
 * the checkpoint only moves after a page is fully enqueued, so the next cycle resumes where this one stopped.
 */
public class OrderPollerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final JsonLogger LOG = JsonLogger.getLogger(OrderPollerHandler.class);

    /** Set when Lambda built this handler: each invocation runs on the current settings' use cases. */
    private Live<OrderPollerHandler> live;
    private final OrderPolling orderPolling;
    private final PipelineSettings pipeline;

    /** Lambda: the use case comes from the per-container composition root. */
    public OrderPollerHandler() {
        this(Runtime.current().orderPolling(), Runtime.current().settings());
        this.live = Live.startingWith(this, factory -> new OrderPollerHandler(factory.orderPolling(), factory.settings()));
    }

    public OrderPollerHandler(OrderPolling orderPolling) {
        this(orderPolling, PipelineSettings.defaults());
    }

    public OrderPollerHandler(OrderPolling orderPolling, PipelineSettings pipeline) {
        this.orderPolling = orderPolling;
        this.pipeline = pipeline;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return (live == null ? this : live.get()).handle(event, context);
    }

    private Map<String, Object> handle(ScheduledEvent event, Context context) {
        String pollId = "poll-" + (event != null && event.getId() != null ? event.getId() : UUID.randomUUID());
        Deadline deadline = InvocationDeadline.of(context == null ? 0 : context.getRemainingTimeInMillis(),
                FunctionTimeout.ORDER_POLLER, pipeline);
        return CorrelationId.with(pollId, () -> {
            PollSummary summary = Deadline.within(deadline, () -> orderPolling.pollOnce(pollId));
            Map<String, Object> result = toMap(summary);
            LOG.info("poll_cycle_done", result);
            return result;
        });
    }

    static Map<String, Object> toMap(PollSummary s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pollId", s.pollId());
        map.put("pages", s.pages());
        map.put("releasesSeen", s.releasesSeen());
        map.put("enqueued", s.enqueued());
        map.put("skippedByReason", s.skippedByReason());
        map.put("epicorCalls", s.epicorCalls());
        map.put("checkpoint", s.checkpoint());
        map.put("sweepPages", s.sweepPages());
        map.put("sweepEnqueued", s.sweepEnqueued());
        map.put("voidsEnqueued", s.voidsEnqueued());
        return map;
    }
}
