package com.epicorups.epicor.pack;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Reason;
import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorFields;
import com.epicorups.epicor.release.MappedRelease;
import com.epicorups.epicor.release.ReleaseAssembler;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pack's lines as the releases they ship, mapped as release mode maps releases (ship-to: the release's customer
 * ship-to or one-time address; part, value, customs data), each carrying the quantity the pack line ships. What the
 * shipment of a pack is built from: its address, its declared value and its commercial invoice.
 */
public final class EpicorPackLines {
    private final EpicorClient client;
    private final ReleaseAssembler assembler;

    public EpicorPackLines(EpicorClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.assembler = new ReleaseAssembler(client, client.settings());
    }

    /**
     * The pack's lines in PackLine order, each shipping to the pack's own ship-to (ShipHead.ShipToCustNum and
     * ShipToNum, or with ShipHead.UseOTS the one-time address of order ShipHead.OTSOrderNum): the packer may have
     * chosen another than the release's. A line whose release Epicor no longer has, or that release mode would not
     * ship (its reason: a void order, a service part, a drop shipment) or would need fixed (no address, no part),
     * fails the pack with that reason, permanent, naming the pack line. A part without a weight does not: the pack
     * is weighed (its cartons or ShipHead.Weight).
     */
    public List<ShippableRelease> shippable(ReadyPack pack) {
        if (pack.lines().isEmpty()) {
            throw new ConnectorException(Reason.MISSING_FIELD, FailureKind.PERMANENT,
                    "pack " + pack.key().packNum() + " has no lines (ShipDtl): nothing to ship", null);
        }
        List<ReleaseKey> keys = pack.lines().stream()
                .map(l -> new ReleaseKey(client.company(), l.orderNum(), l.orderLine(), l.orderRelNum())).toList();
        List<JsonNode> read = assembler.releases(keys, EpicorFields.ORDER_REL);
        JsonNode ots = pack.useOts() ? otsAddress(pack, read) : null;
        List<JsonNode> rels = read.stream().map(rel -> PackShipTo.onRelease(rel, pack, ots)).toList();
        Map<ReleaseKey, MappedRelease> mapped = new HashMap<>();
        for (MappedRelease m : assembler.assemble(rels)) {
            mapped.put(m.key(), m);
        }
        List<ShippableRelease> lines = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            ReadyPack.Line line = pack.lines().get(i);
            String where = "pack " + pack.key().packNum() + " line " + line.packLine() + " (release "
                    + keys.get(i).reference() + ")";
            MappedRelease m = mapped.get(keys.get(i));
            if (m == null) {
                throw new ConnectorException(Reason.RELEASE_GONE, FailureKind.PERMANENT,
                        where + ": Epicor has no such release", null);
            }
            if (m.release() == null || (m.skipReason() != null && m.skipReason() != Reason.NO_WEIGHT)) {
                throw new ConnectorException(m.skipReason(), FailureKind.PERMANENT, where + ": " + m.detail(), null);
            }
            lines.add(shipping(m.release(), line.quantity()));
        }
        return lines;
    }

    /**
     * The row holding the one-time address the pack ships to: that of order ShipHead.OTSOrderNum, on its header when
     * the order uses one (OrderHed.UseOTS), else on its release among the pack's lines (OrderRel.UseOTS).
     */
    private JsonNode otsAddress(ReadyPack pack, List<JsonNode> rels) {
        JsonNode hed = otsOrder(pack);
        if (com.epicorups.epicor.release.Rows.bool(hed, "UseOTS")) {
            return hed;
        }
        return rels.stream().filter(r -> com.epicorups.epicor.release.Rows.integer(r, "OrderNum") == pack.otsOrderNum()
                        && com.epicorups.epicor.release.Rows.bool(r, "UseOTS")).findFirst()
                .orElseThrow(() -> new ConnectorException(Reason.NO_SHIP_TO_ADDRESS, FailureKind.PERMANENT, "pack "
                        + pack.key().packNum() + " uses the one-time address of order " + pack.otsOrderNum()
                        + " (ShipHead.UseOTS, OTSOrderNum), but neither that order nor its releases on the pack have one",
                        null));
    }

    /** The header of the order whose one-time address the pack ships to (ShipHead.OTSOrderNum). */
    private JsonNode otsOrder(ReadyPack pack) {
        if (pack.otsOrderNum() <= 0) {
            throw new ConnectorException(Reason.NO_SHIP_TO_ADDRESS, FailureKind.PERMANENT, "pack "
                    + pack.key().packNum() + " uses a one-time address (ShipHead.UseOTS) but names no order "
                    + "(ShipHead.OTSOrderNum)", null);
        }
        JsonNode hed = assembler.headers(List.of(new ReleaseKey(client.company(), pack.otsOrderNum(), 1, 1)))
                .orders().get(pack.otsOrderNum());
        if (hed == null) {
            throw new ConnectorException(Reason.NO_SHIP_TO_ADDRESS, FailureKind.PERMANENT, "pack "
                    + pack.key().packNum() + " uses the one-time address of order " + pack.otsOrderNum()
                    + " (ShipHead.OTSOrderNum), which Epicor does not have", null);
        }
        return hed;
    }

    /** The release as this pack line ships it: the line's quantity, the weight and value in proportion. */
    private static ShippableRelease shipping(ShippableRelease r, BigDecimal quantity) {
        if (quantity == null || quantity.signum() <= 0 || r.quantity() == null || r.quantity().signum() <= 0
                || quantity.compareTo(r.quantity()) == 0) {
            return r;
        }
        BigDecimal share = quantity.divide(r.quantity(), 10, RoundingMode.HALF_UP);
        return new ShippableRelease(r.key(), r.sysRevId(), r.customerId(), r.poNumber(), r.partNum(),
                r.partDescription(), quantity, r.quantityUom(), scaled(r.weight(), share, 3), r.weightUnit(),
                scaled(r.value(), share, 2), r.currencyCode(), r.warehouse(), r.plant(), r.shipViaCode(), r.shipTo(),
                r.notes(), r.customs());
    }

    private static BigDecimal scaled(BigDecimal v, BigDecimal share, int scale) {
        return v == null ? null : v.multiply(share).setScale(scale, RoundingMode.HALF_UP);
    }
}
