package com.epicorups.epicor.preflight;

import com.epicorups.epicor.BaqReleases;
import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorFields;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.OData;
import com.epicorups.port.CheckResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the poll reads releases from answers as it must. BAQ source: the BAQ exists ({@code BaqSvc/{id}/$metadata},
 * 404 when it does not or is not shared with the user), has the columns the poll and the re-read ask for, and its data
 * may be read. ORDER_RELS source: Epicor applies the eligibility filter to OrderRels' own columns (a tenant that binds
 * a child set's filter to the order header answers 400; decision 0025). PACKS source: Epicor answers the pack poll.
 */
final class ReleaseSource {
    private final EpicorClient client;
    private final EpicorSettings settings;

    ReleaseSource(EpicorClient client, EpicorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    CheckResult check() {
        return switch (settings.source()) {
            case BAQ -> baq();
            case ORDER_RELS -> orderRels();
            case PACKS -> packs();
        };
    }

    /**
     * Pack mode: Epicor answers the pack poll's query on CustShips (the labelable filter and the shop's
     * epicor.packs.readyFilter over ShipHead columns). The pack's lines and their releases are read by key.
     */
    private CheckResult packs() {
        String name = "pack source CustShips";
        String filter = settings.packSettings().eligibilityFilter();
        Refusal.Answer<?> page = Refusal.call(() -> client.getRows(EpicorFields.CUST_SHIPS, new OData.Query()
                .select(List.of("Company", "PackNum", "SysRevID")).filter(filter).top(1)));
        if (page.refused()) {
            return CheckResult.failed(name, List.of("epicor.packs.readyFilter"), "Epicor refused the pack poll's"
                    + " query on CustShips (" + page.refusal() + ").", page.refusal().status() == 400
                    ? "correct epicor.packs.readyFilter (ShipHead columns only, e.g. ShipStatus eq 'FREIGHTED')."
                    : WriteBackColumns.accessFix(page.refusal(), "Erp.BO.CustShipSvc"));
        }
        return CheckResult.passed(name, "Epicor answers the pack poll (" + filter + ").");
    }

    private CheckResult baq() {
        String id = settings.baqId();
        String name = "release BAQ " + id;
        List<String> required = BaqReleases.requiredColumns(settings.checkpointMode());
        Refusal.Answer<String> metadata = Refusal.call(() -> client.getText("BaqSvc/" + id + "/$metadata",
                "application/xml"));
        if (metadata.refused()) {
            if (metadata.refusal().status() == 404) {
                return CheckResult.failed(name, List.of(id), "Epicor has no BAQ " + id + " that the connector's user"
                        + " may run (" + metadata.refusal() + ").", create(id, required));
            }
            return CheckResult.failed(name, List.of(id), "Epicor refused BAQ " + id + " (" + metadata.refusal()
                    + ").", WriteBackColumns.accessFix(metadata.refusal(), "BAQ " + id));
        }
        Set<String> columns = new LinkedHashSet<>();
        Csdl.propertiesBySet(metadata.value()).values().forEach(p -> columns.addAll(p.keySet()));
        List<String> missing = required.stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            return CheckResult.failed(name, missing, "BAQ " + id + " has no column " + String.join(", ", missing)
                    + ".", "add " + displayColumns(missing) + " to BAQ " + id + "'s display columns.");
        }
        Refusal.Answer<?> data = Refusal.call(() -> client.getRows(BaqReleases.dataPath(id),
                new OData.Query().select(required).top(1)));
        if (data.refused()) {
            return CheckResult.failed(name, List.of(BaqReleases.dataPath(id)), "Epicor refused to run BAQ " + id
                    + " (" + data.refusal() + ").", WriteBackColumns.accessFix(data.refusal(), "BAQ " + id
                    + " (share it with the user)"));
        }
        return CheckResult.passed(name, "exists with " + String.join(", ", required) + " and runs.");
    }

    private CheckResult orderRels() {
        String name = "release source OrderRels";
        Refusal.Answer<?> page = Refusal.call(() -> client.getRows(EpicorFields.ORDER_RELS, new OData.Query()
                .select(EpicorFields.RELEASE_KEYS).filter("(" + settings.eligibilityFilter() + ")").top(1)));
        if (page.refused()) {
            boolean parentBound = page.refusal().message().contains("OrderHedRow");
            return CheckResult.failed(name, List.of("epicor.eligibilityFilter"), "Epicor refused the eligibility filter"
                    + " on OrderRels (" + page.refusal() + ").", parentBound
                    ? "this Epicor applies a filter on OrderRels to the order header: set epicor.source to BAQ and"
                    + " create the ReadyToShip BAQ (docs/configuration.md)."
                    : "correct epicor.eligibilityFilter (OrderRel columns only), or use epicor.source BAQ.");
        }
        return CheckResult.passed(name, "Epicor applies the eligibility filter to OrderRels.");
    }

    private static String create(String id, List<String> required) {
        return "create BAQ " + id + " in BAQ Designer over table OrderRel, with your ready-to-ship criteria (e.g."
                + " OpenRelease = true, VoidRelease = false, FirmRelease = true, ReadyToFulfill = true) and the display"
                + " columns " + displayColumns(required) + "; share it with the connector's user; or set epicor.baqId"
                + " to the BAQ you have.";
    }

    private static String displayColumns(List<String> columns) {
        List<String> fields = new ArrayList<>();
        columns.forEach(c -> fields.add(c.replace(BaqReleases.PREFIX, "OrderRel.")));
        return String.join(", ", fields);
    }
}
