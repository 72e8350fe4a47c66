package com.epicorups.epicor.preflight;

import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorFields;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.OData;
import com.epicorups.port.CheckResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user and API key may read every set the connector reads, with exactly the columns it selects: one
 * {@code $select=...&$top=1} per set (a refused set is a 401/403/404, a column this Epicor lacks a 400 naming it).
 * Unfiltered, so the answer does not depend on how Epicor filters a child set.
 */
final class ReadAccess {
    private final EpicorClient client;
    private final EpicorSettings settings;

    ReadAccess(EpicorClient client, EpicorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** The sets the poll, the re-read and the writer read, with the columns they select. */
    Map<String, List<String>> reads() {
        Map<String, List<String>> reads = new LinkedHashMap<>();
        reads.put(EpicorFields.SALES_ORDERS, settings.orderHedColumns());
        reads.put(EpicorFields.COUNTRIES, EpicorFields.COUNTRY);
        reads.put(EpicorFields.ORDER_DTLS, EpicorFields.ORDER_DTL);
        reads.put(EpicorFields.ORDER_RELS, EpicorFields.ORDER_REL);
        reads.put(EpicorFields.CUSTOMERS, EpicorFields.CUSTOMER);
        reads.put(EpicorFields.SHIP_TOES, EpicorFields.SHIP_TO);
        reads.put(EpicorFields.PARTS, settings.weightSource() == EpicorSettings.WeightSource.NET
                ? EpicorFields.PART_NET : EpicorFields.PART_GROSS);
        if (settings.writeBack().target() == EpicorSettings.WriteBackMapping.Target.CUST_SHIP) {
            reads.put(EpicorFields.SHIP_DTLS, EpicorFields.SHIP_DTL);
            reads.put(EpicorFields.CUST_SHIPS, EpicorFields.SHIP_HEAD);
        }
        return reads;
    }

    CheckResult check() {
        String name = "read access";
        List<String> refused = new ArrayList<>();
        List<String> why = new ArrayList<>();
        boolean denied = false;
        for (Map.Entry<String, List<String>> read : reads().entrySet()) {
            Refusal.Answer<?> answer = Refusal.call(() -> client.getRows(read.getKey(),
                    new OData.Query().select(read.getValue()).top(1)));
            if (answer.refused()) {
                refused.add(read.getKey());
                why.add(read.getKey() + " (" + answer.refusal() + ")");
                denied |= answer.refusal().deniesAccess() || answer.refusal().status() == 404;
            }
        }
        if (refused.isEmpty()) {
            return CheckResult.passed(name, "may read " + String.join(", ", shortNames()) + " with the columns the"
                    + " connector selects.");
        }
        return CheckResult.failed(name, refused, "Epicor refused " + String.join("; ", why) + ".", denied
                ? "give the connector's Epicor user (and the API key's access scope) read access to "
                + String.join(", ", refused) + "."
                : "a column the connector reads is missing from this Epicor: see the message.");
    }

    private List<String> shortNames() {
        return reads().keySet().stream().map(s -> s.substring(s.indexOf('/') + 1)).toList();
    }
}
