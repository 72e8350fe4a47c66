package com.epicorups.epicor.release;

import com.epicorups.model.WeightUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Converts a weight in an Epicor UOM code (LB, LBS, KG, KGS, G, OZ, ...) to the unit UPS gets. */
public final class WeightConversion {
    private static final BigDecimal KG_PER_LB = new BigDecimal("0.45359237");
    /** Kilograms per one unit of each accepted UOM code. */
    private static final Map<String, BigDecimal> KG_PER_UNIT = Map.of(
            "LB", KG_PER_LB, "LBS", KG_PER_LB,
            "KG", BigDecimal.ONE, "KGS", BigDecimal.ONE,
            "G", new BigDecimal("0.001"), "GR", new BigDecimal("0.001"),
            "OZ", new BigDecimal("0.028349523125"));

    private static final BigDecimal SMALLEST = new BigDecimal("0.001");

    private WeightConversion() {
    }

    public static boolean knows(String uom) {
        return uom != null && KG_PER_UNIT.containsKey(uom.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * The weight in {@code target}, rounded to 3 decimals but never to zero (a positive weight is at least 0.001:
     * a light part is light, not weightless); empty for an unknown UOM code.
     */
    public static Optional<BigDecimal> convert(BigDecimal amount, String uom, WeightUnit target) {
        if (amount == null || !knows(uom)) {
            return Optional.empty();
        }
        BigDecimal kg = amount.multiply(KG_PER_UNIT.get(uom.trim().toUpperCase(Locale.ROOT)));
        BigDecimal result = target == WeightUnit.KGS ? kg : kg.divide(KG_PER_LB, 10, RoundingMode.HALF_UP);
        BigDecimal rounded = result.setScale(3, RoundingMode.HALF_UP);
        return Optional.of(rounded.signum() == 0 && result.signum() > 0 ? SMALLEST : rounded);
    }
}
