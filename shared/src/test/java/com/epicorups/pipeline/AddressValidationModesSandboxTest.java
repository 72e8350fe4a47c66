package com.epicorups.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.WeightUnit;
import com.epicorups.pipeline.TestDoubles.MemoryLabels;
import com.epicorups.pipeline.TestDoubles.RecordingQueue;
import com.epicorups.pipeline.TestDoubles.ScriptedEpicor;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.sandbox.ups.Environment;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.LedgerState;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.UpsSettings.AddressValidationMode;
import com.epicorups.ups.it.UpsSandboxExtension;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12, points 3 and 4: every ups.addressValidation mode through the shipment creator and the real UPS clients,
 * against the UPS sandbox playing CIE, whose street-level Address Validation answers only New York and California
 * addresses (as UPS documents its test host). A ship-to without a state is completed from UPS's candidate.
 */
class AddressValidationModesSandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension(Environment.CIE);

    private static final AtomicInteger ORDERS = new AtomicInteger(94_000 + (int) (System.nanoTime() % 900) * 5);
    private static final Address BROOKLYN = address("12 Elm St", "Brooklyn", "NY", "11201");
    private static final Address AUSTIN = address("600 Congress Ave", "Austin", "TX", "78701");
    private static final Address BROOKLYN_NO_STATE = address("12 Elm St", "Brooklyn", null, "11201");
    private static final Address AUSTIN_NO_STATE = address("600 Congress Ave", "Austin", null, "78701");

    private static Address address(String street, String city, String state, String zip) {
        return new Address("Northwind Traders", "Receiving", List.of(street), city, state, zip, "US", "212-555-0100",
                null, null);
    }

    /** One release shipped through the creator with {@code mode}: what became of it. */
    private record Outcome(MessageResult result, LedgerState state, List<AuditEntry> audit, ShippableRelease release,
                           RecordingQueue dlq) {
        AuditEntry addressCheck() {
            return audit.stream().filter(e -> e.operation() == AuditOperation.ADDRESS_VALIDATION).findFirst().orElseThrow();
        }

        /** The ship-to state UPS was sent, from the request in the SHIPMENT_CREATE audit entry. */
        String stateSent() {
            AuditEntry created = audit.stream().filter(e -> e.operation() == AuditOperation.SHIPMENT_CREATE
                    && e.outcome() == AuditOutcome.SUCCESS).findFirst().orElseThrow();
            try {
                return Json.mapper().readTree(created.details().get("request"))
                        .at("/ShipmentRequest/Shipment/ShipTo/Address/StateProvinceCode").asText();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static Outcome ship(AddressValidationMode mode, Address shipTo) {
        UpsClients clients = ups.clients(ups.settingsBuilder().addressValidation(mode).build());
        InMemoryShipmentLedger ledger = new InMemoryShipmentLedger();
        InMemoryAuditLog audit = new InMemoryAuditLog();
        ScriptedEpicor epicor = new ScriptedEpicor();
        RecordingQueue dlq = new RecordingQueue();
        ShipmentCreation creation = ShipmentCreation.builder().ledger(ledger).epicor(epicor)
                .addressValidation(clients.addressValidation()).ups(clients.shipping()).labels(new MemoryLabels())
                .trackingUpdates(new RecordingQueue()).deadLetterQueue(dlq).auditLog(audit).build();
        ShippableRelease release = new ShippableRelease(new ReleaseKey("EPIC06", ORDERS.incrementAndGet(), 1, 1), 1L,
                "CUST01", null, "VALVE-075", "Brass valve", new BigDecimal("4"), "EA", new BigDecimal("4"),
                WeightUnit.LBS, new BigDecimal("40.00"), "USD", "CHI", "MfgSys", "UPS GROUND", shipTo);
        epicor.current.put(release.key(), ReleaseRecheck.shippable(release));
        MessageResult result = creation.handle(new InboundMessage("m-" + release.key().orderNum(),
                TestDoubles.requestBody(release), "rh", 1, "ShipmentRequestsQueue"));
        return new Outcome(result, ledger.get(release.key()).orElseThrow().state(),
                audit.forSubject(release.key().asString()), release, dlq);
    }

    @Test
    void requiredShipsWhatUpsValidatesAndFailsWhatItFindsNoCandidateFor() {
        Outcome newYork = ship(AddressValidationMode.REQUIRED, BROOKLYN);
        assertThat(newYork.state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(newYork.addressCheck().outcome()).isEqualTo(AuditOutcome.SUCCESS);

        // CIE answers no candidate outside New York and California: REQUIRED fails it, visibly, as production would
        // an address UPS cannot find.
        Outcome texas = ship(AddressValidationMode.REQUIRED, AUSTIN);
        assertThat(texas.result().disposition()).isEqualTo(MessageResult.Disposition.DEAD_LETTERED);
        assertThat(texas.result().reasonCode()).isEqualTo("ADDRESS_REJECTED");
        assertThat(texas.state()).isEqualTo(LedgerState.NEEDS_ATTENTION);
        assertThat(texas.dlq().sent).singleElement()
                .satisfies(m -> assertThat(m.attributes()).containsEntry("reasonCode", "ADDRESS_REJECTED"));
    }

    @Test
    void bestEffortShipsToTheEpicorAddressWithAnAuditNoteWhenUpsFindsNoCandidate() {
        Outcome texas = ship(AddressValidationMode.BEST_EFFORT, AUSTIN);

        assertThat(texas.state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(texas.addressCheck()).satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SKIPPED);
            assertThat(e.reasonCode()).isEqualTo("ADDRESS_NOT_VALIDATED");
            assertThat(e.message()).contains("UPS found no address matching").contains("BEST_EFFORT");
        });
        assertThat(texas.stateSent()).isEqualTo("TX");
        Outcome newYork = ship(AddressValidationMode.BEST_EFFORT, BROOKLYN);
        assertThat(newYork.addressCheck().outcome()).as("validated where UPS can").isEqualTo(AuditOutcome.SUCCESS);
    }

    @Test
    void bestEffortShipsWhenAddressValidationCannotBeHadAndRequiredRetries() {
        ups.sandbox().faults().serverErrors(Operation.ADDRESS_VALIDATION, 6);
        Outcome bestEffort = ship(AddressValidationMode.BEST_EFFORT, BROOKLYN);
        assertThat(bestEffort.state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(bestEffort.addressCheck().reasonCode()).isEqualTo("ADDRESS_NOT_VALIDATED");
        assertThat(bestEffort.addressCheck().message()).contains("could not be asked").contains("UPS_UNAVAILABLE");

        ups.sandbox().faults().serverErrors(Operation.ADDRESS_VALIDATION, 6);
        Outcome required = ship(AddressValidationMode.REQUIRED, BROOKLYN);
        assertThat(required.result().disposition()).isEqualTo(MessageResult.Disposition.RETRY);
        assertThat(required.result().reasonCode()).isEqualTo("UPS_UNAVAILABLE");
        ups.sandbox().faults().reset();
    }

    @Test
    void offNeverAsksUps() {
        int before = ups.sandbox().requests(Operation.ADDRESS_VALIDATION);

        Outcome texas = ship(AddressValidationMode.OFF, AUSTIN);

        assertThat(texas.state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(ups.sandbox().requests(Operation.ADDRESS_VALIDATION)).isEqualTo(before);
        assertThat(texas.addressCheck()).satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SKIPPED);
            assertThat(e.reasonCode()).isEqualTo("ADDRESS_VALIDATION_OFF");
        });
    }

    @Test
    void aShipToWithoutAStateIsCompletedFromUpsCandidateElseFailsNamingTheField() {
        for (AddressValidationMode mode : List.of(AddressValidationMode.REQUIRED, AddressValidationMode.BEST_EFFORT)) {
            Outcome completed = ship(mode, BROOKLYN_NO_STATE);
            assertThat(completed.state()).as(mode.name()).isEqualTo(LedgerState.SHIPPED);
            assertThat(completed.stateSent()).as(mode.name()).isEqualTo("NY");
            assertThat(completed.addressCheck().message()).as(mode.name())
                    .contains("the ship-to has no state: NY completed from UPS's candidate");
        }
        // No candidate (CIE: outside NY/CA; production: a ZIP UPS does not know): never sent without a state.
        Outcome required = ship(AddressValidationMode.REQUIRED, AUSTIN_NO_STATE);
        assertThat(required.result().reasonCode()).isEqualTo("ADDRESS_REJECTED");
        for (AddressValidationMode mode : List.of(AddressValidationMode.BEST_EFFORT, AddressValidationMode.OFF)) {
            int ships = ups.sandbox().requests(Operation.SHIP);
            Outcome missing = ship(mode, mode == AddressValidationMode.OFF ? BROOKLYN_NO_STATE : AUSTIN_NO_STATE);
            assertThat(missing.result().disposition()).as(mode.name()).isEqualTo(MessageResult.Disposition.DEAD_LETTERED);
            assertThat(missing.result().reasonCode()).as(mode.name()).isEqualTo("MISSING_STATE_PROVINCE");
            assertThat(missing.dlq().sent).singleElement().satisfies(m -> assertThat(m.attributes().get("reasonMessage"))
                    .contains("ShipTo.Address.StateProvinceCode"));
            assertThat(ups.sandbox().requests(Operation.SHIP)).as("no UPS call").isEqualTo(ships);
        }
    }
}
