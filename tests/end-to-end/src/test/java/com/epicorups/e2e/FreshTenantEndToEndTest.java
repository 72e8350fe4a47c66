package com.epicorups.e2e;

import static com.epicorups.e2e.Fixtures.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.LogConfig;
import com.epicorups.logging.LogLevel;
import com.epicorups.sandbox.epicor.ChildSetFilter;
import com.epicorups.store.ShipmentRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 13 as the user met it: a real company's data on a fresh Kinetic tenant, where nobody has created the connector's
 * UD columns yet. Before, the local run bought 12 labels and dead-lettered 72 tracking updates that Epicor refused.
 * Now the poll's preflight finds the missing columns first: no UPS call at all, the poll audited and logged at ERROR
 * with every missing column and what to do, the invocation failed (the Errors alarm). Once the columns are declared
 * (UD Column Maintenance and a data model regeneration), the next poll ships and writes back the same data with no other
 * step. All on the defaults: the ReadyToShip BAQ, an Epicor that binds a child set's filter to its parent table.
 */
class FreshTenantEndToEndTest {
    private static final List<String> UD_COLUMNS = List.of("TrackingNumber_c", "UPSStatus_c", "EstDeliveryDate_c",
            "DeliveredDate_c", "LabelLocation_c");

    private ConnectorWorld world;
    private LogConfig previousLogs;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (previousLogs != null) {
            JsonLogger.configure(previousLogs);
        }
        if (world != null) {
            assertThat(world.ups.validationFailures()).isEmpty();
            world.close();
        }
    }

    @Test
    void withoutTheUdColumnsNothingIsBoughtAndOnceTheyAreDeclaredTheSameDataShipsAndWritesBack() {
        world = new ConnectorWorld(Fixtures.sampleOfAFreshTenant(), ChildSetFilter.configuredDefault(), s -> s);
        previousLogs = JsonLogger.configure(new LogConfig(LogLevel.INFO, "epicor-ups-connector", lines::add,
                Clock.systemUTC()));

        assertThatThrownBy(world::poll).as("the poller's invocation fails: its Errors alarm fires")
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.reasonCode()).isEqualTo("PREFLIGHT_FAILED"));
        world.drainShipmentRequests();

        assertThat(world.ups.requests().values().stream().mapToInt(Integer::intValue).sum()).as("not one UPS call")
                .isZero();
        assertThat(world.approximateCount(world.resources.shipmentRequestsQueueUrl())).isZero();
        assertThat(world.epicor.writes().size()).as("nothing written to Epicor").isZero();
        Map<String, AttributeValue> cycle = world.audit().stream()
                .filter(i -> "POLL_CYCLE".equals(s(i, "operation"))).findFirst().orElseThrow();
        assertThat(s(cycle, "outcome")).isEqualTo("FAILED");
        assertThat(s(cycle, "reasonCode")).isEqualTo("PREFLIGHT_FAILED");
        assertThat(s(cycle, "message")).contains(UD_COLUMNS).contains("UD Column Maintenance")
                .contains("regenerate the data model");
        JsonNode error = lines.stream().map(FreshTenantEndToEndTest::json)
                .filter(l -> "PREFLIGHT_FAILED".equals(l.path("reasonCode").asText())).findFirst().orElseThrow();
        assertThat(error.path("level").asText()).isEqualTo("ERROR");
        assertThat(error.path("detail").asText()).contains(UD_COLUMNS).contains("UD Column Maintenance");
        assertThat(world.audit()).filteredOn(i -> "PREFLIGHT".equals(s(i, "operation"))).singleElement()
                .satisfies(i -> assertThat(s(i, "outcome")).isEqualTo("FAILED"));

        // The user creates the five columns in UD Column Maintenance and regenerates the data model.
        world.epicor.dataset().regenerateDataModel(Map.of("OrderRel", Map.of("TrackingNumber_c", "string",
                "UPSStatus_c", "string", "EstDeliveryDate_c", "date", "DeliveredDate_c", "date",
                "LabelLocation_c", "string")));

        Map<String, Object> poll = world.poll();
        assertThat((Integer) poll.get("enqueued")).isPositive();
        world.drainShipmentRequests();
        world.drainTrackingUpdates();

        Map<String, ShipmentRecord> ledger = Fixtures.ledger(world);
        List<String> shipped = Fixtures.shipped(ledger);
        assertThat(shipped).isNotEmpty();
        assertThat(world.ups.shipments().count()).as("one label per shipped release").isEqualTo(shipped.size());
        for (String key : shipped) {
            assertThat(world.orderRel(key).get("TrackingNumber_c")).as(key)
                    .isEqualTo(String.join(",", ledger.get(key).trackingNumbers()));
            assertThat(ledger.get(key).state().name()).as(key).isEqualTo("WRITTEN");
        }
        assertThat(world.approximateCount(world.resources.trackingUpdatesDlqUrl())).as("no write-back refused")
                .isZero();
        assertThat(world.audit()).filteredOn(i -> "PREFLIGHT".equals(s(i, "operation")))
                .extracting(i -> s(i, "outcome")).containsExactlyInAnyOrder("FAILED", "SUCCESS");
    }

    private static JsonNode json(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
