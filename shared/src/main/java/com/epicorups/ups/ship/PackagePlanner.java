package com.epicorups.ups.ship;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.WeightUnit;
import com.epicorups.ups.UpsSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a release into UPS parcels. UPS takes at most 150 lb (70 kg) per package and 200 packages per shipment
 * (ups.com "weight and size"; {@code ShipmentRequest_Shipment/Package}); heavier single items go as freight.
 *
 * <p>A release that fits the per-package limit is one package, as before. A heavier one is split into as few packages
 * as the limit allows, each holding whole units of the release (its quantity), spread evenly (10 pumps of 27.6 lb:
 * 5 and 5); a fractional rest of the quantity goes with the lightest package. The package weights are the release's
 * weight shared by units, in UPS's tenths, adding up to the release's weight rounded up to a tenth. A single unit over
 * the limit is {@link Reason#FREIGHT_NOT_PARCEL}; more than 200 packages is {@link Reason#TOO_MANY_PACKAGES}: both
 * permanent, before any UPS call.
 */
public final class PackagePlanner {
    /** UPS's per-package maximum in pounds (ups.com "weight and size": "Packages can be up to 150 lbs"). */
    public static final BigDecimal UPS_MAX_LBS = new BigDecimal("150");
    /** UPS's per-package maximum in kilograms (70 kg; karrio issue #354, UPS's "Weight is out of allowable range"). */
    public static final BigDecimal UPS_MAX_KGS = new BigDecimal("70");
    /** Packages per shipment (Shipping.yaml {@code ShipmentRequest_Shipment/Package}: at most 200). */
    public static final int MAX_PACKAGES = 200;
    /**
     * The smallest package weight sent: the string holds one decimal, and UPS bills a package under 1 lb as 1 lb
     * anyway, so a lighter release costs nothing more at 0.1.
     */
    static final BigDecimal MIN_PACKAGE_WEIGHT = new BigDecimal("0.1");
    private static final BigDecimal TEN = BigDecimal.TEN;
    private static final BigDecimal KG_PER_LB = new BigDecimal("0.45359237");

    /**
     * One package of a release.
     *
     * @param units  how much of the release's quantity it holds
     * @param weight the weight sent, in the release's unit (UPS's {@code PackageWeight.Weight}: a tenth at most, at
     *               most 5 characters)
     * @param value  its share of the release's value (for a declared value), null when the release has none
     */
    public record PlannedPackage(BigDecimal units, String weight, BigDecimal value) {
    }

    private final BigDecimal maxLbs;
    private final BigDecimal maxKgs;

    /** The planner with UPS's own limits. */
    public PackagePlanner() {
        this(UPS_MAX_LBS, UPS_MAX_KGS);
    }

    /** @param maxLbs the per-package limit for releases weighed in pounds (at most UPS's 150), likewise in kilograms */
    public PackagePlanner(BigDecimal maxLbs, BigDecimal maxKgs) {
        this.maxLbs = tenthsDown(maxLbs);
        this.maxKgs = tenthsDown(maxKgs);
    }

    /**
     * The planner for ups.maxPackageWeight (null: UPS's own limits): the limit holds in either unit, converted and
     * never above UPS's.
     */
    public static PackagePlanner forLimit(UpsSettings.PackageWeight max) {
        if (max == null) {
            return new PackagePlanner();
        }
        BigDecimal lbs = max.unit() == WeightUnit.LBS ? max.value() : max.value().divide(KG_PER_LB, 10, RoundingMode.HALF_UP);
        BigDecimal kgs = max.unit() == WeightUnit.KGS ? max.value() : max.value().multiply(KG_PER_LB);
        return new PackagePlanner(lbs.min(UPS_MAX_LBS), kgs.min(UPS_MAX_KGS));
    }

    /** UPS's limit in {@code unit}. */
    public static BigDecimal upsLimit(WeightUnit unit) {
        return unit == WeightUnit.KGS ? UPS_MAX_KGS : UPS_MAX_LBS;
    }

    /** The per-package limit this planner applies to releases weighed in {@code unit}. */
    public BigDecimal limit(WeightUnit unit) {
        return unit == WeightUnit.KGS ? maxKgs : maxLbs;
    }

    /**
     * The release's packages (at least one); {@code notes} gets a line when it is split or sent heavier than it is.
     */
    public List<PlannedPackage> plan(ShippableRelease r, List<String> notes) {
        BigDecimal w = r.weight();
        if (w == null || w.signum() <= 0) {
            throw new ConnectorException(Reason.NO_WEIGHT, "release " + r.key() + " has no positive weight");
        }
        WeightUnit unit = r.weightUnit() == null ? WeightUnit.LBS : r.weightUnit();
        BigDecimal limit = limit(unit);
        if (ceilTenth(w).compareTo(limit) <= 0) {
            return List.of(new PlannedPackage(r.quantity(), single(r, w, unit, notes), r.value()));
        }
        BigDecimal quantity = r.quantity() == null || r.quantity().signum() <= 0 ? BigDecimal.ONE : r.quantity();
        BigDecimal unitWeight = w.divide(quantity, 10, RoundingMode.HALF_UP);
        if (unitWeight.compareTo(limit) > 0) {
            throw new ConnectorException(Reason.FREIGHT_NOT_PARCEL, "release " + r.key() + ": one unit of part "
                    + r.partNum() + " weighs " + plain(unitWeight.setScale(3, RoundingMode.HALF_UP)) + " " + unit
                    + ", more than the " + plain(limit) + " " + unit + " a UPS package may weigh"
                    + (limit.compareTo(upsLimit(unit)) < 0 ? " (ups.maxPackageWeight)" : "")
                    + ": it cannot go as a parcel, ship it as freight");
        }
        int perPackage = limit.divide(unitWeight, 0, RoundingMode.FLOOR).intValueExact();
        BigDecimal needed = quantity.divide(BigDecimal.valueOf(perPackage), 0, RoundingMode.CEILING);
        if (needed.compareTo(BigDecimal.valueOf(MAX_PACKAGES)) > 0) {
            throw new ConnectorException(Reason.TOO_MANY_PACKAGES, "release " + r.key() + " (" + plain(quantity) + " "
                    + uom(r) + ", " + plain(w) + " " + unit + ") needs " + needed.toPlainString() + " packages of at most "
                    + plain(limit) + " " + unit + " (" + perPackage + " a package); a UPS shipment holds at most "
                    + MAX_PACKAGES + ": split the release in Epicor or ship it as freight");
        }
        List<BigDecimal> units = spread(quantity, needed.intValueExact());
        List<String> weights = tenths(w, quantity, units);
        List<BigDecimal> values = r.value() == null ? null : cents(r.value(), quantity, units);
        List<PlannedPackage> packages = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            packages.add(new PlannedPackage(units.get(i), weights.get(i), values == null ? null : values.get(i)));
        }
        notes.add("Package: release " + r.key() + " (" + plain(quantity) + " " + uom(r) + ", " + plain(w) + " " + unit
                + ") is heavier than the " + plain(limit) + " " + unit + " a UPS package may weigh; sent as "
                + packages.size() + " packages of " + String.join(", ", units.stream().map(PackagePlanner::plain).toList())
                + " " + uom(r) + " weighing " + String.join(", ", weights) + " " + unit);
        return packages;
    }

    /** One package: rounded up to a tenth, at least {@link #MIN_PACKAGE_WEIGHT} (a lighter release is noted). */
    private static String single(ShippableRelease r, BigDecimal w, WeightUnit unit, List<String> notes) {
        if (w.compareTo(MIN_PACKAGE_WEIGHT) < 0) {
            notes.add("Package.PackageWeight.Weight: release " + r.key() + " weighs " + w.toPlainString() + " " + unit
                    + ", less than UPS's smallest package weight; sent as " + MIN_PACKAGE_WEIGHT + " " + unit
                    + " (UPS bills a package under 1 lb as 1 lb)");
        }
        String text = plain(ceilTenth(w).max(MIN_PACKAGE_WEIGHT));
        if (text.length() > 5) {
            throw new ConnectorException(Reason.FIELD_TOO_LONG,
                    "Package.PackageWeight.Weight " + w + " does not fit UPS's 5 characters");
        }
        return text;
    }

    /** Whole units spread evenly over {@code packages}, the first ones one more; a fractional rest to the last. */
    private static List<BigDecimal> spread(BigDecimal quantity, int packages) {
        BigDecimal whole = quantity.setScale(0, RoundingMode.FLOOR);
        BigDecimal rest = quantity.subtract(whole);
        long total = whole.longValueExact();
        long base = total / packages;
        long extra = total % packages;
        List<BigDecimal> units = new ArrayList<>();
        for (int i = 0; i < packages; i++) {
            BigDecimal u = BigDecimal.valueOf(base + (i < extra ? 1 : 0));
            units.add(i == packages - 1 ? u.add(rest) : u);
        }
        return units;
    }

    /**
     * The weight shared by units in whole tenths (largest remainder), adding up to the weight rounded up to a tenth.
     * No package gets more than its own share rounded up, so none passes a limit its share is within.
     */
    private static List<String> tenths(BigDecimal weight, BigDecimal quantity, List<BigDecimal> units) {
        long total = weight.multiply(TEN).setScale(0, RoundingMode.CEILING).longValueExact();
        return shares(total, quantity, units).stream()
                .map(t -> plain(BigDecimal.valueOf(t).divide(TEN, 1, RoundingMode.UNNECESSARY))).toList();
    }

    private static List<BigDecimal> cents(BigDecimal value, BigDecimal quantity, List<BigDecimal> units) {
        long total = value.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return shares(total, quantity, units).stream().map(c -> BigDecimal.valueOf(c, 2)).toList();
    }

    private static List<Long> shares(long total, BigDecimal quantity, List<BigDecimal> units) {
        List<Long> out = new ArrayList<>();
        List<BigDecimal> remainders = new ArrayList<>();
        long given = 0;
        for (BigDecimal u : units) {
            BigDecimal exact = BigDecimal.valueOf(total).multiply(u).divide(quantity, 10, RoundingMode.HALF_UP);
            long floor = exact.setScale(0, RoundingMode.FLOOR).longValueExact();
            out.add(floor);
            remainders.add(exact.subtract(BigDecimal.valueOf(floor)));
            given += floor;
        }
        for (long left = total - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < remainders.size(); i++) {
                if (remainders.get(i).compareTo(remainders.get(best)) > 0) {
                    best = i;
                }
            }
            out.set(best, out.get(best) + 1);
            remainders.set(best, BigDecimal.valueOf(-1));
        }
        return out;
    }

    private static BigDecimal ceilTenth(BigDecimal w) {
        return w.setScale(1, RoundingMode.CEILING);
    }

    private static BigDecimal tenthsDown(BigDecimal limit) {
        return limit.setScale(1, RoundingMode.FLOOR);
    }

    private static String uom(ShippableRelease r) {
        return r.quantityUom() == null || r.quantityUom().isBlank() ? "units" : r.quantityUom().trim();
    }

    private static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
