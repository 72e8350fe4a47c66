package com.epicorups.epicor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.pack.EpicorPackLines;
import com.epicorups.epicor.pack.EpicorPackReader;
import com.epicorups.epicor.pack.PackSettings;
import com.epicorups.epicor.pack.ReadyPack;
import com.epicorups.model.ShippableRelease;
import com.epicorups.sandbox.epicor.EpicorDataset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pack's lines as the releases they ship (address, customs, value), read from the sample packs. */
class PackLinesSandboxTest extends SandboxSupport {
    private EpicorClient client;

    @BeforeEach
    void startSandbox() {
        start(EpicorDataset.sample());
        client = client(settings(b -> b));
    }

    private ReadyPack pack(int packNum) {
        return new EpicorPackReader(client, PackSettings.defaults()).changedAfter(Map.of()).packs().stream()
                .filter(p -> p.key().packNum() == packNum).findFirst().orElseThrow();
    }

    @Test
    void aOneTimeAddressPackShipsToTheOrdersOneTimeAddress() {
        List<ShippableRelease> lines = new EpicorPackLines(client).shippable(pack(1006));

        assertThat(lines).singleElement().satisfies(r -> {
            assertThat(r.key().orderNum()).isEqualTo(5017);
            assertThat(r.shipTo().city()).isEqualTo("Chicago");
            assertThat(r.shipTo().countryCode()).isEqualTo("US");
        });
    }

    @Test
    void aPackShipsToItsOwnShipToWhenThePackerChoseAnotherThanTheReleases() {
        // Customer Shipment Entry: the packer sends order 5001's pack to the Schaumburg dock, not the main address.
        sandbox.dataset().update("CustShips", Map.of("Company", COMPANY, "PackNum", 1004),
                Map.of("ShipToNum", "DOCK2"));

        List<ShippableRelease> lines = new EpicorPackLines(client).shippable(pack(1004));

        assertThat(lines).hasSize(3).allSatisfy(r -> assertThat(r.shipTo().city()).isEqualTo("Schaumburg"));
    }

    @Test
    void aPackToAOneTimeAddressOfAnotherOrderTakesThatOrdersAddressWhenItHasNone() {
        // Pack 1004 (order 5001) marked as shipping to order 5017's one-time address, which is on its release only.
        sandbox.dataset().update("CustShips", Map.of("Company", COMPANY, "PackNum", 1004),
                Map.of("UseOTS", true, "OTSOrderNum", 5017));

        assertThatThrownBy(() -> new EpicorPackLines(client).shippable(pack(1004)))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("order 5017")
                .hasMessageContaining("pack 1004")
                .satisfies(e -> assertThat(((ConnectorException) e).reasonCode()).isEqualTo("NO_SHIP_TO_ADDRESS"));
    }

    @Test
    void anInternationalPacksLinesCarryTheirCustomsDataAndEveryLineIsShipped() {
        List<ShippableRelease> germany = new EpicorPackLines(client).shippable(pack(1007));

        assertThat(germany).hasSize(2).allSatisfy(r -> assertThat(r.shipTo().countryCode()).isEqualTo("DE"));
        assertThat(germany).extracting(ShippableRelease::partNum).containsExactly("CTRL-PLC8", "VALVE-075");
        assertThat(germany).allSatisfy(r -> assertThat(r.customs()).isNotNull());
        assertThat(germany.get(0).customs().originCountry()).isEqualTo("DE");

        assertThat(new EpicorPackLines(client).shippable(pack(1004))).extracting(r -> r.key().orderLine())
                .containsExactly(1, 2, 3);
    }

    @Test
    void aLineWhoseReleaseWasVoidedFailsThePackNamingTheLine() {
        ReadyPack pack = pack(1004);
        sandbox.dataset().update("OrderRels", Map.of("Company", COMPANY, "OrderNum", 5001, "OrderLine", 2,
                "OrderRelNum", 1), Map.of("VoidRelease", true, "OpenRelease", false));

        assertThatThrownBy(() -> new EpicorPackLines(client).shippable(pack))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessageContaining("pack 1004 line 2 (release 5001-2-1)");
    }
}
