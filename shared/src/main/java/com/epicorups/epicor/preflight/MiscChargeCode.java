package com.epicorups.epicor.preflight;

import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorFields;
import com.epicorups.epicor.OData;
import com.epicorups.epicor.pack.FreightCharge;
import com.epicorups.port.CheckResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Pack mode with a customer freight charge: its misc charge code exists in the company's Misc Charge Maintenance
 * ({@code Erp.BO.MiscChrgSvc/MiscChrgs}), spelt as Epicor spells it, and may be entered on a packing slip
 * ({@code ShippingAccess}); otherwise Epicor would refuse every pack's charge after its label was bought. One read.
 */
final class MiscChargeCode {
    private static final String NAME = "customer freight misc charge";
    private static final String SETTING = "epicor.packs.customerFreight.miscCode";

    private final EpicorClient client;

    MiscChargeCode(EpicorClient client) {
        this.client = client;
    }

    CheckResult check(FreightCharge charge) {
        String code = charge.miscCode();
        Refusal.Answer<List<JsonNode>> answer = Refusal.call(() -> client.getRows(EpicorFields.MISC_CHRGS,
                new OData.Query().select(EpicorFields.MISC_CHRG).filter("MiscCode eq " + OData.literal(code)).top(2)));
        if (answer.refused()) {
            return CheckResult.failed(NAME, List.of(EpicorFields.MISC_CHRGS), "Epicor refused "
                    + EpicorFields.MISC_CHRGS + " (" + answer.refusal() + ").",
                    WriteBackColumns.accessFix(answer.refusal(), EpicorFields.MISC_CHRG_SVC));
        }
        JsonNode found = answer.value().stream().filter(r -> code.equals(r.path("MiscCode").asText()))
                .findFirst().orElse(null);
        if (found == null) {
            return CheckResult.failed(NAME, List.of(SETTING), "the company has no misc charge code " + code
                    + " (Misc Charge Maintenance, MiscChrg): every pack's freight charge would be refused.",
                    "create " + code + " in Misc Charge Maintenance with Shipping access, or correct " + SETTING
                            + " to Epicor's exact code.");
        }
        if (!found.path("ShippingAccess").asBoolean(false)) {
            return CheckResult.failed(NAME, List.of(SETTING), "misc charge " + code + " may not be entered on a"
                    + " packing slip (MiscChrg.ShippingAccess is false).", "allow Shipping access on " + code
                    + " in Misc Charge Maintenance, or name a code that has it.");
        }
        return CheckResult.passed(NAME, code + " (" + found.path("Description").asText("") + ") exists and is"
                + " allowed on packing slips.");
    }
}
