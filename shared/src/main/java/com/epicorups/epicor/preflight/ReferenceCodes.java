package com.epicorups.epicor.preflight;

import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.OData;
import com.epicorups.port.CheckResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Codes the configuration names exist in the company, spelt as Epicor spells them (the connector compares them
 * exactly): the warehouses of {@code ups.warehouses} in {@code Erp.BO.WarehseSvc/Warehses}, the UPS ShipVia codes in
 * {@code Erp.BO.ShipViaSvc/ShipVias}. One read each, filtered on the set's own key.
 */
final class ReferenceCodes {
    /** One kind of code: where Epicor keeps it, its column, and where the connector's configuration names it. */
    record Kind(String name, String entitySet, String column, String configuredIn, String maintainedIn,
                boolean noneIsAFailure, String whenNone) {
    }

    static final Kind WAREHOUSES = new Kind("warehouses", "Erp.BO.WarehseSvc/Warehses", "WarehouseCode",
            "ups.warehouses", "Warehouse Maintenance", true,
            "ups.warehouses configures no warehouse: every release would fail UNKNOWN_WAREHOUSE.");
    static final Kind SHIP_VIAS = new Kind("UPS ship vias", "Erp.BO.ShipViaSvc/ShipVias", "ShipViaCode",
            "ups.serviceMap (or epicor.upsShipViaCodes)", "Ship Via Maintenance", false,
            "no ShipVia code is configured: every release is taken for UPS's.");

    private final EpicorClient client;

    ReferenceCodes(EpicorClient client) {
        this.client = client;
    }

    CheckResult check(Kind kind, Set<String> configured) {
        if (configured.isEmpty()) {
            return kind.noneIsAFailure()
                    ? CheckResult.failed(kind.name(), List.of(kind.configuredIn()), kind.whenNone(),
                    "configure them in " + kind.configuredIn() + ".")
                    : CheckResult.passed(kind.name(), kind.whenNone());
        }
        Set<String> codes = new TreeSet<>(configured);
        List<String> terms = codes.stream().map(c -> kind.column() + " eq " + OData.literal(c)).toList();
        Refusal.Answer<List<JsonNode>> answer = Refusal.call(() -> client.getRows(kind.entitySet(),
                new OData.Query().select(List.of(kind.column())).filter(OData.or(terms)).top(codes.size() * 2)));
        if (answer.refused()) {
            return CheckResult.failed(kind.name(), List.of(kind.entitySet()), "Epicor refused " + kind.entitySet()
                    + " (" + answer.refusal() + ").", WriteBackColumns.accessFix(answer.refusal(), kind.entitySet()));
        }
        Map<String, String> inEpicor = new TreeMap<>();
        answer.value().forEach(r -> inEpicor.put(r.path(kind.column()).asText("").trim().toUpperCase(Locale.ROOT),
                r.path(kind.column()).asText("").trim()));
        List<String> missing = new ArrayList<>();
        List<String> spelt = new ArrayList<>();
        for (String code : codes) {
            String epicor = inEpicor.get(code.toUpperCase(Locale.ROOT));
            if (epicor == null) {
                missing.add(code);
            } else if (!epicor.equals(code)) {
                spelt.add(code + " (Epicor spells it " + epicor + ")");
            }
        }
        if (missing.isEmpty() && spelt.isEmpty()) {
            return CheckResult.passed(kind.name(), String.join(", ", codes) + " exist in the company.");
        }
        List<String> named = new ArrayList<>(missing);
        spelt.forEach(s -> named.add(s.substring(0, s.indexOf(' '))));
        String detail = (missing.isEmpty() ? "" : "the company has no " + kind.column() + " "
                + String.join(", ", missing) + ". ")
                + (spelt.isEmpty() ? "" : "spelt differently: " + String.join(", ", spelt) + ".");
        return CheckResult.failed(kind.name(), named, detail.trim(), "create them in Epicor (" + kind.maintainedIn()
                + ") or correct " + kind.configuredIn() + " to Epicor's exact codes.");
    }
}
