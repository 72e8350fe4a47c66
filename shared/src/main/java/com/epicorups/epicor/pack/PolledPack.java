package com.epicorups.epicor.pack;

import com.epicorups.core.Reason;
import com.epicorups.port.PolledItem;
import java.time.Instant;
import java.util.Set;

/**
 * One pack the pack poll read: to ship (or, from the void pass, to void), or skipped for good because its ShipVia
 * is not one of the UPS ship vias (as release mode skips such a release, decision 0005).
 */
public record PolledPack(ReadyPack pack, PackRequestMessage.Kind kind, Reason skipReason, String detail)
        implements PolledItem {

    /** A ready pack: shipped unless its ShipVia is another carrier's ({@code upsShipViaCodes} empty: all are UPS's). */
    static PolledPack toShip(ReadyPack pack, Set<String> upsShipViaCodes) {
        String shipVia = pack.shipViaCode();
        if (!upsShipViaCodes.isEmpty() && shipVia != null && !upsShipViaCodes.contains(shipVia)) {
            return new PolledPack(pack, PackRequestMessage.Kind.PACK, Reason.NOT_UPS_SHIP_VIA, "pack "
                    + pack.key().packNum() + ": ShipViaCode '" + shipVia + "' is not one of the UPS ship vias "
                    + upsShipViaCodes);
        }
        return new PolledPack(pack, PackRequestMessage.Kind.PACK, null, null);
    }

    /** A pack voided in Epicor that the ledger has shipped: its UPS shipment is to be voided. */
    static PolledPack toVoid(ReadyPack pack) {
        return new PolledPack(pack, PackRequestMessage.Kind.PACK_VOID, null, null);
    }

    @Override
    public String subject() {
        return pack.key().asString();
    }

    @Override
    public long sysRevId() {
        return pack.sysRevId();
    }

    @Override
    public boolean isSkipped() {
        return skipReason != null;
    }

    @Override
    public Object message(String pollId, Instant polledAt) {
        return kind == PackRequestMessage.Kind.PACK ? PackRequestMessage.ship(pollId, polledAt, pack)
                : PackRequestMessage.voidLabel(pollId, polledAt, pack);
    }
}
