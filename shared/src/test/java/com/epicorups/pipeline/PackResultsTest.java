package com.epicorups.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.epicor.pack.PackWriteBack;
import com.epicorups.model.WeightUnit;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.PackageLabel;
import com.epicorups.ups.ship.PackPackages.PackPackage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackResultsTest {
    private static final List<PackPackage> SPLIT = List.of(new PackPackage(1, false, "106.7", null, null),
            new PackPackage(2, false, "106.7", null, null), new PackPackage(3, false, "106.6", null, null));

    @Test
    void eachPackageGivesItsCartonItsTrackingNumberAndTheFreightIsTheNegotiatedOne() {
        PackWriteBack wb = PackResults.writeBack(created(Map.of("TotalCharges", "61.20 USD",
                "NegotiatedTotalCharge", "48.37 USD"), "1Z999AA10000000011", "1Z999AA10000000012", "1Z999AA10000000013"),
                SPLIT, WeightUnit.LBS, true);

        assertThat(wb.trackingNumber()).isEqualTo("1Z999AA10000000011");
        assertThat(wb.shipmentId()).isEqualTo("1Z999AA10000000011");
        assertThat(wb.freight()).isEqualByComparingTo("48.37");
        assertThat(wb.markShipped()).isTrue();
        assertThat(wb.cartons()).extracting(PackWriteBack.CartonTracking::caseNum, PackWriteBack.CartonTracking::trackingNumber)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "1Z999AA10000000011"),
                        org.assertj.core.groups.Tuple.tuple(2, "1Z999AA10000000012"),
                        org.assertj.core.groups.Tuple.tuple(3, "1Z999AA10000000013"));
        assertThat(wb.cartons().get(2).weight()).isEqualByComparingTo("106.6");
        assertThat(wb.cartons().get(2).weightUom()).isEqualTo("LB");
    }

    @Test
    void existingCartonsAreNotGivenAWeightAndThePublishedTotalStandsInForANegotiatedOne() {
        PackWriteBack wb = PackResults.writeBack(created(Map.of("TotalCharges", "61.20 USD"), "1Z999AA10000000021"),
                List.of(new PackPackage(4, true, "20", null, null)), WeightUnit.KGS, false);

        assertThat(wb.freight()).isEqualByComparingTo("61.20");
        assertThat(wb.cartons()).singleElement().satisfies(c -> {
            assertThat(c.caseNum()).isEqualTo(4);
            assertThat(c.weight()).isNull();
        });
        assertThat(PackResults.freight(created(Map.of(), "1Z999AA10000000021"))).isNull();
    }

    @Test
    void aShipmentWithAnotherNumberOfPackagesThanAskedIsNotWrittenBack() {
        assertThatThrownBy(() -> PackResults.writeBack(created(Map.of(), "1Z999AA10000000031"), SPLIT, WeightUnit.LBS,
                false)).isInstanceOf(IllegalStateException.class).hasMessageContaining("1 tracking numbers for 3");
    }

    private static CreatedShipment created(Map<String, String> charges, String... numbers) {
        List<PackageLabel> labels = java.util.Arrays.stream(numbers)
                .map(n -> new PackageLabel(n, "GIF", new byte[] {1})).toList();
        return new CreatedShipment(numbers[0], labels, charges, "{}", List.of(), List.of(numbers.length), null);
    }
}
