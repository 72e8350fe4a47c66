package com.epicorups.epicor.preflight;

import com.epicorups.core.Json;
import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorFields;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.port.CheckResult;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The user may write what the write-back writes: an UpdateExt of the target's service with an empty table
 * ({@code {"ds":{"OrderRel":[]}}}), which writes nothing. Method security is checked before a method runs, so a denied
 * caller gets the refusal and an allowed one a no-op.
 */
final class WriteAccess {
    private final EpicorClient client;
    private final EpicorSettings settings;

    WriteAccess(EpicorClient client, EpicorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    CheckResult check() {
        boolean orderRel = settings.writeBack().target() == EpicorSettings.WriteBackMapping.Target.ORDER_REL_UD;
        String service = orderRel ? EpicorFields.SALES_ORDER_SVC : EpicorFields.CUST_SHIP_SVC;
        String table = orderRel ? "OrderRel" : "ShipHead";
        String name = "write access";
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("ds").putArray(table);
        body.put("continueProcessingOnError", true).put("rollbackParentOnChildError", false);
        Refusal.Answer<?> answer = Refusal.call(() -> client.post(service + "/UpdateExt", body));
        if (answer.refused()) {
            return CheckResult.failed(name, List.of(service + "/UpdateExt"), "Epicor refused an empty UpdateExt of "
                    + table + " (" + answer.refusal() + ").", WriteBackColumns.accessFix(answer.refusal(),
                    service + " (UpdateExt)"));
        }
        return CheckResult.passed(name, "may update " + table + " through " + service + "/UpdateExt.");
    }
}
