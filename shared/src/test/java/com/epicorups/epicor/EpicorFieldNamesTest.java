package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.core.Json;
import com.epicorups.epicor.EpicorSettings.WriteBackMapping;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every Epicor column the connector names exists in Epicor's own field table (fields.json, copied from the reference). */
class EpicorFieldNamesTest {
    private static Map<String, Set<String>> epicorTables() throws Exception {
        try (InputStream in = EpicorFieldNamesTest.class.getResourceAsStream("/epicor/fields.json")) {
            JsonNode tables = Json.mapper().readTree(in).get("tables");
            Map<String, Set<String>> out = new java.util.HashMap<>();
            tables.fields().forEachRemaining(e -> {
                Set<String> names = new HashSet<>();
                e.getValue().forEach(pair -> names.add(pair.get(0).asText()));
                out.put(e.getKey(), names);
            });
            return out;
        }
    }

    @Test
    void everyColumnReadOrWrittenExists() throws Exception {
        Map<String, Set<String>> tables = epicorTables();
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, List<String>> e : EpicorFields.byTable().entrySet()) {
            Set<String> real = tables.get(e.getKey());
            assertThat(real).as("table " + e.getKey()).isNotNull();
            for (String f : e.getValue()) {
                checked++;
                if (!real.contains(f)) {
                    missing.add(e.getKey() + "." + f);
                }
            }
        }
        // The columns the poller orders, filters and pages by are in the OrderRel list too.
        for (String f : List.of("SysRevID", "ChangeDate", "ChangeTime", "OpenRelease", "VoidRelease", "FirmRelease",
                "ReadyToFulfill")) {
            assertThat(tables.get(EpicorFields.T_ORDER_REL)).contains(f);
        }
        assertThat(missing).as("columns named by the connector but unknown to Epicor").isEmpty();
        System.out.println("[fields] " + checked + " Epicor column names checked against fields.json");
    }

    /**
     * The mapping code reads columns by name from the rows; every name it reads must be one the queries select,
     * or it would silently read null. Scans the sources for Rows.x(row, "Name") and path("Name") reads.
     */
    @Test
    void everyColumnTheMappingCodeReadsIsSelected() throws Exception {
        Set<String> selected = new HashSet<>();
        EpicorFields.byTable().values().forEach(selected::addAll);
        // Country is not in fields.json (the reference lacks it): its columns are checked against the Epicor
        // sandbox's CountrySvc table by CountryColumnsTest.
        selected.addAll(EpicorFields.COUNTRY);
        // ShipMisc and MiscChrg neither (the customer freight charge): checked by MiscChargeColumnsTest.
        selected.addAll(EpicorFields.PACK_MISC);
        selected.addAll(EpicorFields.MISC_CHRG);
        java.util.regex.Pattern read = java.util.regex.Pattern.compile(
                "(?:Rows\\.\\w+\\(\\w+, |\\.path\\(|\\.get\\()\"([A-Z][A-Za-z0-9]*)\"");
        java.nio.file.Path root = java.nio.file.Path.of("src/main/java/com/epicorups/epicor");
        List<String> unselected = new ArrayList<>();
        int reads = 0;
        try (var files = java.nio.file.Files.walk(root)) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                java.util.regex.Matcher m = read.matcher(java.nio.file.Files.readString(f));
                while (m.find()) {
                    reads++;
                    String name = m.group(1);
                    // Epicor's error body, token replies and UpdateExt's row-error list are not table columns.
                    if (Set.of("ErrorMessage", "ErrorType", "ErrorDetails", "ReasonPhrase", "Message", "AccessToken",
                            "ExpiresIn", "BOUpdError").contains(name)) {
                        continue;
                    }
                    if (!selected.contains(name)) {
                        unselected.add(f.getFileName() + ": " + name);
                    }
                }
            }
        }
        // NetWeightUOM / GrossWeightUOM are read as weightField + "UOM".
        assertThat(selected).contains("NetWeightUOM", "GrossWeightUOM");
        assertThat(reads).isGreaterThan(50);
        assertThat(unselected).isEmpty();
    }

    @Test
    void writeBackColumnsAreRealOrUserDefined() throws Exception {
        Map<String, Set<String>> tables = epicorTables();
        for (WriteBackMapping m : List.of(WriteBackMapping.DEFAULT,
                new WriteBackMapping(WriteBackMapping.Target.CUST_SHIP, "TrackingNumber", null, null, null, null))) {
            String table = m.target() == WriteBackMapping.Target.ORDER_REL_UD ? EpicorFields.T_ORDER_REL : EpicorFields.T_SHIP_HEAD;
            for (String column : m.columnsByFact().values()) {
                assertThat(column.endsWith("_c") || tables.get(table).contains(column))
                        .as(table + "." + column + " is neither a standard column nor a configured UD column").isTrue();
            }
        }
    }

    @Test
    void theDefaultEligibilityFilterUsesOnlyRealOrderRelColumns() throws Exception {
        Set<String> orderRel = epicorTables().get(EpicorFields.T_ORDER_REL);
        for (String token : EpicorSettings.DEFAULT_ELIGIBILITY_FILTER.split(" ")) {
            if (token.matches("[A-Z][A-Za-z]+")) {
                assertThat(orderRel).contains(token);
            }
        }
    }
}
