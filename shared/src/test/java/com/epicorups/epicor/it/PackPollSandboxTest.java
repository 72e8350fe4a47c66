package com.epicorups.epicor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.pack.EpicorPackReader;
import com.epicorups.epicor.pack.PackSettings;
import com.epicorups.epicor.pack.ReadyPack;
import com.epicorups.model.PackKey;
import com.epicorups.sandbox.epicor.EpicorDataset;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pack poll's reads as the Epicor sandbox answers them (sample packs 1001-1011, child-set filters bound to ShipHead). */
class PackPollSandboxTest extends SandboxSupport {
    private EpicorSettings settings;

    @BeforeEach
    void startSandbox() {
        start(EpicorDataset.sample());
        settings = settings(b -> b);
    }

    private EpicorPackReader reader(PackSettings packs) {
        return new EpicorPackReader(client(settings), packs);
    }

    @Test
    void readsTheFreightedPacksWithTheirLinesAndCartonsInChangeOrder() {
        EpicorPackReader.Page page = reader(PackSettings.defaults()).changedAfter(Map.of());

        assertThat(page.packs()).extracting(p -> p.key().packNum())
                .as("not 1001-1002 (shipped), 1003 (voided), 1010 (still open)")
                .containsExactly(1004, 1005, 1006, 1007, 1008, 1009, 1011);
        assertThat(page.isLast()).isTrue();
        ReadyPack none = pack(page, 1004);
        assertThat(none.cartons()).isEmpty();
        assertThat(none.weight()).isEqualByComparingTo("23.5");
        assertThat(none.weightUom()).isEqualTo("LB");
        assertThat(none.orderNums()).containsExactly(5001);
        assertThat(none.lines()).extracting(ReadyPack.Line::orderLine).containsExactly(1, 2, 3);
        ReadyPack three = pack(page, 1005);
        assertThat(three.cartons()).extracting(ReadyPack.Carton::caseNum).containsExactly(1, 2, 3);
        assertThat(three.cartons().get(0).weight()).isEqualByComparingTo("20.5");
        assertThat(three.cartons().get(0).length()).isEqualByComparingTo("18");
        assertThat(three.cartons().get(0).shipmentType()).isEqualTo("Sales");
        assertThat(three.warehouse()).isEqualTo("RNO");
        ReadyPack ots = pack(page, 1006);
        assertThat(ots.useOts()).isTrue();
        assertThat(ots.otsOrderNum()).isEqualTo(5017);
        assertThat(pack(page, 1007).shipViaCode()).isEqualTo("UPSS");
        assertThat(pack(page, 1011).weight()).isGreaterThan(new BigDecimal(150));
        assertThat(badRequests()).isEmpty();
    }

    @Test
    void pagesByChangeMarkerAndSeesAPackFreightedLater() {
        EpicorPackReader reader = reader(new PackSettings(null, 3));
        List<Integer> seen = new ArrayList<>();
        Map<String, String> position = Map.of();
        EpicorPackReader.Page page;
        do {
            page = reader.changedAfter(position);
            page.packs().forEach(p -> seen.add(p.key().packNum()));
            if (page.rows() > 0) {
                position = page.position();
            }
        } while (!page.isLast());
        assertThat(seen).containsExactly(1004, 1005, 1006, 1007, 1008, 1009, 1011);
        assertThat(position).containsEntry("mode", "PACKS").containsEntry("packNum", "1011");

        assertThat(reader.changedAfter(position).packs()).isEmpty();
        sandbox.dataset().update("CustShips", Map.of("Company", COMPANY, "PackNum", 1010),
                Map.of("ShipStatus", "Freighted"));

        assertThat(reader.changedAfter(position).packs()).extracting(ReadyPack::key)
                .containsExactly(new PackKey(COMPANY, 1010));
    }

    @Test
    void theReadyFilterIsTheShopsAndTheLabelableRulesAlwaysHold() {
        EpicorPackReader.Page page = reader(new PackSettings("ShipStatus eq 'OPEN' or ShipStatus eq 'VOID'", 100))
                .changedAfter(Map.of());

        assertThat(page.packs()).extracting(p -> p.key().packNum()).as("1003's status passes, but it is voided")
                .containsExactly(1010);
        assertThat(pack(page, 1010).lines()).isNotEmpty();
    }

    @Test
    void theSweepReadsEveryReadyPackInPackNumOrder() {
        EpicorPackReader reader = reader(new PackSettings(null, 4));
        EpicorPackReader.Page first = reader.inKeyOrderAfter(Map.of());
        EpicorPackReader.Page second = reader.inKeyOrderAfter(first.position());

        assertThat(first.packs()).extracting(p -> p.key().packNum()).containsExactly(1004, 1005, 1006, 1007);
        assertThat(first.isLast()).isFalse();
        assertThat(second.packs()).extracting(p -> p.key().packNum()).containsExactly(1008, 1009, 1011);
        assertThat(second.isLast()).isTrue();
    }

    @Test
    void aPageOfManyCartonsIsReadWhole() {
        for (int c = 2; c <= 7; c++) {
            sandbox.dataset().insert("CartonTrkDtls", Map.of("Company", COMPANY, "ShipmentType", "Sales",
                    "PackNum", 1008, "CaseNum", c, "PkgWeight", c));
        }
        EpicorPackReader.Page page = reader(new PackSettings(null, 3)).inKeyOrderAfter(
                Map.of("mode", "PACKS", "sysRevId", "0", "packNum", "1007"));

        assertThat(pack(page, 1008).cartons()).extracting(ReadyPack.Carton::caseNum)
                .containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    private static ReadyPack pack(EpicorPackReader.Page page, int packNum) {
        return page.packs().stream().filter(p -> p.key().packNum() == packNum).findFirst().orElseThrow();
    }
}
