package com.epicorups.epicor.pack;

import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.model.PackKey;
import com.epicorups.port.PolledItem;
import com.epicorups.port.ReleaseSource;
import com.epicorups.store.LedgerState;
import com.epicorups.store.PackLedger;
import com.epicorups.store.ShipmentRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order poll's pages in pack mode ({@code epicor.source: PACKS}): the ready packs of {@link EpicorPackReader},
 * changed since the checkpoint or, for the reconciliation sweep, in PackNum order, through the same page loop, lease
 * and checkpoints as releases ({@link com.epicorups.pipeline.ReleasePoller}). {@link #voids} is the void pass's
 * source: packs voided in Epicor (changed since its own checkpoint) that the ledger has shipped.
 */
public final class EpicorPackSource implements ReleaseSource {
    private final EpicorClient client;
    private final EpicorPackReader reader;
    private final Set<String> upsShipViaCodes;
    private final boolean voided;
    private final PackLedger ledger;

    private EpicorPackSource(EpicorClient client, EpicorPackReader reader, Set<String> upsShipViaCodes,
                             boolean voided, PackLedger ledger) {
        this.client = client;
        this.reader = reader;
        this.upsShipViaCodes = upsShipViaCodes;
        this.voided = voided;
        this.ledger = ledger;
    }

    /** The ready packs. */
    public static EpicorPackSource ready(EpicorClient client, EpicorSettings settings) {
        return new EpicorPackSource(client, new EpicorPackReader(client, settings.packSettings()),
                settings.upsShipViaCodes(), false, null);
    }

    /** The packs voided after the connector shipped them: {@code ledger} says which it shipped. */
    public static EpicorPackSource voids(EpicorClient client, EpicorSettings settings, PackLedger ledger) {
        return new EpicorPackSource(client, new EpicorPackReader(client, settings.packSettings()),
                settings.upsShipViaCodes(), true, ledger);
    }

    /** The name of the pack poll's change checkpoint for this company (the sweep's and lease's are named after it). */
    public String checkpointName() {
        return "epicor-packs#" + client.company() + (voided ? "#voids" : "");
    }

    @Override
    public void startCycle() {
        client.startCycle();
    }

    @Override
    public int callCount() {
        return client.callCount();
    }

    @Override
    public Page changedAfter(Map<String, String> position) {
        return new PackPage(voided ? reader.voidedChangedAfter(position) : reader.changedAfter(position));
    }

    @Override
    public Page inKeyOrderAfter(Map<String, String> position) {
        return new PackPage(reader.inKeyOrderAfter(position));
    }

    private final class PackPage implements Page {
        private final EpicorPackReader.Page page;

        PackPage(EpicorPackReader.Page page) {
            this.page = page;
        }

        @Override
        public int rows() {
            return page.rows();
        }

        @Override
        public boolean isLast() {
            return page.isLast();
        }

        @Override
        public Map<String, String> position() {
            return page.position();
        }

        @Override
        public List<? extends PolledItem> mapReleases() {
            if (!voided) {
                return page.packs().stream().map(p -> PolledPack.toShip(p, upsShipViaCodes)).toList();
            }
            // Voided packs whose label is not the connector's (another system's, or never shipped) are not ours.
            Map<PackKey, ShipmentRecord> shipped = page.packs().isEmpty() ? Map.of()
                    : ledger.getAll(page.packs().stream().map(ReadyPack::key).toList());
            return page.packs().stream().filter(p -> shipped.containsKey(p.key())
                    && isShipped(shipped.get(p.key()).state())).map(PolledPack::toVoid).toList();
        }
    }

    private static boolean isShipped(LedgerState state) {
        return state == LedgerState.SHIPPED || state == LedgerState.WRITTEN || state == LedgerState.VOIDING;
    }
}
