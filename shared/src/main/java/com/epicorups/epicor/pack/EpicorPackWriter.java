package com.epicorups.epicor.pack;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorFields;
import com.epicorups.epicor.OData;
import com.epicorups.epicor.release.Rows;
import com.epicorups.model.PackKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a shipped pack back into Epicor (pack mode): reads the pack and its cartons, then writes only what differs,
 * cartons first and the pack last (the pack's TrackingNumber is what takes it out of the pack poll). A repeat (a
 * retried message) reads what the first wrote and writes nothing; a carton the pack lacks is created (POST) once, and
 * a retry finds it. With a customer freight charge, the pack's misc charge of that code is put before the pack (one
 * row per code, changed rather than duplicated: {@link PackMiscCharges}). A voided pack is not written (Epicor refuses it): {@link Reason#EPICOR_PACK_NOT_FOUND},
 * permanent; its label is the void flow's.
 */
public final class EpicorPackWriter {
    /** CartonTrkDtl.ShipmentType of a customer shipment's cartons. */
    static final String SALES = "Sales";

    private final EpicorClient client;

    public EpicorPackWriter(EpicorClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /** Writes {@code wb} into pack {@code key}; returns what was written, by column ("CaseNum n." before a carton's). */
    public Map<String, Object> write(PackKey key, PackWriteBack wb) {
        String head = OData.keyed(EpicorFields.CUST_SHIPS, key.company(), key.packNum());
        JsonNode pack = client.get(head, new OData.Query().select(EpicorFields.PACK_WRITTEN));
        if (Rows.bool(pack, "Voided")) {
            throw new ConnectorException(Reason.EPICOR_PACK_NOT_FOUND, FailureKind.PERMANENT, "pack " + key.packNum()
                    + " is voided in Epicor: its tracking is not written (the void flow voids its label)", null);
        }
        Map<String, Object> written = new LinkedHashMap<>();
        Map<Integer, JsonNode> cartons = new HashMap<>();
        for (JsonNode c : client.getRows(EpicorFields.CARTON_TRK_DTLS, new OData.Query()
                .select(EpicorFields.PACK_CARTON_WRITTEN)
                .filter("PackNum eq " + key.packNum()).top(1000))) {
            if (Rows.integer(c, "PackNum") == key.packNum() && SALES.equalsIgnoreCase(Rows.text(c, "ShipmentType"))) {
                cartons.put(Rows.integer(c, "CaseNum"), c);
            }
        }
        for (PackWriteBack.CartonTracking t : wb.cartons()) {
            JsonNode existing = cartons.get(t.caseNum());
            if (existing == null) {
                ObjectNode row = cartonKey(key, t.caseNum()).put("TrackingNumber", t.trackingNumber());
                if (t.weight() != null) {
                    row.put("PkgWeight", t.weight());
                }
                if (t.weightUom() != null) {
                    row.put("ManifestWtUOM", t.weightUom());
                }
                client.post(EpicorFields.CARTON_TRK_DTLS, row);
                written.put("CaseNum " + t.caseNum() + ".TrackingNumber", t.trackingNumber());
            } else if (!t.trackingNumber().equals(Rows.text(existing, "TrackingNumber"))) {
                client.patch(OData.keyed(EpicorFields.CARTON_TRK_DTLS, key.company(), SALES, key.packNum(),
                        t.caseNum()), cartonKey(key, t.caseNum()).put("TrackingNumber", t.trackingNumber()));
                written.put("CaseNum " + t.caseNum() + ".TrackingNumber", t.trackingNumber());
            }
        }
        BigDecimal charge = wb.customerCharge();
        if (charge != null && charge.signum() > 0
                && new PackMiscCharges(client).put(key, wb.customerFreight().miscCode(), charge)) {
            written.put(chargeColumn(wb.customerFreight()), charge);
        }
        ObjectNode changes = Json.mapper().createObjectNode();
        putIfDifferent(changes, pack, "TrackingNumber", wb.trackingNumber());
        putIfDifferent(changes, pack, "MFTransNum", wb.shipmentId());
        if (wb.freight() != null && (Rows.decimal(pack, "MFFreightAmt") == null
                || Rows.decimal(pack, "MFFreightAmt").compareTo(wb.freight()) != 0)) {
            changes.put("MFFreightAmt", wb.freight());
        }
        if (wb.markShipped() && !Rows.bool(pack, "ReadyToInvoice")) {
            changes.put("ReadyToInvoice", true);
        }
        if (!changes.isEmpty()) {
            changes.fields().forEachRemaining(e -> written.put(e.getKey(), Json.mapper().convertValue(e.getValue(),
                    Object.class)));
            ObjectNode row = Json.mapper().createObjectNode().put("Company", key.company()).put("PackNum", key.packNum());
            row.setAll(changes);
            client.patch(head, row);
        }
        return written;
    }

    /** How the customer's freight charge is named among what was written: "ShipMisc FRT.MiscAmt". */
    public static String chargeColumn(FreightCharge charge) {
        return "ShipMisc " + charge.miscCode() + ".MiscAmt";
    }

    private static void putIfDifferent(ObjectNode changes, JsonNode pack, String column, String value) {
        if (value != null && !value.equals(Rows.text(pack, column))) {
            changes.put(column, value);
        }
    }

    private static ObjectNode cartonKey(PackKey key, int caseNum) {
        return Json.mapper().createObjectNode().put("Company", key.company()).put("ShipmentType", SALES)
                .put("PackNum", key.packNum()).put("CaseNum", caseNum);
    }
}
