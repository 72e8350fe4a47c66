package com.epicorups.function.quantumview;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.epicorups.app.Live;
import com.epicorups.app.Runtime;
import com.epicorups.app.InvocationDeadline;
import com.epicorups.config.FunctionTimeout;
import com.epicorups.core.Deadline;
import com.epicorups.pipeline.PipelineSettings;
import com.epicorups.logging.JsonLogger;
import com.epicorups.pipeline.QuantumViewPolling;
import com.epicorups.pipeline.QuantumViewSummary;
import java.util.Map;
import java.util.UUID;

/**
 * Scheduled Quantum View read. Failures are audited by the use case and reported in the summary rather
 * than thrown: an automatic re-invocation would only read again, which the next schedule does anyway.
 */
public class QuantumViewPollerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    private static final JsonLogger LOG = JsonLogger.getLogger(QuantumViewPollerHandler.class);

    /** Set when Lambda built this handler: each invocation runs on the current settings' use cases. */
    private Live<QuantumViewPollerHandler> live;
    private final QuantumViewPolling quantumViewPolling;
    private final PipelineSettings pipeline;

    /** Lambda: the use case comes from the per-container composition root. */
    public QuantumViewPollerHandler() {
        this(Runtime.current().quantumViewPolling(), Runtime.current().settings());
        this.live = Live.startingWith(this, factory -> new QuantumViewPollerHandler(factory.quantumViewPolling(), factory.settings()));
    }

    public QuantumViewPollerHandler(QuantumViewPolling quantumViewPolling) {
        this(quantumViewPolling, PipelineSettings.defaults());
    }

    public QuantumViewPollerHandler(QuantumViewPolling quantumViewPolling, PipelineSettings pipeline) {
        this.quantumViewPolling = quantumViewPolling;
        this.pipeline = pipeline;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return (live == null ? this : live.get()).handle(event, context);
    }

    private Map<String, Object> handle(ScheduledEvent event, Context context) {
        String pollId = "qv-" + (event != null && event.getId() != null ? event.getId() : UUID.randomUUID());
        Deadline deadline = InvocationDeadline.of(context == null ? 0 : context.getRemainingTimeInMillis(),
                FunctionTimeout.QUANTUM_VIEW_POLLER, pipeline);
        QuantumViewSummary summary = Deadline.within(deadline, () -> quantumViewPolling.pollOnce(pollId));
        Map<String, Object> result = summary.toMap();
        if (summary.error() != null) {
            LOG.warn("quantum_view_cycle_failed", result);
        } else {
            LOG.info("quantum_view_cycle_done", result);
        }
        return result;
    }
}
