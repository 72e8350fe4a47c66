package com.epicorups.function.trackingwriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.epicorups.app.Runtime;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingStatus;
import com.epicorups.pipeline.TrackingWriting;
import com.epicorups.port.TrackingFacts;
import com.epicorups.store.LedgerState;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryProcessedEventStore;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TrackingWriterHandlerTest {
    private static final ReleaseKey KEY = new ReleaseKey("EPIC06", 5001, 1, 1);

    @Test
    void writesTheSampleUpdatesAndAcknowledgesTheUnknownOne() {
        InMemoryShipmentLedger ledger = new InMemoryShipmentLedger();
        Instant shippedAt = Instant.parse("2026-11-27T12:00:00Z");
        ledger.claim(KEY, "creator", shippedAt, Duration.ofMinutes(10));
        ledger.markShipped(KEY, "creator", "1ZSHIP1", List.of("1Z999AA10123456784"),
                "s3://labels/EPIC06/1Z999AA10123456784.gif", shippedAt);
        List<TrackingFacts> writes = new CopyOnWriteArrayList<>();
        List<String> dlq = new CopyOnWriteArrayList<>();
        TrackingWriting writing = new TrackingWriting(ledger, (key, facts) -> {
            writes.add(facts);
            return Map.of("Status", String.valueOf(facts.status()));
        }, new InMemoryProcessedEventStore(), new InMemoryAuditLog(), (body, attributes) -> {
            dlq.add(body);
            return "d";
        }, Clock.systemUTC());
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-tracking-updates.json");

        // The batch is judged in the sample's order (created, then delivered): both updates of the release
        // reach Epicor as one write, the newer status with the creator's tracking number and label.
        SQSBatchResponse response = new TrackingWriterHandler(writing,
                new com.epicorups.pipeline.SqsBatchProcessor(1)).handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(dlq).isEmpty();
        assertThat(writes).singleElement().satisfies(facts -> {
            assertThat(facts.status()).isEqualTo(TrackingStatus.DELIVERED);
            assertThat(facts.trackingNumbers()).containsExactly("1Z999AA10123456784");
            assertThat(facts.labelLocation()).isEqualTo("s3://labels/EPIC06/1Z999AA10123456784.gif");
        });
        assertThat(ledger.get(KEY).orElseThrow().state()).isEqualTo(LedgerState.WRITTEN);
        assertThat(ledger.get(KEY).orElseThrow().lastStatus()).isEqualTo(TrackingStatus.DELIVERED);
    }

    @Test
    void theLambdaConstructorWithoutEnvironmentNamesTheMissingVariables() {
        Runtime.reset();
        // No wiring and no environment: the ServiceLoader-found LambdaUseCaseFactory reads the (empty) function
        // environment and must say which variables are missing rather than fail later on a null.
        // The constructor throws the ConfigException itself (Lambda's init error), not a ServiceLoader wrapper.
        assertThatThrownBy(TrackingWriterHandler::new)
                .isExactlyInstanceOf(com.epicorups.config.ConfigException.class)
                .hasMessageContaining("TOKEN_CACHE_TABLE is missing")
                .hasMessageContaining("SHIPMENT_REQUESTS_QUEUE_URL is missing");
    }
}
