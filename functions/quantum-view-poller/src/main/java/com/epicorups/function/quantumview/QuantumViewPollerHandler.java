package com.epicorups.function.quantumview;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.epicorups.app.Runtime;
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

    private final QuantumViewPolling quantumViewPolling;

    /** Lambda: the use case comes from the per-container composition root. */
    public QuantumViewPollerHandler() {
        this(Runtime.current().quantumViewPolling());
    }

    public QuantumViewPollerHandler(QuantumViewPolling quantumViewPolling) {
        this.quantumViewPolling = quantumViewPolling;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        String pollId = "qv-" + (event != null && event.getId() != null ? event.getId() : UUID.randomUUID());
        QuantumViewSummary summary = quantumViewPolling.pollOnce(pollId);
        Map<String, Object> result = summary.toMap();
        if (summary.error() != null) {
            LOG.warn("quantum_view_cycle_failed", result);
        } else {
            LOG.info("quantum_view_cycle_done", result);
        }
        return result;
    }
}
