package com.epicorups.pipeline;

import static com.epicorups.pipeline.TestDoubles.usAddress;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.LedgerState;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A release that UPS Shipping refuses without a call ({@code UpsShipping.checkBeforeAnyCall}: the lane, a Best Way
 * NeedByDate, the packages) is refused before Address Validation on every path: one message, a batch (whose early
 * address checks skip it) and a group of one order (which then goes the single path). Issue 20, decision 0033.
 */
class RefusedBeforeAnyUpsCallTest extends ShipmentCreationFixture {
    private static final Address SAN_JUAN = new Address("Caribe Distribuidores", null,
            List.of("1250 Ave Ponce de Leon"), "San Juan", "PR", "00907", "PR", "7875550110", null, null);
    private final AtomicInteger messageIds = new AtomicInteger();

    private void refusePuertoRico() {
        ups.refusesWithoutCall = r -> "PR".equals(r.shipTo().countryCode())
                ? new ConnectorException(Reason.SERVICE_NOT_ON_LANE, "ShipVia 'UPSG' maps to UPS service 03 (Ground), "
                + "which UPS does not offer from US to PR") : null;
    }

    private void assertRefusedBeforeAnyCall(ShippableRelease r) {
        assertThat(ledger.get(r.key()).orElseThrow().state()).isEqualTo(LedgerState.NEEDS_ATTENTION);
        assertThat(ledger.get(r.key()).orElseThrow().reasonCode()).isEqualTo("SERVICE_NOT_ON_LANE");
        assertThat(dlq.sent).anySatisfy(s -> {
            assertThat(s.body()).contains("\"orderNum\":" + r.key().orderNum()).contains("\"orderLine\":" + r.key().orderLine());
            assertThat(s.attributes()).containsEntry("reasonCode", "SERVICE_NOT_ON_LANE");
        });
        assertThat(audit.forSubject(r.key().asString())).anySatisfy(e -> {
            assertThat(e.operation()).isEqualTo(AuditOperation.SHIPMENT_CREATE);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.reasonCode()).isEqualTo("SERVICE_NOT_ON_LANE");
            assertThat(e.message()).contains("which UPS does not offer from US to PR");
        }).noneSatisfy(e -> assertThat(e.operation()).isEqualTo(AuditOperation.ADDRESS_VALIDATION));
    }

    private void processBatch(ShipmentCreation creation, List<ShippableRelease> releases) {
        SQSEvent event = sqsBatch(releases.stream().map(TestDoubles::requestBody).toList(),
                i -> "m" + messageIds.incrementAndGet());
        new SqsBatchProcessor(3).process(event, creation);
    }

    @Test
    void oneMessageIsRefusedBeforeAddressValidation() {
        refusePuertoRico();
        ShippableRelease toSanJuan = shippableInEpicor(new ReleaseKey("EPIC06", 7104, 1, 1), SAN_JUAN);

        creationBuilder().build().handle(new InboundMessage("m-1", TestDoubles.requestBody(toSanJuan), "rh", 1,
                "ShipmentRequestsQueue"));

        assertRefusedBeforeAnyCall(toSanJuan);
        assertThat(validation.seen).as("no Address Validation").isEmpty();
        assertThat(ups.creates).hasValue(0);
    }

    @Test
    void aBatchStartsNoEarlyAddressCheckForARefusedReleaseAndShipsTheOthers() {
        refusePuertoRico();
        ShippableRelease toSanJuan = shippableInEpicor(new ReleaseKey("EPIC06", 7104, 1, 1), SAN_JUAN);
        ShippableRelease toAtlanta = shippableInEpicor(new ReleaseKey("EPIC06", 7105, 1, 1), usAddress("1 Peachtree St"));

        processBatch(creationBuilder().build(), List.of(toSanJuan, toAtlanta));

        assertRefusedBeforeAnyCall(toSanJuan);
        assertThat(validation.seen).as("Atlanta's address only").extracting(Address::countryCode).containsExactly("US");
        assertThat(ledger.get(toAtlanta.key()).orElseThrow().state()).isEqualTo(LedgerState.SHIPPED);
        assertThat(ups.createCalls).singleElement().satisfies(call ->
                assertThat(call).extracting(ShippableRelease::key).containsExactly(toAtlanta.key()));
    }

    @Test
    void aGroupOfRefusedReleasesIsNotValidatedAsAGroupAndEachIsRefused() {
        refusePuertoRico();
        ShippableRelease first = shippableInEpicor(new ReleaseKey("EPIC06", 7106, 1, 1), SAN_JUAN);
        ShippableRelease second = shippableInEpicor(new ReleaseKey("EPIC06", 7106, 2, 1), SAN_JUAN);

        processBatch(creationBuilder().groupReleasesByOrder(true).build(), List.of(first, second));

        assertRefusedBeforeAnyCall(first);
        assertRefusedBeforeAnyCall(second);
        assertThat(validation.seen).as("no Address Validation, for the group or either release").isEmpty();
        assertThat(ups.creates).hasValue(0);
    }
}
