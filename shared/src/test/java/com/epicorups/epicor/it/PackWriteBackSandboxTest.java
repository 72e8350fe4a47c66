package com.epicorups.epicor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Reason;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.pack.EpicorPackWriter;
import com.epicorups.epicor.pack.FreightCharge;
import com.epicorups.epicor.pack.PackWriteBack;
import com.epicorups.epicor.pack.PackWriteBack.CartonTracking;
import com.epicorups.model.PackKey;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.sandbox.epicor.RecordedWrite;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pack write-back as the Epicor sandbox applies it (Epicor's CustShip rules: a voided pack refuses updates). */
class PackWriteBackSandboxTest extends SandboxSupport {
    private EpicorPackWriter writer;

    @BeforeEach
    void startSandbox() {
        start(EpicorDataset.sample());
        EpicorSettings s = settings(b -> b);
        writer = new EpicorPackWriter(client(s));
    }

    @Test
    void aPackWithCartonsGetsItsTrackingShipmentIdAndFreightAndARepeatWritesNothing() {
        PackWriteBack wb = new PackWriteBack("1Z999AA10000000001", "1Z999AA10000000001", new BigDecimal("48.37"),
                List.of(new CartonTracking(1, "1Z999AA10000000001", null, null),
                        new CartonTracking(2, "1Z999AA10000000002", null, null),
                        new CartonTracking(3, "1Z999AA10000000003", null, null)), false);

        Map<String, Object> written = writer.write(new PackKey(COMPANY, 1005), wb);

        assertThat(written).containsKeys("TrackingNumber", "MFTransNum", "MFFreightAmt", "CaseNum 1.TrackingNumber",
                "CaseNum 3.TrackingNumber").doesNotContainKey("ReadyToInvoice");
        Map<String, Object> pack = head(1005);
        assertThat(pack).containsEntry("TrackingNumber", "1Z999AA10000000001")
                .containsEntry("MFTransNum", "1Z999AA10000000001").containsEntry("ReadyToInvoice", false);
        assertThat(new BigDecimal(String.valueOf(pack.get("MFFreightAmt")))).isEqualByComparingTo("48.37");
        assertThat(carton(1005, 2)).containsEntry("TrackingNumber", "1Z999AA10000000002");
        assertThat(sandbox.writes().to("CartonTrkDtls")).extracting(RecordedWrite::method).containsOnly("PATCH");
        int writes = sandbox.writes().size();

        assertThat(writer.write(new PackKey(COMPANY, 1005), wb)).as("idempotent").isEmpty();
        assertThat(sandbox.writes().size()).isEqualTo(writes);
        assertThat(badRequests()).isEmpty();
    }

    @Test
    void aPackWithoutCartonsGetsOneCartonPerPackageAndCanBeMarkedShipped() {
        PackWriteBack wb = new PackWriteBack("1Z999AA10000000011", "1Z999AA10000000011", new BigDecimal("120"),
                List.of(new CartonTracking(1, "1Z999AA10000000011", new BigDecimal("106.7"), "LB"),
                        new CartonTracking(2, "1Z999AA10000000012", new BigDecimal("106.7"), "LB"),
                        new CartonTracking(3, "1Z999AA10000000013", new BigDecimal("106.6"), "LB")), true);

        writer.write(new PackKey(COMPANY, 1011), wb);
        writer.write(new PackKey(COMPANY, 1011), wb);

        assertThat(sandbox.writes().to("CartonTrkDtls")).extracting(RecordedWrite::method, RecordedWrite::status)
                .as("created once; the retry finds them").containsExactly(org.assertj.core.groups.Tuple.tuple("POST", 201),
                        org.assertj.core.groups.Tuple.tuple("POST", 201), org.assertj.core.groups.Tuple.tuple("POST", 201));
        assertThat(carton(1011, 3)).containsEntry("TrackingNumber", "1Z999AA10000000013")
                .containsEntry("CaseID", "1011-3").containsEntry("ManifestWtUOM", "LB");
        assertThat(new BigDecimal(String.valueOf(carton(1011, 1).get("PkgWeight")))).isEqualByComparingTo("106.7");
        assertThat(head(1011)).containsEntry("ReadyToInvoice", true).containsEntry("TrackingNumber", "1Z999AA10000000011");
    }

    @Test
    void aVoidedPackIsNotWrittenAndSaysSo() {
        assertThatThrownBy(() -> writer.write(new PackKey(COMPANY, 1003), new PackWriteBack("1Z999AA10000000021",
                "1Z999AA10000000021", BigDecimal.TEN, List.of(new CartonTracking(1, "1Z999AA10000000021", null, null)),
                false))).isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo(Reason.EPICOR_PACK_NOT_FOUND.code());
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.getMessage()).contains("pack 1003 is voided");
                });
        assertThat(sandbox.writes().all()).isEmpty();
    }

    @Test
    void theCustomerFreightChargeIsOneMiscChargeOfItsCodeChangedNotDuplicated() {
        FreightCharge frt = new FreightCharge("FRT", BigDecimal.TEN, null);
        PackWriteBack wb = new PackWriteBack("1Z999AA10000000031", "1Z999AA10000000031", new BigDecimal("14.03"),
                List.of(new CartonTracking(1, "1Z999AA10000000031", new BigDecimal("23.5"), "LB")), false)
                .withCustomerFreight(frt);

        Map<String, Object> written = writer.write(new PackKey(COMPANY, 1004), wb);

        assertThat(written).containsEntry("ShipMisc FRT.MiscAmt", new BigDecimal("15.43"))
                .containsEntry("MFFreightAmt", new BigDecimal("14.03"));
        assertThat(miscs(1004)).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("MiscCode", "FRT").containsEntry("Description", "Freight");
            assertThat(((Number) m.get("PackLine")).intValue()).isZero();
            assertThat(new BigDecimal(String.valueOf(m.get("MiscAmt")))).isEqualByComparingTo("15.43");
        });
        int writes = sandbox.writes().size();

        assertThat(writer.write(new PackKey(COMPANY, 1004), wb)).as("a replay adds no second charge").isEmpty();
        assertThat(sandbox.writes().size()).isEqualTo(writes);

        Map<String, Object> rewritten = writer.write(new PackKey(COMPANY, 1004),
                wb.withCustomerFreight(new FreightCharge("FRT", BigDecimal.TEN, new BigDecimal("1.50"))));
        assertThat(rewritten).containsOnlyKeys("ShipMisc FRT.MiscAmt");
        assertThat(miscs(1004)).singleElement().satisfies(m -> assertThat(
                new BigDecimal(String.valueOf(m.get("MiscAmt")))).isEqualByComparingTo("16.93"));
        assertThat(sandbox.writes().to("ShipMiscs")).extracting(RecordedWrite::method)
                .containsExactly("POST", "PATCH");
        assertThat(badRequests()).isEmpty();
    }

    @Test
    void aPackWithoutAKnownFreightGetsNoCharge() {
        PackWriteBack adopted = new PackWriteBack("1Z999AA10000000041", "1Z999AA10000000041", null,
                List.of(new CartonTracking(1, "1Z999AA10000000041", new BigDecimal("23.5"), "LB")), false)
                .withCustomerFreight(new FreightCharge("FRT", BigDecimal.TEN, null));

        assertThat(writer.write(new PackKey(COMPANY, 1004), adopted)).doesNotContainKey("ShipMisc FRT.MiscAmt")
                .doesNotContainKey("MFFreightAmt").containsKey("TrackingNumber");
        assertThat(miscs(1004)).isEmpty();
        assertThat(sandbox.writes().to("ShipMiscs")).isEmpty();
    }

    private List<Map<String, Object>> miscs(int packNum) {
        return sandbox.dataset().get("ShipMiscs").stream().filter(r -> ((Number) r.get("PackNum")).intValue()
                == packNum).toList();
    }

    private Map<String, Object> head(int packNum) {
        return sandbox.dataset().find("CustShips", Map.of("Company", COMPANY, "PackNum", packNum)).orElseThrow();
    }

    private Map<String, Object> carton(int packNum, int caseNum) {
        return sandbox.dataset().find("CartonTrkDtls", Map.of("Company", COMPANY, "ShipmentType", "Sales",
                "PackNum", packNum, "CaseNum", caseNum)).orElseThrow();
    }
}
