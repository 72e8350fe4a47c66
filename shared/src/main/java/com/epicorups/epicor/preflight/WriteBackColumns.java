package com.epicorups.epicor.preflight;

import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorFields;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.EpicorSettings.WriteBackMapping;
import com.epicorups.port.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every configured write-back column exists on its table with a type that can hold its fact, read from the service's
 * own {@code $metadata}: OrderRel in {@code Erp.BO.SalesOrderSvc} (ORDER_REL_UD) or ShipHead in
 * {@code Erp.BO.CustShipSvc} (CUST_SHIP). A successful write is no proof that a column exists (Epicor's UpdateExt may
 * drop an unknown column), the metadata is.
 */
final class WriteBackColumns {
    /** Facts that are text: a tracking number, a status name, a label's location. */
    private static final Set<String> TEXT_FACTS = Set.of("trackingNumber", "status", "labelLocation",
            "customsFormsLocation", "shippedService", "shippingCharge");
    /** EDM types that hold a date written as {@code yyyy-MM-ddT00:00:00}; a string column holds it too. */
    private static final Set<String> DATE_TYPES = Set.of("Edm.DateTimeOffset", "Edm.Date", "Edm.DateTime", "Edm.String");

    private final EpicorClient client;
    private final EpicorSettings settings;

    WriteBackColumns(EpicorClient client, EpicorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    CheckResult check() {
        WriteBackMapping mapping = settings.writeBack();
        boolean orderRel = mapping.target() == WriteBackMapping.Target.ORDER_REL_UD;
        String service = orderRel ? EpicorFields.SALES_ORDER_SVC : EpicorFields.CUST_SHIP_SVC;
        String set = orderRel ? "OrderRels" : "CustShips";
        String table = orderRel ? "OrderRel" : "ShipHead";
        Map<String, String> columns = mapping.columnsByFact();
        String name = "write-back columns on " + table;
        Refusal.Answer<String> metadata = Refusal.call(() -> client.getText(service + "/$metadata", "application/xml"));
        if (metadata.refused()) {
            return CheckResult.failed(name, List.of(service + "/$metadata"), "Epicor refused " + service
                    + "/$metadata (" + metadata.refusal() + ").", accessFix(metadata.refusal(), service));
        }
        Map<String, String> properties = Csdl.propertiesBySet(metadata.value()).getOrDefault(set, Map.of());
        List<String> missing = new ArrayList<>();
        List<String> mistyped = new ArrayList<>();
        columns.forEach((fact, column) -> {
            String type = properties.get(column);
            if (type == null) {
                missing.add(column);
            } else if (TEXT_FACTS.contains(fact) ? !"Edm.String".equals(type) : !DATE_TYPES.contains(type)) {
                mistyped.add(column + " is " + type + " but holds " + fact + " ("
                        + (TEXT_FACTS.contains(fact) ? "text" : "a date") + ")");
            }
        });
        if (missing.isEmpty() && mistyped.isEmpty()) {
            return CheckResult.passed(name, "all " + columns.size() + " exist with usable types: "
                    + String.join(", ", columns.values()) + ".");
        }
        List<String> named = new ArrayList<>(missing);
        mistyped.forEach(m -> named.add(m.substring(0, m.indexOf(' '))));
        String detail = (missing.isEmpty() ? "" : table + " has no column " + String.join(", ", missing) + ". ")
                + (mistyped.isEmpty() ? "" : String.join("; ", mistyped) + ".");
        return CheckResult.failed(name, named, detail.trim(), fix(table, columns, missing, mistyped));
    }

    private static String fix(String table, Map<String, String> columns, List<String> missing, List<String> mistyped) {
        List<String> declare = new ArrayList<>();
        boolean allUd = true;
        for (Map.Entry<String, String> e : columns.entrySet()) {
            String column = e.getValue();
            if (missing.contains(column) || mistyped.stream().anyMatch(m -> m.startsWith(column + " "))) {
                declare.add(column + " (" + (TEXT_FACTS.contains(e.getKey()) ? "character" : "date") + ")");
                allUd &= column.endsWith("_c");
            }
        }
        return (allUd ? "create " + String.join(", ", declare) + " on " + table
                + " in UD Column Maintenance, then regenerate the data model (Kinetic cloud: Cloud Management Portal,"
                + " Data Model Regen)" : "create or correct " + String.join(", ", declare) + " on " + table)
                + "; or map the facts to columns " + table + " has in epicor.writeBack.fields.";
    }

    static String accessFix(Refusal refusal, String what) {
        return refusal.deniesAccess() || refusal.status() == 404
                ? "give the connector's Epicor user (and the API key's access scope) access to " + what + "."
                : "check " + what + " in Epicor: " + refusal.message();
    }
}
