package com.epicorups.function.orderpoller;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.epicorups.port.PollSummary;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

public class OrderPollerHandler implements RequestHandler<ScheduledEvent, PollSummary> {
    @Override
    public PollSummary handleRequest(ScheduledEvent input, Context context) {
        throw new UnsupportedOperationException("wired by the pipeline branch");
    }
}
