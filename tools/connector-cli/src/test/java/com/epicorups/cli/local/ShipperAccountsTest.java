package com.epicorups.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.config.ConnectorSettings;
import org.junit.jupiter.api.Test;

/** Which accounts the local run's UPS sandbox is told to accept, from the settings the run uses. */
class ShipperAccountsTest {
    @Test
    void everyWarehousesAccountAndItsOwnMerchantIdAreKnownToTheUpsSandbox() {
        ConnectorSettings settings = ConnectorSettings.parse("""
                {"ups": {"warehouses": {
                  "CHI": {"shipperName": "A", "accountNumber": "A1B2C3",
                          "address": {"lines": ["1 Main St"], "city": "Chicago", "stateProvince": "IL", "countryCode": "US"}},
                  "DAL": {"shipperName": "B", "accountNumber": "D4E5F6", "merchantId": "M7N8P9",
                          "address": {"lines": ["2 Elm St"], "city": "Dallas", "stateProvince": "TX", "countryCode": "US"}}}}}
                """);

        assertThat(LocalEnvironment.shipperAccounts(settings.ups())).containsExactlyInAnyOrder("A1B2C3", "D4E5F6", "M7N8P9");
        assertThat(LocalEnvironment.shipperAccounts(ConnectorSettings.fromJson(LocalConfig.defaultSettings()).ups()))
                .as("the built-in settings' three warehouses").containsExactlyInAnyOrder("CH1A2B", "AT3C4D", "RN5E6F");
    }
}
