package com.epicorups.ups.ship;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.epicor.pack.ReadyPack;
import com.epicorups.epicor.release.WeightConversion;
import com.epicorups.model.WeightUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The UPS packages of one pack (pack mode): one package per carton (CartonTrkDtl) with its weight, dimensions and
 * declared value; a pack without cartons is one package of the pack's weight (ShipHead.Weight), or, above the
 * per-package limit, as few equal packages as the limit allows (their cartons are created at write-back). Limits as
 * {@link PackagePlanner}: 150 lb / 70 kg a package (or ups.maxPackageWeight), 200 packages a shipment. Every refusal
 * is permanent, before any UPS call, and names the pack and carton.
 */
public final class PackPackages {

    /**
     * One package of a pack.
     *
     * @param caseNum     the carton it is (CartonTrkDtl.CaseNum), or the carton number write-back creates for it
     * @param fromCarton  whether the carton exists in Epicor (false: the pack had none)
     * @param weight      UPS's PackageWeight.Weight, in the shipment's weight unit, at most one decimal
     * @param dimensions  length, width, height and UPS's unit (IN or CM); null when the carton has none
     * @param declaredValue the carton's declared value (or its share of the pack's), null when none
     */
    public record PackPackage(int caseNum, boolean fromCarton, String weight, Dimensions dimensions,
                              BigDecimal declaredValue) {
    }

    /** A carton's size in UPS's terms. */
    public record Dimensions(String length, String width, String height, String unit) {
    }

    private static final BigDecimal TEN = BigDecimal.TEN;
    private final PackagePlanner planner;
    private final WeightUnit unit;

