package com.epicorups.ups.ship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.epicor.pack.ReadyPack;
import com.epicorups.model.PackKey;
import com.epicorups.model.WeightUnit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackPackagesTest {
    private final PackPackages lbs = new PackPackages(new PackagePlanner(), WeightUnit.LBS);

    @Test
    void oneCartonIsOnePackageWithItsWeightDimensionsAndValue() {
        List<PackPackages.PackPackage> packages = lbs.plan(pack("61", "LB", BigDecimal.ZERO,
                carton(1, "20.54", "LB", "18", "12", "10", "IN", "0"),
                carton(2, "22", "LB", "18", "12", "10", "IN", "125.50"),
                carton(3, "18.5", "LB", null, null, null, null, "0")));

        assertThat(packages).extracting(PackPackages.PackPackage::caseNum).containsExactly(1, 2, 3);
        assertThat(packages).allMatch(PackPackages.PackPackage::fromCarton);
        assertThat(packages).extracting(PackPackages.PackPackage::weight).containsExactly("20.6", "22", "18.5");
        assertThat(packages.get(0).dimensions()).isEqualTo(new PackPackages.Dimensions("18", "12", "10", "IN"));
        assertThat(packages.get(2).dimensions()).isNull();
        assertThat(packages.get(0).declaredValue()).isNull();
        assertThat(packages.get(1).declaredValue()).isEqualByComparingTo("125.50");
    }

    @Test
    void cartonsWeighedInKilogramsAreConvertedToTheShipmentsUnit() {
        List<PackPackages.PackPackage> packages = lbs.plan(pack("10", "KG", BigDecimal.ZERO,
                carton(1, "10", "KG", "40", "30", "20", "CM", "0")));

        assertThat(packages.get(0).weight()).isEqualTo("22.1"); // 22.046 lb, rounded up to UPS's tenth
        assertThat(packages.get(0).dimensions().unit()).isEqualTo("CM");
    }

    @Test
    void cartonSizesAreWholeUnitsLongestFirstAndAnOversizeCartonIsNotAParcel() {
        assertThat(lbs.plan(pack("20", "LB", BigDecimal.ZERO, carton(1, "20", "LB", "10.2", "24", "6", "IN", "0")))
                .get(0).dimensions()).isEqualTo(new PackPackages.Dimensions("24", "11", "6", "IN"));

        assertThatThrownBy(() -> lbs.plan(pack("20", "LB", BigDecimal.ZERO,
                carton(2, "20", "LB", "109", "10", "10", "IN", "0"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.reasonCode())
                        .isEqualTo(Reason.FREIGHT_NOT_PARCEL.code())).hasMessageContaining("carton 2 measures 109 x 10 x 10 IN");
        assertThatThrownBy(() -> lbs.plan(pack("20", "LB", BigDecimal.ZERO,
                carton(3, "20", "LB", "60", "30", "24", "IN", "0"))))
                .as("60 + 2 x (30 + 24) = 168 > 165").isInstanceOf(ConnectorException.class);
        assertThat(lbs.plan(pack("20", "LB", BigDecimal.ZERO, carton(4, "20", "LB", "60", "30", "22", "IN", "0"))))
                .as("164").hasSize(1);
    }

    @Test
    void aPackWithoutCartonsIsOnePackageOrEqualPackagesWithinTheLimit() {
        assertThat(lbs.plan(pack("23.5", "LB", BigDecimal.ZERO))).singleElement().satisfies(p -> {
            assertThat(p.weight()).isEqualTo("23.5");
            assertThat(p.fromCarton()).isFalse();
            assertThat(p.caseNum()).isEqualTo(1);
        });

        List<PackPackages.PackPackage> split = lbs.plan(pack("320", "LB", new BigDecimal("1000.01")));

        assertThat(split).extracting(PackPackages.PackPackage::weight).containsExactly("106.7", "106.7", "106.6");
        assertThat(split).extracting(PackPackages.PackPackage::caseNum).containsExactly(1, 2, 3);
        assertThat(split).extracting(PackPackages.PackPackage::declaredValue).map(BigDecimal::toPlainString)
                .containsExactly("333.34", "333.34", "333.33");
        assertThat(lbs.plan(pack("150", "LB", BigDecimal.ZERO))).hasSize(1);
        assertThat(lbs.plan(pack("150.01", "LB", BigDecimal.ZERO))).hasSize(2);
        assertThat(new PackPackages(new PackagePlanner(), WeightUnit.KGS).plan(pack("320", "LB", BigDecimal.ZERO)))
                .as("145.15 kg in packages of at most 70 kg").extracting(PackPackages.PackPackage::weight)
                .containsExactly("48.4", "48.4", "48.4");
    }

    @Test
    void refusalsNameThePackAndCartonBeforeAnyUpsCall() {
        assertThatThrownBy(() -> lbs.plan(pack("0", "LB", BigDecimal.ZERO)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.reasonCode())
                        .isEqualTo(Reason.NO_WEIGHT.code())).hasMessageContaining("pack 1004 (no cartons)");
        assertThatThrownBy(() -> lbs.plan(pack("200", "LB", BigDecimal.ZERO,
                carton(1, "151", "LB", null, null, null, null, "0"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.reasonCode())
                        .isEqualTo(Reason.FREIGHT_NOT_PARCEL.code())).hasMessageContaining("pack 1004 carton 1");
        assertThatThrownBy(() -> lbs.plan(pack("10", "LB", BigDecimal.ZERO,
                carton(2, "0", "LB", null, null, null, null, "0"))))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.reasonCode())
                        .isEqualTo(Reason.NO_WEIGHT.code())).hasMessageContaining("carton 2");
        assertThatThrownBy(() -> lbs.plan(pack("30001", "LB", BigDecimal.ZERO)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.reasonCode())
                        .isEqualTo(Reason.TOO_MANY_PACKAGES.code()));
        assertThatThrownBy(() -> lbs.plan(pack("10", "STONE", BigDecimal.ZERO)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> assertThat(e.reasonCode())
                        .isEqualTo(Reason.NO_WEIGHT.code())).hasMessageContaining("'STONE'");
    }

    private static ReadyPack.Carton carton(int caseNum, String weight, String uom, String l, String w, String h,
                                           String sizeUom, String value) {
        return new ReadyPack.Carton(caseNum, "Sales", new BigDecimal(weight), uom, dec(l), dec(w), dec(h), sizeUom,
                new BigDecimal(value));
    }

    private static BigDecimal dec(String v) {
        return v == null ? null : new BigDecimal(v);
    }

    private static ReadyPack pack(String weight, String uom, BigDecimal declared, ReadyPack.Carton... cartons) {
        return new ReadyPack(new PackKey("EPIC06", 1004), 7, "UPSG", "MfgSys", 101, 101, "", false, 0,
                new BigDecimal(weight), uom, declared, "USD", List.of(), new ArrayList<>(List.of(cartons)));
    }
}
