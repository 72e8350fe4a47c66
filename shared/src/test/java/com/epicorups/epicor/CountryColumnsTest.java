package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.sandbox.epicor.EntitySetSchema;
import com.epicorups.sandbox.epicor.EpicorSchema;
import org.junit.jupiter.api.Test;

/**
 * The Country columns the connector reads (issue 16) exist in Epicor's CountrySvc table as the Epicor sandbox vendors
 * it from Epicor's swagger: the reference's fields.json has no Country table, so EpicorFieldNamesTest cannot check
 * them.
 */
class CountryColumnsTest {
    @Test
    void everyCountryColumnReadExistsInCountrySvc() {
        EntitySetSchema countries = EpicorSchema.standard().entitySet("Countries").orElseThrow();
        assertThat(EpicorFields.COUNTRY).allSatisfy(column -> assertThat(countries.hasField(column)).as(column).isTrue());
        assertThat(EpicorFields.COUNTRIES).isEqualTo("Erp.BO.CountrySvc/Countries");
    }
}
