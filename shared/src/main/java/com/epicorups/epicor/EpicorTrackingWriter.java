package com.epicorups.epicor;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.epicor.EpicorSettings.WriteBackMapping;
import com.epicorups.epicor.error.EpicorAuthException;
import com.epicorups.model.PackKey;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingStatus;
import com.epicorups.port.EpicorWriteBack;
import com.epicorups.port.TrackingFacts;
import com.epicorups.logging.JsonLogger;
import com.epicorups.port.WriteOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes tracking facts into the configured Epicor columns with a PATCH of a partial row (→ UpdateExt, 204).
 * It first reads the current values of the mapped columns and writes only what differs, so a repeat is a
 * no-op; a status is never replaced by one of lower rank (or a terminal one replaced at all), and when the
 * status is refused as stale its estimated delivery is not written either. Absent facts never clear a column.
 *
 * <p>Target ORDER_REL_UD: {@code SalesOrderSvc/OrderRels('co',order,line,rel)}. Target CUST_SHIP: the newest
 * non-voided pack that ships the release ({@code CustShipSvc/ShipDtls} filtered on OrderNum alone, the release's lines
 * picked by OrderLine/OrderRelNum (decision 0025), then {@code CustShips('co',PackNum)}).
 *
 * <p>{@link #writeCurrent}/{@link #writeCurrentAll} are for a caller that orders the facts itself (the pipeline's
 * shipment ledger): no read before the write, and several releases in one UpdateExt call.
 */
public final class EpicorTrackingWriter implements EpicorWriteBack {
    private static final JsonLogger LOG = JsonLogger.getLogger(EpicorTrackingWriter.class);
    private static final DateTimeFormatter EPICOR_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'00:00:00");

    private final EpicorClient client;
    private final EpicorSettings settings;

    /**
     * Cleared for the life of this writer when Epicor refuses UpdateExt itself, or refuses every row of it while
     * taking the same rows as PATCHes.
     */
    private volatile boolean batchWrites = true;

