package com.epicorups.ups.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.model.Address;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;
import com.epicorups.model.WeightUnit;
import com.epicorups.ups.ship.PackagePlanner.PlannedPackage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Issue 12, point 1: parcels, not freight. */
class PackagePlannerTest {
    private static final Address TO = new Address("Northwind", null, List.of("350 5th Ave"), "New York", "NY", "10118",
            "US", null, null, null);
    private final PackagePlanner ups = new PackagePlanner();

    private static ShippableRelease release(String quantity, String unitWeight, WeightUnit unit, String value) {
        BigDecimal q = new BigDecimal(quantity);
        return new ShippableRelease(new ReleaseKey("EPIC06", 5014, 1, 1), 1L, "C", null, "PUMP-200", "Pump", q, "EA",
                q.multiply(new BigDecimal(unitWeight)).setScale(3, RoundingMode.HALF_UP), unit,
                value == null ? null : new BigDecimal(value), "USD", "CHI", "MfgSys", "UPSG", TO);
    }

    private static List<BigDecimal> units(List<PlannedPackage> plan) {
        return plan.stream().map(PlannedPackage::units).toList();
    }

    private static List<String> weights(List<PlannedPackage> plan) {
        return plan.stream().map(PlannedPackage::weight).toList();
    }

    private static BigDecimal total(List<PlannedPackage> plan) {
        return plan.stream().map(p -> new BigDecimal(p.weight())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void aReleaseWithinTheLimitIsOnePackageAsBefore() {
        List<String> notes = new ArrayList<>();
        List<PlannedPackage> plan = ups.plan(release("4", "12.345", WeightUnit.LBS, "100"), notes);

        assertThat(plan).singleElement().satisfies(p -> {
            assertThat(p.weight()).isEqualTo("49.4");
            assertThat(p.units()).isEqualByComparingTo("4");
            assertThat(p.value()).isEqualByComparingTo("100");
        });
        assertThat(notes).isEmpty();
        assertThat(weights(ups.plan(release("1", "150", WeightUnit.LBS, null), notes))).containsExactly("150");
    }

    @Test
    void tenPumpsOf27Point6PoundsAreTwoPackagesOfFiveUnits() {
        List<String> notes = new ArrayList<>();
        List<PlannedPackage> plan = ups.plan(release("10", "27.6", WeightUnit.LBS, "2500.00"), notes);

        assertThat(units(plan)).extracting(BigDecimal::intValue).containsExactly(5, 5);
        assertThat(weights(plan)).containsExactly("138", "138");
        assertThat(plan).extracting(PlannedPackage::value).extracting(BigDecimal::toPlainString)
                .containsExactly("1250.00", "1250.00");
        assertThat(notes).singleElement().asString().contains("EPIC06#5014#1#1").contains("276 LBS")
                .contains("2 packages of 5, 5 EA weighing 138, 138 LBS");
    }

    @Test
    void wholeUnitsAreSpreadEvenlyAndTheWeightsAddUpToTheReleasesWeight() {
        List<PlannedPackage> plan = ups.plan(release("11", "27.6", WeightUnit.LBS, "100.01"), new ArrayList<>());

        assertThat(units(plan)).extracting(BigDecimal::intValue).containsExactly(4, 4, 3);
        assertThat(weights(plan)).containsExactly("110.4", "110.4", "82.8");
        assertThat(total(plan)).isEqualByComparingTo("303.6");
        assertThat(plan.stream().map(PlannedPackage::value).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("100.01");
    }

    @Test
    void aFractionalRestOfTheQuantityGoesWithTheLightestPackage() {
        List<PlannedPackage> plan = ups.plan(release("7.5", "40", WeightUnit.LBS, null), new ArrayList<>());

        assertThat(units(plan)).extracting(BigDecimal::toPlainString).containsExactly("3", "2", "2.5");
        assertThat(weights(plan)).containsExactly("120", "80", "100");
        assertThat(plan).allSatisfy(p -> assertThat(p.value()).isNull());
    }

    @Test
    void kilogramsHaveTheirOwnLimit() {
        List<PlannedPackage> plan = ups.plan(release("4", "25", WeightUnit.KGS, null), new ArrayList<>());

        assertThat(weights(plan)).containsExactly("50", "50");
        assertThat(weights(ups.plan(release("2", "35", WeightUnit.KGS, null), new ArrayList<>()))).containsExactly("70");
    }

    @Test
    void aShipperWithLighterBoxesLowersTheLimit() {
        PackagePlanner lighter = new PackagePlanner(new BigDecimal("50"), new BigDecimal("23"));

        assertThat(units(lighter.plan(release("10", "27.6", WeightUnit.LBS, null), new ArrayList<>())))
                .extracting(BigDecimal::intValue).containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
        assertThatThrownBy(() -> lighter.plan(release("1", "60", WeightUnit.LBS, null), new ArrayList<>()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.FREIGHT_NOT_PARCEL);
                    assertThat(e.getMessage()).contains("ups.maxPackageWeight").contains("50 LBS");
                });
    }

    @Test
    void aSingleUnitHeavierThanAPackageMayBeIsFreightNeverAParcel() {
        for (String quantity : List.of("1", "2", "3")) {
            assertThatThrownBy(() -> ups.plan(release(quantity, "180", WeightUnit.LBS, null), new ArrayList<>()))
                    .as(quantity).isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.FREIGHT_NOT_PARCEL);
                        assertThat(e.isTransient()).isFalse();
                        assertThat(e.getMessage()).contains("PUMP-200").contains("180 LBS").contains("150 LBS")
                                .contains("freight");
                    });
        }
        assertThatThrownBy(() -> ups.plan(release("1", "70.5", WeightUnit.KGS, null), new ArrayList<>()))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.FREIGHT_NOT_PARCEL));
    }

    @Test
    void moreThanTwoHundredPackagesIsAFailureOfItsOwn() {
        assertThat(ups.plan(release("200", "100", WeightUnit.LBS, null), new ArrayList<>())).hasSize(200);
        assertThatThrownBy(() -> ups.plan(release("201", "100", WeightUnit.LBS, null), new ArrayList<>()))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PACKAGES);
                    assertThat(e.getMessage()).contains("201 packages").contains("at most 200");
                });
    }

    @Test
    void noPackagePassesTheLimitAndTheWeightsAlwaysAddUp() {
        Random random = new Random(12);
        for (int i = 0; i < 2000; i++) {
            WeightUnit unit = random.nextBoolean() ? WeightUnit.LBS : WeightUnit.KGS;
            BigDecimal limit = PackagePlanner.upsLimit(unit);
            String quantity = random.nextInt(5) == 0 ? (1 + random.nextInt(60)) + ".5" : String.valueOf(1 + random.nextInt(120));
            String unitWeight = BigDecimal.valueOf(1 + random.nextInt(limit.intValue() * 1000), 3).toPlainString();
            ShippableRelease r = release(quantity, unitWeight, unit, "1234.56");
            List<PlannedPackage> plan;
            try {
                plan = ups.plan(r, new ArrayList<>());
            } catch (ConnectorException e) {
                assertThat(e.reason()).as(quantity + " x " + unitWeight).isEqualTo(Reason.TOO_MANY_PACKAGES);
                continue;
            }
            assertThat(plan).as(quantity + " x " + unitWeight).allSatisfy(p -> {
                assertThat(new BigDecimal(p.weight())).isLessThanOrEqualTo(limit).isPositive();
                assertThat(p.weight().length()).isLessThanOrEqualTo(5);
            });
            assertThat(total(plan)).as(quantity + " x " + unitWeight)
                    .isEqualByComparingTo(r.weight().setScale(1, RoundingMode.CEILING).max(new BigDecimal("0.1")));
            assertThat(plan.stream().map(PlannedPackage::units).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(r.quantity());
            assertThat(plan.stream().map(PlannedPackage::value).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo("1234.56");
            if (plan.size() > 1) {
                assertThat(plan).allSatisfy(p -> assertThat(p.units().signum()).isPositive());
            }
        }
    }
}
