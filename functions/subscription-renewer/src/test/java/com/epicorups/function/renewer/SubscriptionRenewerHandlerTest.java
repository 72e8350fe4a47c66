package com.epicorups.function.renewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.epicorups.app.Runtime;
import com.epicorups.model.ReleaseKey;
import com.epicorups.pipeline.PipelineSettings;
import com.epicorups.pipeline.SubscriptionRenewal;
import com.epicorups.port.SubscriptionResult;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionRenewerHandlerTest {
    @Test
    void renewsAndReturnsTheSummary() {
        InMemoryShipmentLedger ledger = new InMemoryShipmentLedger();
        ReleaseKey key = new ReleaseKey("EPIC06", 1, 1, 1);
        Instant now = Instant.now();
        ledger.claim(key, "c", now, Duration.ofMinutes(10));
        ledger.markShipped(key, "c", "S1", List.of("1ZA", "1ZB"), null, now);
        Instant expiry = now.plus(Duration.ofDays(14));
        SubscriptionRenewal renewal = new SubscriptionRenewal(ledger,
                numbers -> new SubscriptionResult(numbers, Map.of(), expiry), new InMemoryAuditLog(),
                Clock.systemUTC(), PipelineSettings.defaults());
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/scheduled-event.json");

        Map<String, Object> result = new SubscriptionRenewerHandler(renewal).handleRequest(event, null);

        assertThat(result).containsEntry("runId", "renew-89d1a02d-5ec7-412e-82f5-13505f849b41")
                .containsEntry("releases", 1).containsEntry("calls", 1).containsEntry("accepted", 2);
        assertThat(ledger.get(key).orElseThrow().subscriptionExpiresAt()).isEqualTo(expiry);
    }

    @Test
    void theLambdaConstructorWithoutEnvironmentNamesTheMissingVariables() {
        Runtime.reset();
        // No wiring and no environment: the ServiceLoader-found LambdaUseCaseFactory reads the (empty) function
        // environment and must say which variables are missing rather than fail later on a null.
        // The constructor throws the ConfigException itself (Lambda's init error), not a ServiceLoader wrapper.
        assertThatThrownBy(SubscriptionRenewerHandler::new)
                .isExactlyInstanceOf(com.epicorups.config.ConfigException.class)
                .hasMessageContaining("TOKEN_CACHE_TABLE is missing")
                .hasMessageContaining("SHIPMENT_REQUESTS_QUEUE_URL is missing");
    }
}
