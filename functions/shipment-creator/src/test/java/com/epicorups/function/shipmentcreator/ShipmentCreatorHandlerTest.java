package com.epicorups.function.shipmentcreator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.epicorups.app.Runtime;
import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.pipeline.ShipmentCreation;
import com.epicorups.pipeline.SqsBatchProcessor;
import com.epicorups.port.AddressCheck;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.PackageLabel;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.port.UpsShipping;
import com.epicorups.store.LedgerState;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShipmentCreatorHandlerTest {
    private final InMemoryShipmentLedger ledger = new InMemoryShipmentLedger();
    private final List<Map<String, String>> dlqAttributes = new CopyOnWriteArrayList<>();
    private final List<String> trackingBodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger creates = new AtomicInteger();

    private final UpsShipping ups = new UpsShipping() {
        @Override
        public CreatedShipment create(List<ShippableRelease> releases) {
            int n = creates.incrementAndGet();
            return new CreatedShipment("1ZSHIP" + n, List.of(new PackageLabel("1Z99900000000000" + n, "GIF",
                    new byte[]{7})), Map.of(), "{}", List.of());
        }

        @Override
        public Optional<CreatedShipment> findByReference(ShippableRelease release) {
            return Optional.empty();
        }

        @Override
        public void voidShipment(String shipmentId) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void processesTheSampleBatchAndReportsOnlyTheTransientFailure() {
        SQSEvent event = EventLoader.loadSQSEvent("events/sqs-shipment-requests.json");
        ShipmentCreation creation = ShipmentCreation.builder()
                .ledger(ledger)
                .epicor(key -> key.orderNum() == 5002
                        ? failTransient()
                        : ReleaseRecheck.shippable(releaseFromEvent(event, key)))
                .addressValidation(a -> new AddressCheck(AddressCheck.Outcome.VALIDATED, a, null))
                .ups(ups)
                .labels((key, tracking1, format, bytes) -> "mem://" + tracking1)
                .trackingUpdates((body, attributes) -> {
                    trackingBodies.add(body);
                    return "t";
                })
                .deadLetterQueue((body, attributes) -> {
                    dlqAttributes.add(attributes);
                    return "d";
                })
                .auditLog(new InMemoryAuditLog())
                .build();

        SQSBatchResponse response = new ShipmentCreatorHandler(creation, new SqsBatchProcessor(2))
                .handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("m-retry");
        assertThat(creates).hasValue(1);
        assertThat(ledger.get(new ReleaseKey("EPIC06", 5001, 1, 1)).orElseThrow().state())
                .isEqualTo(LedgerState.SHIPPED);
        assertThat(trackingBodies).hasSize(1);
        assertThat(dlqAttributes).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("reasonCode", "MALFORMED_MESSAGE")
                .containsEntry("sourceQueue", "ShipmentRequestsQueue"));

        // The same batch delivered again: nothing is created twice.
        new ShipmentCreatorHandler(creation).handleRequest(event, null);
        assertThat(creates).hasValue(1);
    }

    @Test
    void theLambdaConstructorWithoutEnvironmentNamesTheMissingVariables() {
        Runtime.reset();
        // No wiring and no environment: the ServiceLoader-found LambdaUseCaseFactory reads the (empty) function
        // environment and must say which variables are missing rather than fail later on a null.
        // The constructor throws the ConfigException itself (Lambda's init error), not a ServiceLoader wrapper.
        assertThatThrownBy(ShipmentCreatorHandler::new)
                .isExactlyInstanceOf(com.epicorups.config.ConfigException.class)
                .hasMessageContaining("TOKEN_CACHE_TABLE is missing")
                .hasMessageContaining("SHIPMENT_REQUESTS_QUEUE_URL is missing");
    }

    private static ReleaseRecheck failTransient() {
        throw new ConnectorException(Reason.EPICOR_UNAVAILABLE, "503");
    }

    private static ShippableRelease releaseFromEvent(SQSEvent event, ReleaseKey key) {
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            try {
                var request = com.epicorups.core.Json.mapper().readValue(m.getBody(),
                        com.epicorups.model.ShipmentRequestMessage.class);
                if (request.release().key().equals(key)) {
                    return request.release();
                }
            } catch (Exception ignored) {
                // the malformed sample record
            }
        }
        throw new IllegalStateException("no sample release " + key);
    }
}
