package com.epicorups.epicor.release;

import com.epicorups.core.Reason;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps one OrderRel row and the rows it refers to into a ShippableRelease, or a skip reason. Pure: the
 * poller and the pre-ship re-read both use it, so a release is judged the same way twice.
 *
 * <p>Quantity is the release's remaining quantity in our UOM (OurReqQty minus stock and job shipped);
 * weight = part weight per inventory unit x that quantity; value = remaining selling quantity x
 * OrderDtl.DocUnitPrice (the order's currency, OrderHed.CurrencyCode) / the price-per factor (E 1, C 100, M 1000).
 */
public final class ReleaseMapper {
    private final String company;
    private final EpicorSettings settings;

    /** @param company the EpicorSecret's company, for rows that do not carry their own */
    public ReleaseMapper(String company, EpicorSettings settings) {
        this.company = company;
        this.settings = settings;
    }

    public static ReleaseKey keyOf(JsonNode rel, String company) {
        String co = Rows.text(rel, "Company");
        return new ReleaseKey(co == null ? company : co, Rows.integer(rel, "OrderNum"), Rows.integer(rel, "OrderLine"),
                Rows.integer(rel, "OrderRelNum"));
    }

    /**
     * @param shipTo the ShipTo row (for a blank ShipToNum: the customer's blank-numbered ShipTo, else the Customer
     *               row) the release's {@link ShipToSource} points at, or null when
     *               the address is one-time (OTS) or the row was not found
     */
    public MappedRelease map(JsonNode rel, JsonNode hed, JsonNode dtl, JsonNode part, JsonNode shipTo) {
        ReleaseKey key = keyOf(rel, company);
        long rev = Rows.longValue(rel, "SysRevID");
        if (hed == null) {
            return MappedRelease.skipped(key, rev, Reason.RELEASE_GONE, "order header " + key.orderNum() + " not found");
        }
        if (dtl == null) {
            return MappedRelease.skipped(key, rev, Reason.RELEASE_GONE, "order line " + key.orderLine() + " not found");
        }
        if (Rows.bool(hed, "VoidOrder")) {
            return MappedRelease.skipped(key, rev, Reason.ORDER_VOID, "OrderHed.VoidOrder is true");
        }
        if (!Rows.bool(hed, "OpenOrder")) {
            return MappedRelease.skipped(key, rev, Reason.ORDER_CLOSED, "OrderHed.OpenOrder is false");
        }
        if (Rows.bool(dtl, "VoidLine")) {
            return MappedRelease.skipped(key, rev, Reason.LINE_VOID, "OrderDtl.VoidLine is true");
        }
        if (!Rows.bool(dtl, "OpenLine")) {
            return MappedRelease.skipped(key, rev, Reason.LINE_CLOSED, "OrderDtl.OpenLine is false");
        }
        if (Rows.bool(rel, "VoidRelease")) {
            return MappedRelease.skipped(key, rev, Reason.RELEASE_VOID, "OrderRel.VoidRelease is true");
        }
        if (!Rows.bool(rel, "OpenRelease")) {
            return MappedRelease.skipped(key, rev, Reason.RELEASE_CLOSED, "OrderRel.OpenRelease is false");
        }
        if (Rows.bool(rel, "DropShip")) {
            return MappedRelease.skipped(key, rev, Reason.DROP_SHIP, "OrderRel.DropShip is true: the supplier ships it");
        }
        if ("CONTRACT".equalsIgnoreCase(Rows.text(dtl, "LineType"))) {
            return MappedRelease.skipped(key, rev, Reason.SERVICE_ITEM, "OrderDtl.LineType is CONTRACT");
        }
        BigDecimal required = Rows.decimalOrZero(rel, "OurReqQty");
        if (required.signum() <= 0) {
            return MappedRelease.skipped(key, rev, Reason.ZERO_QUANTITY, "OrderRel.OurReqQty is " + required.toPlainString());
        }
        List<String> notes = new ArrayList<>();
        // A negative shipped quantity is bad data: taken at face value it would ship more than the release holds.
        BigDecimal remaining = required.subtract(shipped(rel, "OurStockShippedQty", required, notes))
                .subtract(shipped(rel, "OurJobShippedQty", required, notes));
        if (remaining.signum() <= 0) {
            return MappedRelease.skipped(key, rev, Reason.ALREADY_SHIPPED_IN_EPICOR,
                    "Epicor already shipped " + required.subtract(remaining).toPlainString() + " of " + required.toPlainString());
        }
        String partNum = Rows.text(rel, "PartNum");
        if (partNum == null) {
            partNum = Rows.text(dtl, "PartNum");
        }
        // Bad data is not a reason to leave the release behind: a release with no part, no weight, an inactive
        // ship-to or no usable address is still mapped (so it is enqueued and ends in the DLQ with its reason,
        // and ships after a fix and a redrive), but marked as needing a fix. A skip would be only an audit line,
        // and the poll sees the release again only when its OrderRel row changes, which fixing a Part or a
        // ShipTo row does not do. The first problem found is the reason; the detail names every one.
        List<Reason> problems = new ArrayList<>();
        List<String> problemDetails = new ArrayList<>();
        if (partNum == null) {
            problems.add(Reason.NO_PART);
            problemDetails.add("the release has no PartNum");
        } else if (part == null) {
            problems.add(Reason.NO_PART);
            problemDetails.add("part '" + partNum + "' is not in the Part master");
        } else if (Rows.bool(part, "IsServices")) {
            return MappedRelease.skipped(key, rev, Reason.SERVICE_ITEM, "Part.IsServices is true for '" + partNum + "'");
        }
        String shipVia = Rows.text(rel, "ShipViaCode");
        if (shipVia == null) {
            shipVia = Rows.text(hed, "ShipViaCode");
        }
        // A blank ShipVia names no carrier: it ships with UPS's default service.
        if (!settings.upsShipViaCodes().isEmpty() && shipVia != null && !settings.upsShipViaCodes().contains(shipVia)) {
            return MappedRelease.skipped(key, rev, Reason.NOT_UPS_SHIP_VIA, "ShipViaCode '" + shipVia
                    + "' is not one of the UPS ship vias " + settings.upsShipViaCodes());
        }
        boolean net = settings.weightSource() == EpicorSettings.WeightSource.NET;
        String weightField = net ? "NetWeight" : "GrossWeight";
        Optional<BigDecimal> weight = Optional.empty();
        if (part != null) {
            BigDecimal unitWeight = Rows.decimal(part, weightField);
            String weightUom = Rows.text(part, weightField + "UOM");
            if (unitWeight == null || unitWeight.signum() <= 0) {
                problems.add(Reason.NO_WEIGHT);
                problemDetails.add("Part." + weightField + " of '" + partNum + "' is "
                        + (unitWeight == null ? "empty" : unitWeight.toPlainString()));
            } else {
                weight = WeightConversion.convert(unitWeight.multiply(remaining), weightUom, settings.weightUnit());
                if (weight.isEmpty()) {
                    problems.add(Reason.NO_WEIGHT);
                    problemDetails.add("Part." + weightField + "UOM of '" + partNum + "' is '" + weightUom
                            + "', not a weight unit (LB, LBS, KG, KGS, G, OZ)");
                }
            }
        }
        ShipToSource source = ShipToSource.of(rel, hed);
        if (source instanceof ShipToSource.ShipTo st && shipTo != null && Rows.bool(shipTo, "Inactive")) {
            problems.add(Reason.SHIP_TO_INACTIVE);
            problemDetails.add("ShipTo " + st.custNum() + "/'" + st.shipToNum() + "' is inactive (ShipTo.Inactive)");
        }
        Address address = address(source, rel, hed, shipTo);
        String incomplete = incompleteness(address);
        if (incomplete != null) {
            problems.add(Reason.NO_SHIP_TO_ADDRESS);
            problemDetails.add(describe(source) + ": " + incomplete);
        }
        BigDecimal sellingRequired = Rows.decimalOrZero(rel, "SellingReqQty");
        BigDecimal sellingRemaining = sellingRequired
                .subtract(shipped(rel, "SellingStockShippedQty", sellingRequired, notes))
                .subtract(shipped(rel, "SellingJobShippedQty", sellingRequired, notes));
        BigDecimal price = Rows.decimal(dtl, "DocUnitPrice");
        if (price == null) {
            price = Rows.decimalOrZero(dtl, "UnitPrice");
        }
        BigDecimal value = sellingRemaining.max(BigDecimal.ZERO).multiply(price)
                .divide(pricePer(Rows.text(dtl, "PricePerCode")), 2, RoundingMode.HALF_UP);
        String description = Rows.text(dtl, "LineDesc");
        if (description == null) {
            description = Rows.text(part, "PartDescription");
        }
        String uom = Rows.text(rel, "IUM");
        if (uom == null) {
            uom = Rows.text(part, "IUM");
        }
        LocalDate needBy = Rows.date(rel, "NeedByDate");
        if (needBy == null && Rows.text(rel, "NeedByDate") != null) {
            notes.add("OrderRel.NeedByDate '" + Rows.text(rel, "NeedByDate") + "' is not a date: taken as none");
        }
        ShippableRelease r = new ShippableRelease(key, rev, Rows.text(hed, "CustomerCustID"), Rows.text(hed, "PONum"),
                partNum, description, plain(remaining), uom, weight.orElse(null), settings.weightUnit(), value,
                Rows.text(hed, "CurrencyCode"), Rows.text(rel, "WarehouseCode"), Rows.text(rel, "Plant"), shipVia,
                address == null ? null : address.withOrderContact(orderContactName(rel, hed),
                        Rows.text(hed, "ShipToContactPhoneNum")), notes).withNeedByDate(needBy);
        return problems.isEmpty() ? MappedRelease.shippable(r)
                : MappedRelease.needsFix(r, problems.get(0), String.join("; ", problemDetails));
    }

    /**
     * A shipped quantity of the release, 0 when Epicor holds a negative one (bad data: a negative shipped
     * quantity would make the remaining quantity larger than the release's own), with a note saying so.
     */
    private static BigDecimal shipped(JsonNode rel, String field, BigDecimal required, List<String> notes) {
        BigDecimal shipped = Rows.decimalOrZero(rel, field);
        if (shipped.signum() >= 0) {
            return shipped;
        }
        notes.add("OrderRel." + field + " is " + shipped.toPlainString() + ", a negative shipped quantity (bad data in "
                + "Epicor): counted as 0, so no more than the release's own " + plain(required).toPlainString()
                + " is shipped");
        return BigDecimal.ZERO;
    }

    /** The order's contact for this ship-to: the release's own, else the order header's. */
    private static String orderContactName(JsonNode rel, JsonNode hed) {
        String onRelease = Rows.text(rel, "ShipToContactName");
        return onRelease != null ? onRelease : Rows.text(hed, "ShipToContactName");
    }

    /** 40.000 -> 40 (not 4E+1: the quantity is also printed for people and UPS). */
    private static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static BigDecimal pricePer(String code) {
        if (code == null) {
            return BigDecimal.ONE;
        }
        return switch (code.toUpperCase(Locale.ROOT)) {
            case "C" -> BigDecimal.valueOf(100);
            case "M" -> BigDecimal.valueOf(1000);
            default -> BigDecimal.ONE;
        };
    }

    static Address address(ShipToSource source, JsonNode rel, JsonNode hed, JsonNode row) {
        if (source instanceof ShipToSource.ReleaseOts) {
            return ots(rel, Rows.text(rel, "OTSEMailAddress"), rel);
        }
        if (source instanceof ShipToSource.HeaderOts) {
            return ots(hed, null, rel);
        }
        if (row == null) {
            return null;
        }
        // A ShipTo row (also the customer's blank-numbered default ship-to) or a Customer row.
        boolean isShipTo = row.has("ShipToNum");
        return new Address(Rows.text(row, "Name"), isShipTo ? Rows.text(row, "ContactName") : null,
                lines(row, "Address1", "Address2", "Address3"), Rows.text(row, "City"), Rows.text(row, "State"),
                Rows.text(row, isShipTo ? "ZIP" : "Zip"), upper(Rows.text(row, "CountryISOCode")),
                Rows.text(row, "PhoneNum"), Rows.text(row, "EMailAddress"), Rows.bool(row, "ResDelivery"));
    }

    private static Address ots(JsonNode r, String email, JsonNode rel) {
        return new Address(Rows.text(r, "OTSName"), Rows.text(r, "OTSContact"),
                lines(r, "OTSAddress1", "OTSAddress2", "OTSAddress3"), Rows.text(r, "OTSCity"), Rows.text(r, "OTSState"),
                Rows.text(r, "OTSZIP"), upper(Rows.text(r, "OTSCntryISOCode")), Rows.text(r, "OTSPhoneNum"), email,
                Rows.bool(rel, "ResDelivery"));
    }

    private static List<String> lines(JsonNode row, String... fields) {
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            String v = Rows.text(row, f);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    private static String incompleteness(Address a) {
        if (a == null) {
            return "no such address record";
        }
        List<String> missing = new ArrayList<>();
        if (a.lines().isEmpty()) missing.add("street");
        if (a.city() == null) missing.add("city");
        if (a.countryCode() == null || a.countryCode().length() != 2) missing.add("country ISO code");
        return missing.isEmpty() ? null : "missing " + String.join(", ", missing);
    }

    private static String describe(ShipToSource s) {
        if (s instanceof ShipToSource.ReleaseOts) return "one-time ship-to on the release";
        if (s instanceof ShipToSource.HeaderOts) return "one-time ship-to on the order";
        if (s instanceof ShipToSource.ShipTo st) return "ShipTo " + st.custNum() + "/'" + st.shipToNum() + "'";
        return "customer " + ((ShipToSource.Customer) s).custNum() + " address";
    }
}
