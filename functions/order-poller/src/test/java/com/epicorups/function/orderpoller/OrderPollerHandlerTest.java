package com.epicorups.function.orderpoller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.epicorups.app.Runtime;
import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.port.PollSummary;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderPollerHandlerTest {
    @Test
    void runsOneCycleNamedAfterTheScheduledEventAndReturnsItsSummary() {
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/scheduled-event.json");
        OrderPollerHandler handler = new OrderPollerHandler(pollId -> new PollSummary(pollId, 2, 7, 5,
                Map.of("DROP_SHIP", 2), 4, Map.of("sysRevId", "900"), 3, 1));

        Map<String, Object> result = handler.handleRequest(event, null);

        assertThat(result).containsEntry("pollId", "poll-89d1a02d-5ec7-412e-82f5-13505f849b41")
                .containsEntry("pages", 2).containsEntry("enqueued", 5)
                .containsEntry("skippedByReason", Map.of("DROP_SHIP", 2))
                .containsEntry("checkpoint", Map.of("sysRevId", "900"))
                .containsEntry("sweepPages", 3).containsEntry("sweepEnqueued", 1);
    }

    @Test
    void aFailedCycleFailsTheInvocation() {
        OrderPollerHandler handler = new OrderPollerHandler(pollId -> {
            throw new ConnectorException(Reason.EPICOR_UNAVAILABLE, "503");
        });
        assertThatThrownBy(() -> handler.handleRequest(new ScheduledEvent(), null))
                .isInstanceOf(ConnectorException.class);
    }

    @Test
    void theLambdaConstructorWithoutEnvironmentNamesTheMissingVariables() {
        Runtime.reset();
        // No wiring and no environment: the ServiceLoader-found LambdaUseCaseFactory reads the (empty) function
        // environment and must say which variables are missing rather than fail later on a null.
        // The constructor throws the ConfigException itself (Lambda's init error), not a ServiceLoader wrapper.
        assertThatThrownBy(OrderPollerHandler::new)
                .isExactlyInstanceOf(com.epicorups.config.ConfigException.class)
                .hasMessageContaining("TOKEN_CACHE_TABLE is missing")
                .hasMessageContaining("SHIPMENT_REQUESTS_QUEUE_URL is missing");
    }
}