    public EpicorTrackingWriter(EpicorClient client, EpicorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /**
     * Target ORDER_REL_UD: one PATCH of every fact present, without reading the row first (the caller's ledger
     * guarantees the status is not older than what was written before). Target CUST_SHIP reads anyway (the
     * pack has to be found), so it is {@link #write}.
     */
    @Override
    public Map<String, Object> writeCurrent(ReleaseKey key, TrackingFacts facts) {
        WriteBackMapping mapping = settings.writeBack();
        if (mapping.target() != WriteBackMapping.Target.ORDER_REL_UD) {
            return write(key, facts);
        }
        Map<String, Object> fields = currentFields(facts, mapping.columnsByFact());
        if (!fields.isEmpty()) {
            client.patch(orderRelPath(key), orderRelRow(key, fields));
        }
        return fields;
    }

    /**
     * Target ORDER_REL_UD, two or more releases: one {@code POST Erp.BO.SalesOrderSvc/UpdateExt} with a partial
     * OrderRel row (RowMod "U") per release and continueProcessingOnError. When Epicor reports row errors
     * (BOUpdError, errorsOccurred) the rows are written again one PATCH each, so every release gets its own
     * outcome (its own typed error); a repeat of the rows that did land is harmless. When Epicor refuses the
     * method itself (4xx), this writer stops batching and PATCHes row by row from then on. A transient failure
     * fails every release of the call (their messages are retried), and so does a 401 that outlived the token
     * renewal (EPICOR_AUTH: a credentials problem, not the method's).
     */
    @Override
    public Map<ReleaseKey, WriteOutcome> writeCurrentAll(Map<ReleaseKey, TrackingFacts> facts) {
        WriteBackMapping mapping = settings.writeBack();
        Map<ReleaseKey, Map<String, Object>> fieldsByKey = new LinkedHashMap<>();
        facts.forEach((key, f) -> fieldsByKey.put(key, currentFields(f, mapping.columnsByFact())));
        long rows = fieldsByKey.values().stream().filter(f -> !f.isEmpty()).count();
        if (mapping.target() != WriteBackMapping.Target.ORDER_REL_UD || !batchWrites || rows < 2) {
            return EpicorWriteBack.super.writeCurrentAll(facts);
        }
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode orderRels = body.putObject("ds").putArray("OrderRel");
        fieldsByKey.forEach((key, fields) -> {
            if (!fields.isEmpty()) {
                orderRels.add(orderRelRow(key, fields).put("RowMod", "U"));
            }
        });
        body.put("continueProcessingOnError", true);
        body.put("rollbackParentOnChildError", false);
        JsonNode reply;
        try {
            reply = client.post(EpicorFields.SALES_ORDER_SVC + "/UpdateExt", body);
        } catch (ConnectorException e) {
            // A 401 the client could not cure with a new token is the identity, not UpdateExt: the PATCHes would
            // be refused the same way, and batching must come back once the credentials are fixed.
            boolean identityRefused = e instanceof EpicorAuthException auth && auth.httpStatus() == 401;
            if (e.isTransient() || identityRefused) {
                Map<ReleaseKey, WriteOutcome> out = new LinkedHashMap<>();
                facts.keySet().forEach(key -> out.put(key, WriteOutcome.failed(e)));
                return out;
            }
            batchWrites = false;
            LOG.warn("epicor_update_ext_refused", "reasonCode", e.reasonCode(), "fallback", "PATCH per release");
            return EpicorWriteBack.super.writeCurrentAll(facts);
        }
        JsonNode errors = reply.path("returnObj").path("BOUpdError");
        if (reply.path("parameters").path("errorsOccurred").asBoolean(false) || errors.size() > 0) {
            LOG.warn("epicor_update_ext_row_errors", "rows", rows, "errors", errors.size(),
                    "fallback", "PATCH per release");
            Map<ReleaseKey, WriteOutcome> patched = EpicorWriteBack.super.writeCurrentAll(facts);
            if (errors.size() >= rows && patched.values().stream().allMatch(WriteOutcome::succeeded)) {
                // Every row refused in UpdateExt yet every PATCH accepted: this Epicor does not take our partial
                // OrderRel rows through UpdateExt (a BPM, or a parent row it wants); stop paying for the attempt.
                batchWrites = false;
                LOG.warn("epicor_update_ext_disabled", "reason", "every row refused, every PATCH accepted");
            }
            return patched;
        }
        Map<ReleaseKey, WriteOutcome> out = new LinkedHashMap<>();
        fieldsByKey.forEach((key, fields) -> out.put(key, WriteOutcome.written(fields)));
        return out;
    }

    /** Every fact present, in its Epicor form; absent facts are not written (never cleared). */
    private static Map<String, Object> currentFields(TrackingFacts facts, Map<String, String> columns) {
        Map<String, Object> fields = new LinkedHashMap<>();
        putIfMapped(fields, columns.get("status"), facts.status() == null ? null : facts.status().name());
        putIfMapped(fields, columns.get("trackingNumber"),
                facts.trackingNumbers().isEmpty() ? null : String.join(",", facts.trackingNumbers()));
        putIfMapped(fields, columns.get("estimatedDelivery"),
                facts.estimatedDelivery() == null ? null : EPICOR_DATE.format(facts.estimatedDelivery()));
        putIfMapped(fields, columns.get("deliveredAt"), facts.deliveredAt() == null ? null
                : EPICOR_DATE.format(facts.deliveredAt().atZone(ZoneOffset.UTC)));
        putIfMapped(fields, columns.get("labelLocation"), facts.labelLocation());
        putIfMapped(fields, columns.get("customsFormsLocation"), facts.customsFormsLocation());
        putIfMapped(fields, columns.get("shippedService"), facts.shippedService());
        putIfMapped(fields, columns.get("shippingCharge"), facts.shippingCharge());
        return fields;
    }

    private static void putIfMapped(Map<String, Object> fields, String column, String value) {
        if (column != null && value != null) {
            fields.put(column, value);
        }
    }

    private static String orderRelPath(ReleaseKey key) {
        return OData.keyed(EpicorFields.ORDER_RELS, key.company(), key.orderNum(), key.orderLine(), key.orderRelNum());
    }

    private static ObjectNode orderRelRow(ReleaseKey key, Map<String, Object> fields) {
        ObjectNode row = Json.mapper().createObjectNode();
        row.put("Company", key.company());
        row.put("OrderNum", key.orderNum());
        row.put("OrderLine", key.orderLine());
        row.put("OrderRelNum", key.orderRelNum());
        fields.forEach((k, v) -> row.put(k, String.valueOf(v)));
        return row;
    }

    @Override
    public Map<String, Object> write(ReleaseKey key, TrackingFacts facts) {
        WriteBackMapping mapping = settings.writeBack();
        Map<String, String> columns = mapping.columnsByFact();
        return write(mapping.target() == WriteBackMapping.Target.ORDER_REL_UD ? orderRel(key, columns)
                : pack(key, columns), facts, columns);
    }

    /**
     * Target ORDER_REL_UD: each release the pack's lines ship (ShipDtl OrderNum/OrderLine/OrderRelNum, read by the
     * pack's key), read first and written as {@link #write} writes a release. Target CUST_SHIP: the pack itself.
     */
    @Override
    public Map<String, Object> writePack(PackKey pack, TrackingFacts facts) {
        WriteBackMapping mapping = settings.writeBack();
        Map<String, String> columns = mapping.columnsByFact();
        Map<String, Object> written = new LinkedHashMap<>();
        if (mapping.target() != WriteBackMapping.Target.ORDER_REL_UD) {
            write(packHead(pack, columns), facts, columns).forEach((c, v) -> written.put(pack.reference() + "." + c, v));
            return written;
        }
        List<ReleaseKey> releases = packReleases(pack);
        if (releases.isEmpty()) {
            throw new ConnectorException(Reason.EPICOR_PACK_NOT_FOUND, FailureKind.PERMANENT,
                    "pack " + pack.packNum() + " has no lines in Epicor: no release to write its tracking to", null);
        }
        for (ReleaseKey release : releases) {
            write(orderRel(release, columns), facts, columns)
                    .forEach((c, v) -> written.put(release.reference() + "." + c, v));
        }
        return written;
    }

    private List<ReleaseKey> packReleases(PackKey pack) {
        List<ReleaseKey> releases = new ArrayList<>();
        int top = settings.pageSize();
        OData.Query query = new OData.Query().select(List.of("Company", "PackNum", "PackLine", "OrderNum",
                "OrderLine", "OrderRelNum")).filter("PackNum eq " + pack.packNum()).orderBy("PackNum,PackLine").top(top);
        for (int skip = 0; ; skip += top) {
            List<JsonNode> page = client.getRows(EpicorFields.SHIP_DTLS, skip == 0 ? query : query.skip(skip));
            for (JsonNode d : page) {
                // Picked by PackNum from the answer: a child-set filter may select whole headers (decision 0025).
                if (d.path("PackNum").asInt() != pack.packNum() || d.path("OrderNum").asInt() <= 0) {
                    continue;
                }
                ReleaseKey release = new ReleaseKey(pack.company(), d.path("OrderNum").asInt(),
                        d.path("OrderLine").asInt(), d.path("OrderRelNum").asInt());
                if (!releases.contains(release)) {
                    releases.add(release);
                }
            }
            if (page.size() < top) {
                return releases;
            }
        }
    }

    private Target packHead(PackKey pack, Map<String, String> columns) {
        List<String> select = new ArrayList<>(EpicorFields.SHIP_HEAD);
        columns.values().stream().filter(c -> !select.contains(c)).forEach(select::add);
        String path = OData.keyed(EpicorFields.CUST_SHIPS, pack.company(), pack.packNum());
        JsonNode head = client.get(path, new OData.Query().select(select));
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("Company", pack.company());
        keys.put("PackNum", pack.packNum());
        return new Target(path, keys, head);
    }

    private Map<String, Object> write(Target target, TrackingFacts facts, Map<String, String> columns) {

        Map<String, Object> changes = new LinkedHashMap<>();
        boolean staleStatus = false;
        String statusColumn = columns.get("status");
        if (statusColumn != null && facts.status() != null) {
            TrackingStatus current = parseStatus(target.row().path(statusColumn).asText(null));
            if (current != facts.status()) {
                if (facts.status().mayReplace(current)) {
                    changes.put(statusColumn, facts.status().name());
                } else {
                    staleStatus = true;
                }
            }
        }
        putIfDifferent(changes, target.row(), columns.get("trackingNumber"),
                facts.trackingNumbers().isEmpty() ? null : String.join(",", facts.trackingNumbers()), false);
        if (!staleStatus) {
            putIfDifferent(changes, target.row(), columns.get("estimatedDelivery"),
                    facts.estimatedDelivery() == null ? null : EPICOR_DATE.format(facts.estimatedDelivery()), true);
        }
        putIfDifferent(changes, target.row(), columns.get("deliveredAt"), facts.deliveredAt() == null ? null
                : EPICOR_DATE.format(facts.deliveredAt().atZone(ZoneOffset.UTC)), true);
        putIfDifferent(changes, target.row(), columns.get("labelLocation"), facts.labelLocation(), false);
        putIfDifferent(changes, target.row(), columns.get("customsFormsLocation"), facts.customsFormsLocation(), false);
        putIfDifferent(changes, target.row(), columns.get("shippedService"), facts.shippedService(), false);
        putIfDifferent(changes, target.row(), columns.get("shippingCharge"), facts.shippingCharge(), false);

        if (!changes.isEmpty()) {
            ObjectNode body = Json.mapper().createObjectNode();
            target.keys().forEach((k, v) -> body.set(k, Json.mapper().valueToTree(v)));
            changes.forEach((k, v) -> body.put(k, String.valueOf(v)));
            client.patch(target.path(), body);
        }
        return changes;
    }

    private Target orderRel(ReleaseKey key, Map<String, String> columns) {
        String path = OData.keyed(EpicorFields.ORDER_RELS, key.company(), key.orderNum(), key.orderLine(), key.orderRelNum());
        List<String> select = new ArrayList<>(List.of("Company", "OrderNum", "OrderLine", "OrderRelNum"));
        select.addAll(columns.values());
        JsonNode row = client.get(path, new OData.Query().select(select));
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("Company", key.company());
        keys.put("OrderNum", key.orderNum());
        keys.put("OrderLine", key.orderLine());
        keys.put("OrderRelNum", key.orderRelNum());
        return new Target(path, keys, row);
    }

    private Target pack(ReleaseKey key, Map<String, String> columns) {
        // ShipDtls are filtered on OrderNum alone, a column ShipHead has too: read as OData says, that is the order's
        // pack lines; bound to ShipHead as one report says Epicor does, the lines of the packs headed by the order.
        // Either way the release's own lines are picked here, so a pack found always ships the release.
        List<JsonNode> dtls = new ParentKeyReads(client, 1).children(ParentKeyReads.SHIP_DTLS,
                        List.of(key.orderNum()), EpicorFields.SHIP_DTL).stream()
                .filter(d -> d.path("OrderLine").asInt() == key.orderLine()
                        && d.path("OrderRelNum").asInt() == key.orderRelNum())
                .toList();
        List<Integer> packs = dtls.stream().map(d -> d.path("PackNum").asInt()).distinct().toList();
        if (packs.isEmpty()) {
            throw new ConnectorException(Reason.EPICOR_PACK_NOT_FOUND,
                    "no customer shipment (ShipDtl) in Epicor ships release " + key.reference() + " yet");
        }
        List<String> select = new ArrayList<>(EpicorFields.SHIP_HEAD);
        columns.values().stream().filter(c -> !select.contains(c)).forEach(select::add);
        List<JsonNode> heads = client.getRows(EpicorFields.CUST_SHIPS, new OData.Query()
                .select(select)
                .filter(OData.or(packs.stream().map(p -> "PackNum eq " + p).toList()))
                .top(packs.size()));
        JsonNode head = heads.stream()
                .filter(h -> !h.path("Voided").asBoolean(false))
                .max(Comparator.comparingInt(h -> h.path("PackNum").asInt()))
                .orElseThrow(() -> new ConnectorException(Reason.EPICOR_PACK_NOT_FOUND, FailureKind.PERMANENT,
                        "every customer shipment of release " + key.reference() + " is voided: " + packs, null));
        int packNum = head.path("PackNum").asInt();
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("Company", key.company());
        keys.put("PackNum", packNum);
        return new Target(OData.keyed(EpicorFields.CUST_SHIPS, key.company(), packNum), keys, head);
    }

    private static void putIfDifferent(Map<String, Object> changes, JsonNode row, String column, String value,
                                       boolean dateOnly) {
        if (column == null || value == null) {
            return;
        }
        JsonNode cur = row.get(column);
        String current = cur == null || cur.isNull() ? null : cur.asText();
        boolean same = current != null && (dateOnly
                ? current.length() >= 10 && current.substring(0, 10).equals(value.substring(0, 10))
                : current.equals(value));
        if (!same) {
            changes.put(column, value);
        }
    }

    static TrackingStatus parseStatus(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return TrackingStatus.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // A value a person typed: not ours, so any status may replace it.
            return null;
        }
    }

    private record Target(String path, Map<String, Object> keys, JsonNode row) {
    }
}