    /** @param unit the shipment's weight unit (epicor.weightUnit); Epicor's weights are converted to it */
    public PackPackages(PackagePlanner planner, WeightUnit unit) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.unit = Objects.requireNonNull(unit, "unit");
    }

    public List<PackPackage> plan(ReadyPack pack) {
        BigDecimal limit = planner.limit(unit);
        if (!pack.cartons().isEmpty()) {
            if (pack.cartons().size() > PackagePlanner.MAX_PACKAGES) {
                throw new ConnectorException(Reason.TOO_MANY_PACKAGES, "pack " + pack.key().packNum() + " has "
                        + pack.cartons().size() + " cartons; a UPS shipment holds at most " + PackagePlanner.MAX_PACKAGES);
            }
            List<PackPackage> packages = new ArrayList<>();
            for (ReadyPack.Carton c : pack.cartons()) {
                String where = "pack " + pack.key().packNum() + " carton " + c.caseNum();
                BigDecimal w = converted(c.weight(), c.weightUom() == null ? pack.weightUom() : c.weightUom(), where
                        + " (CartonTrkDtl.PkgWeight, ManifestWtUOM)");
                if (w.compareTo(limit) > 0) {
                    throw new ConnectorException(Reason.FREIGHT_NOT_PARCEL, where + " weighs " + plain(w) + " " + unit
                            + ", more than the " + plain(limit) + " " + unit + " a UPS package may weigh: repack it"
                            + " or ship it as freight");
                }
                packages.add(new PackPackage(c.caseNum(), true, tenth(w), dimensions(c, where),
                        c.declaredValue() == null || c.declaredValue().signum() <= 0 ? null : c.declaredValue()));
            }
            return packages;
        }
        String where = "pack " + pack.key().packNum() + " (no cartons)";
        BigDecimal w = converted(pack.weight(), pack.weightUom(), where + " (ShipHead.Weight, WeightUOM)");
        int count = w.divide(limit, 0, RoundingMode.CEILING).intValueExact();
        if (count > PackagePlanner.MAX_PACKAGES) {
            throw new ConnectorException(Reason.TOO_MANY_PACKAGES, where + " weighs " + plain(w) + " " + unit
                    + ": it needs " + count + " packages of at most " + plain(limit) + " " + unit
                    + "; a UPS shipment holds at most " + PackagePlanner.MAX_PACKAGES + ": ship it as freight");
        }
        List<Long> tenths = equalShares(w.multiply(TEN).setScale(0, RoundingMode.CEILING).longValueExact(), count);
        BigDecimal declared = pack.declaredAmt() == null || pack.declaredAmt().signum() <= 0 ? null : pack.declaredAmt();
        List<Long> cents = declared == null ? null
                : equalShares(declared.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact(), count);
        List<PackPackage> packages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            packages.add(new PackPackage(i + 1, false, plain(BigDecimal.valueOf(tenths.get(i), 1)), null,
                    cents == null ? null : BigDecimal.valueOf(cents.get(i), 2)));
        }
        return packages;
    }

    private BigDecimal converted(BigDecimal weight, String uom, String where) {
        if (weight == null || weight.signum() <= 0) {
            throw new ConnectorException(Reason.NO_WEIGHT, where + " has no positive weight: weigh it in Epicor");
        }
        return WeightConversion.convert(weight, uom, unit).orElseThrow(() -> new ConnectorException(Reason.NO_WEIGHT,
                where + ": weight unit '" + uom + "' is not one the connector knows (LB, KG, ...)"));
    }

    /** Rounded up to a tenth (UPS's one decimal), at least {@link PackagePlanner#MIN_PACKAGE_WEIGHT}. */
    private static String tenth(BigDecimal w) {
        return plain(w.setScale(1, RoundingMode.CEILING).max(PackagePlanner.MIN_PACKAGE_WEIGHT));
    }

    /**
     * UPS's Package.Dimensions: whole units (at most 3 characters), rounded up, the longest side as Length; a carton
     * longer than 108 IN (270 CM) or whose length plus girth passes 165 IN (330 CM) is not a parcel (Shipping.yaml
     * {@code Package_Dimensions}). Null when the carton has no complete size in IN or CM.
     */
    private static Dimensions dimensions(ReadyPack.Carton c, String where) {
        if (c.length() == null || c.width() == null || c.height() == null || c.length().signum() <= 0
                || c.width().signum() <= 0 || c.height().signum() <= 0 || c.sizeUom() == null) {
            return null;
        }
        String u = c.sizeUom().trim().toUpperCase(Locale.ROOT);
        if (!u.equals("IN") && !u.equals("CM")) {
            return null;
        }
        List<BigDecimal> sides = new ArrayList<>(List.of(whole(c.length()), whole(c.width()), whole(c.height())));
        sides.sort(java.util.Comparator.reverseOrder());
        BigDecimal maxLength = new BigDecimal(u.equals("IN") ? 108 : 270);
        BigDecimal maxGirth = new BigDecimal(u.equals("IN") ? 165 : 330);
        BigDecimal girth = sides.get(0).add(sides.get(1).add(sides.get(2)).multiply(BigDecimal.TWO));
        if (sides.get(0).compareTo(maxLength) > 0 || girth.compareTo(maxGirth) > 0) {
            throw new ConnectorException(Reason.FREIGHT_NOT_PARCEL, where + " measures " + plain(sides.get(0)) + " x "
                    + plain(sides.get(1)) + " x " + plain(sides.get(2)) + " " + u + ": UPS takes parcels up to "
                    + plain(maxLength) + " " + u + " long and " + plain(maxGirth) + " " + u
                    + " length plus girth; ship it as freight");
        }
        return new Dimensions(plain(sides.get(0)), plain(sides.get(1)), plain(sides.get(2)), u);
    }

    private static BigDecimal whole(BigDecimal v) {
        return v.setScale(0, RoundingMode.CEILING);
    }

    /** {@code total} in {@code parts} whole shares differing by at most one, the first ones larger. */
    private static List<Long> equalShares(long total, int parts) {
        List<Long> shares = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            shares.add(total / parts + (i < total % parts ? 1 : 0));
        }
        return shares;
    }

    private static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
