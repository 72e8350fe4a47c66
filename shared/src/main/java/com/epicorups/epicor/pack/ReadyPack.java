package com.epicorups.epicor.pack;

import com.epicorups.model.PackKey;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One pack ready for a label, as read from Erp.BO.CustShipSvc: its ShipHead columns, its lines (ShipDtl) and its
 * cartons (CartonTrkDtl, possibly none). Weights are as Epicor holds them, with their UOM codes.
 *
 * @param sysRevId      ShipHead.SysRevID when read
 * @param shipViaCode   ShipHead.ShipViaCode
 * @param plant         ShipHead.Plant
 * @param custNum       ShipHead.CustNum
 * @param shipToCustNum ShipHead.ShipToCustNum and {@code shipToNum} ShipHead.ShipToNum: the customer ship-to
 * @param useOts        ShipHead.UseOTS: the address is the one-time address of order {@code otsOrderNum}
 * @param weight        ShipHead.Weight in {@code weightUom} (ShipHead.WeightUOM)
 * @param declaredAmt   ShipHead.DeclaredAmt (0: none)
 */
public record ReadyPack(
        PackKey key,
        long sysRevId,
        String shipViaCode,
        String plant,
        int custNum,
        int shipToCustNum,
        String shipToNum,
        boolean useOts,
        int otsOrderNum,
        BigDecimal weight,
        String weightUom,
        BigDecimal declaredAmt,
        String currencyCode,
        List<Line> lines,
        List<Carton> cartons) {

    public ReadyPack {
        Objects.requireNonNull(key, "key");
        lines = List.copyOf(lines);
        cartons = List.copyOf(cartons);
    }

    /** The distinct order numbers of the pack's lines, in line order (the pack's references). */
    public List<Integer> orderNums() {
        LinkedHashSet<Integer> orders = new LinkedHashSet<>();
        lines.forEach(l -> orders.add(l.orderNum()));
        return List.copyOf(orders);
    }

    /** The warehouse of the pack's first line, which selects the shipper and ship-from; null without lines. */
    public String warehouse() {
        return lines.isEmpty() ? null : lines.get(0).warehouseCode();
    }

    /**
     * One ShipDtl row: PackLine, the release it ships (OrderNum, OrderLine, OrderRelNum), PartNum, LineDesc, the
     * quantity shipped from stock and from jobs (OurInventoryShipQty + OurJobShipQty) in IUM, WarehouseCode.
     */
    public record Line(int packLine, int orderNum, int orderLine, int orderRelNum, String partNum, String description,
                       BigDecimal quantity, String uom, String warehouseCode) {
    }

    /**
     * One CartonTrkDtl row: CaseNum, ShipmentType (part of its key), PkgWeight in ManifestWtUOM, PkgLength/Width/Height
     * in ManifestSizeUOM, DeclaredValue (0: none).
     */
    public record Carton(int caseNum, String shipmentType, BigDecimal weight, String weightUom, BigDecimal length,
                         BigDecimal width, BigDecimal height, String sizeUom, BigDecimal declaredValue) {
    }
}
