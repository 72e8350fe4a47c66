package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.sandbox.epicor.EntitySetSchema;
import com.epicorups.sandbox.epicor.EpicorSchema;
import org.junit.jupiter.api.Test;

/**
 * The ShipMisc and MiscChrg columns the customer freight charge reads and writes exist in Epicor's CustShipSvc and
 * MiscChrgSvc tables as the Epicor sandbox vendors them from Epicor's swagger: the reference's fields.json has
 * neither table, so EpicorFieldNamesTest cannot check them.
 */
class MiscChargeColumnsTest {
    @Test
    void everyMiscChargeColumnExistsInEpicorsTables() {
        EntitySetSchema shipMiscs = EpicorSchema.standard().entitySet("ShipMiscs").orElseThrow();
        assertThat(EpicorFields.PACK_MISC).allSatisfy(c -> assertThat(shipMiscs.hasField(c)).as(c).isTrue());
        assertThat(EpicorFields.SHIP_MISCS).isEqualTo("Erp.BO.CustShipSvc/ShipMiscs");
        assertThat(shipMiscs.keys()).containsExactly("Company", "PackNum", "PackLine", "SeqNum", "SysRowID");
        EntitySetSchema miscChrgs = EpicorSchema.standard().entitySet("MiscChrgs").orElseThrow();
        assertThat(EpicorFields.MISC_CHRG).allSatisfy(c -> assertThat(miscChrgs.hasField(c)).as(c).isTrue());
        assertThat(EpicorFields.MISC_CHRGS).isEqualTo("Erp.BO.MiscChrgSvc/MiscChrgs");
    }
}
