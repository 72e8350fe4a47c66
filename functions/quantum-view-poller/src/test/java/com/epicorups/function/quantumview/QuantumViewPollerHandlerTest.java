package com.epicorups.function.quantumview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.epicorups.app.Runtime;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.pipeline.QuantumViewPolling;
import com.epicorups.port.QuantumViewBatch;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class QuantumViewPollerHandlerTest {
    @Test
    void enqueuesWhatQuantumViewReturnedAndReportsTheRetryAfter() {
        List<String> queued = new CopyOnWriteArrayList<>();
        TrackingUpdate update = new TrackingUpdate("qv-1", TrackingSource.QUANTUM_VIEW, null, null, List.of("1ZA"),
                TrackingStatus.IN_TRANSIT, "Arrival Scan", Instant.parse("2026-11-27T11:00:00Z"), null, null, null);
        QuantumViewPolling polling = new QuantumViewPolling(
                () -> new QuantumViewBatch(List.of(update), List.of("{\"QuantumViewResponse\":{}}"), 1,
                        Duration.ofMinutes(5)),
                (body, attributes) -> {
                    queued.add(body);
                    return "q";
                }, new InMemoryCheckpointStore(), new InMemoryAuditLog(), Clock.systemUTC());
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/scheduled-event.json");
        QuantumViewPollerHandler handler = new QuantumViewPollerHandler(polling);

        Map<String, Object> result = handler.handleRequest(event, null);

        assertThat(result).containsEntry("pollId", "qv-89d1a02d-5ec7-412e-82f5-13505f849b41")
                .containsEntry("updatesEnqueued", 1).containsKey("retryNotBefore");
        assertThat(queued).singleElement().asString().contains("\"eventId\":\"qv-1\"");

        Map<String, Object> second = handler.handleRequest(event, null);
        assertThat(second).containsEntry("read", false).containsKey("skippedUntil");
    }

    @Test
    void theLambdaConstructorWithoutEnvironmentNamesTheMissingVariables() {
        Runtime.reset();
        // No wiring and no environment: the ServiceLoader-found LambdaUseCaseFactory reads the (empty) function
        // environment and must say which variables are missing rather than fail later on a null.
        // The constructor throws the ConfigException itself (Lambda's init error), not a ServiceLoader wrapper.
        assertThatThrownBy(QuantumViewPollerHandler::new)
                .isExactlyInstanceOf(com.epicorups.config.ConfigException.class)
                .hasMessageContaining("TOKEN_CACHE_TABLE is missing")
                .hasMessageContaining("SHIPMENT_REQUESTS_QUEUE_URL is missing");
    }
}
