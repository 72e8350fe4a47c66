package com.epicorups.ups.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.port.CreatedShipment;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.service.BestWay;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 20, Best Way: a rate-shopped ShipVia asks Rating Shop once per shipment and ships on the cheapest service
 * within its transit limit (the sandbox's deterministic charges, README "Rating").
 */
class BestWaySandboxTest {
    @RegisterExtension
    static final UpsSandboxExtension ups = new UpsSandboxExtension();

    private UpsClients clients(BestWay rule) {
        return ups.clients(ups.settingsBuilder().bestWay("UPS BEST", rule).build());
    }

    @Test
    void shipsOnTheCheapestNegotiatedServiceWithinItsTransitLimitAfterOneRatingCall() throws Exception {
        int ratingBefore = ups.sandbox().requests(Operation.RATING);
        int shipBefore = ups.sandbox().requests(Operation.SHIP);

        // US -> CA, 13 lb billed: Standard 30.24 (6 days), Expedited 80.40 (5), Saver 68.40 (3), Express 109.23 (2).
        CreatedShipment withinThree = clients(new BestWay(3, null)).shipping()
                .create(List.of(Releases.release("CHI", "UPS BEST", Releases.TORONTO)));

        assertThat(Json.mapper().readTree(withinThree.requestBody()).at("/ShipmentRequest/Shipment/Service/Code").asText())
                .isEqualTo("65");
        assertThat(withinThree.charges()).containsEntry("BestWayService", "65").containsEntry("BestWayCharge", "68.40 USD");
        assertThat(withinThree.auditNotes()).anySatisfy(n -> assertThat(n).startsWith("Best Way: 65 at 68.40 USD (negotiated)")
                .contains("11 at 30.24 USD (negotiated), 6 business days"));
        assertThat(ups.sandbox().requests(Operation.RATING) - ratingBefore).as("one Rating call").isEqualTo(1);
        assertThat(ups.sandbox().requests(Operation.SHIP) - shipBefore).isEqualTo(1);

        CreatedShipment noLimit = clients(new BestWay(null, null)).shipping()
                .create(List.of(Releases.release("CHI", "UPS BEST", Releases.TORONTO)));
        assertThat(noLimit.charges()).containsEntry("BestWayService", "11").containsEntry("BestWayCharge", "30.24 USD");
        assertThat(ups.sandbox().validationFailures()).as("Rating and Ship requests UPS's specs allow").isEmpty();
    }

    @Test
    void aContainerAsksRatingOnceForTheSameShipmentAskedAgainWithinMinutes() {
        UpsClients clients = clients(new BestWay(3, null));
        int ratingBefore = ups.sandbox().requests(Operation.RATING);

        CreatedShipment first = clients.shipping().create(List.of(Releases.release("CHI", "UPS BEST", Releases.TORONTO)));
        CreatedShipment second = clients.shipping().create(List.of(Releases.release("CHI", "UPS BEST", Releases.TORONTO)));
        clients.shipping().create(List.of(Releases.release(Releases.nextOrder(), 1, "CHI", "UPS BEST", Releases.TORONTO, "40")));

        assertThat(second.charges()).isEqualTo(first.charges());
        assertThat(ups.sandbox().requests(Operation.RATING) - ratingBefore)
                .as("two orders of the same part to the same customer: one question; a heavier one: another")
                .isEqualTo(2);
    }

    @Test
    void noServiceWithinTheLimitFailsBeforeShipping() {
        int shipBefore = ups.sandbox().requests(Operation.SHIP);

        assertThatThrownBy(() -> clients(new BestWay(1, Set.of("65", "08"))).shipping()
                .create(List.of(Releases.release("CHI", "UPS BEST", Releases.BERLIN))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("NO_SERVICE_WITHIN_TRANSIT");
                    assertThat(e.getMessage()).contains("'UPS BEST'").contains("US -> DE").contains("within 1 business days")
                            .contains("65 at").contains("ups.bestWay.UPS BEST.maxTransitDays");
                });
        assertThat(ups.sandbox().requests(Operation.SHIP)).as("nothing shipped").isEqualTo(shipBefore);
    }
}
