package com.epicorups.function.quantumview;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class QuantumViewPollerHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(ScheduledEvent input, Context context) {
        throw new UnsupportedOperationException("wired by the pipeline branch");
    }
}
