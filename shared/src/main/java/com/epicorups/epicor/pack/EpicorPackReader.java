package com.epicorups.epicor.pack;

import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorFields;
import com.epicorups.epicor.OData;
import com.epicorups.epicor.release.Rows;
import com.epicorups.model.PackKey;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads packs ready for a label from Erp.BO.CustShipSvc, a page at a time: those changed after a {@link PackCursor}
 * (keyset paging on ShipHead.SysRevID, PackNum), or every ready pack after a PackNum (the sweep). A page's lines and
 * cartons are read by their parent key ({@code ShipDtls?$filter=PackNum eq … or …}, likewise CartonTrkDtls; decision
 * 0025: a child set is filtered only on its parent's key), {@code keysPerCall} packs a call.
 */
public final class EpicorPackReader {
    static final String VOIDED = "Voided eq true";

    private final EpicorClient client;
    private final PackSettings settings;
    private final int keysPerCall;

    public EpicorPackReader(EpicorClient client, PackSettings settings) {
        this.client = Objects.requireNonNull(client, "client");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keysPerCall = client.settings().keysPerCall();
    }

    /** One page: how many ShipHead rows came back, the packs with their lines and cartons, the position after it. */
    public record Page(int rows, boolean isLast, Map<String, String> position, List<ReadyPack> packs) {
    }

    /** The next page of ready packs changed after {@code position} (empty or foreign: from the beginning). */
    public Page changedAfter(Map<String, String> position) {
        PackCursor cursor = PackCursor.fromValues(position);
        String filter = settings.eligibilityFilter() + (cursor == null ? "" : " and (" + cursor.afterFilter() + ")");
        return page(filter, "SysRevID,PackNum", true);
    }

    /**
     * The next page of packs voided in Epicor, changed after {@code position}: the void pass of pack mode. Not only
     * those still carrying a tracking number: whether Epicor's void keeps ShipHead.TrackingNumber is not known for
     * every version, and the ledger, not the pack, says whether the connector bought a label for it.
     */
    public Page voidedChangedAfter(Map<String, String> position) {
        PackCursor cursor = PackCursor.fromValues(position);
        String filter = VOIDED + (cursor == null ? "" : " and (" + cursor.afterFilter() + ")");
        return page(filter, "SysRevID,PackNum", true);
    }

    /**
     * The pack as Epicor has it now, if it is still ready for a label (labelable and passing the ready filter): the
     * creator's re-read before it buys the label. Empty when it is not (voided, shipped, tracked, unfreighted).
     */
    public java.util.Optional<ReadyPack> ready(PackKey key) {
        return page(settings.eligibilityFilter() + " and PackNum eq " + key.packNum(), "PackNum", false).packs()
                .stream().filter(p -> p.key().equals(key)).findFirst();
    }

    /** The next page of every ready pack after {@code position}'s PackNum, in PackNum order. */
    public Page inKeyOrderAfter(Map<String, String> position) {
        PackCursor cursor = PackCursor.fromValues(position);
        String filter = settings.eligibilityFilter() + (cursor == null ? "" : " and PackNum gt " + cursor.packNum());
        return page(filter, "PackNum", false);
    }

    private Page page(String filter, String orderBy, boolean changeOrder) {
        List<JsonNode> heads = client.getRows(EpicorFields.CUST_SHIPS, new OData.Query()
                .select(EpicorFields.PACK_HEAD).filter(filter).orderBy(orderBy).top(settings.pageSize()));
        if (heads.isEmpty()) {
            return new Page(0, true, Map.of(), List.of());
        }
        List<Integer> packNums = heads.stream().map(h -> Rows.integer(h, "PackNum")).toList();
        Map<Integer, List<ReadyPack.Line>> lines = lines(packNums);
        Map<Integer, List<ReadyPack.Carton>> cartons = cartons(packNums);
        List<ReadyPack> packs = new ArrayList<>();
        for (JsonNode h : heads) {
            int packNum = Rows.integer(h, "PackNum");
            packs.add(new ReadyPack(new PackKey(client.company(), packNum), Rows.longValue(h, "SysRevID"),
                    Rows.text(h, "ShipViaCode"), Rows.text(h, "Plant"), Rows.integer(h, "CustNum"),
                    Rows.integer(h, "ShipToCustNum"), Objects.requireNonNullElse(Rows.text(h, "ShipToNum"), ""),
                    Rows.bool(h, "UseOTS"), Rows.integer(h, "OTSOrderNum"), Rows.decimal(h, "Weight"),
                    Rows.text(h, "WeightUOM"), Rows.decimalOrZero(h, "DeclaredAmt"), Rows.text(h, "CurrencyCode"),
                    lines.getOrDefault(packNum, List.of()), cartons.getOrDefault(packNum, List.of())));
        }
        JsonNode last = heads.get(heads.size() - 1);
        String rev = changeOrder ? String.valueOf(last.path("SysRevID").bigIntegerValue()) : "0";
        Map<String, String> position = new PackCursor(rev, Rows.integer(last, "PackNum")).values();
        return new Page(heads.size(), heads.size() < settings.pageSize(), position, packs);
    }

    private Map<Integer, List<ReadyPack.Line>> lines(List<Integer> packNums) {
        Map<Integer, List<ReadyPack.Line>> byPack = new LinkedHashMap<>();
        for (JsonNode r : children(EpicorFields.SHIP_DTLS, EpicorFields.PACK_LINE, "PackNum,PackLine", packNums)) {
            BigDecimal quantity = Rows.decimalOrZero(r, "OurInventoryShipQty").add(Rows.decimalOrZero(r, "OurJobShipQty"));
            byPack.computeIfAbsent(Rows.integer(r, "PackNum"), k -> new ArrayList<>()).add(new ReadyPack.Line(
                    Rows.integer(r, "PackLine"), Rows.integer(r, "OrderNum"), Rows.integer(r, "OrderLine"),
                    Rows.integer(r, "OrderRelNum"), Rows.text(r, "PartNum"), Rows.text(r, "LineDesc"), quantity,
                    Rows.text(r, "IUM"), Rows.text(r, "WarehouseCode")));
        }
        byPack.values().forEach(l -> l.sort(Comparator.comparingInt(ReadyPack.Line::packLine)));
        return byPack;
    }

    private Map<Integer, List<ReadyPack.Carton>> cartons(List<Integer> packNums) {
        Map<Integer, List<ReadyPack.Carton>> byPack = new LinkedHashMap<>();
        for (JsonNode r : children(EpicorFields.CARTON_TRK_DTLS, EpicorFields.PACK_CARTON, "PackNum,CaseNum", packNums)) {
            byPack.computeIfAbsent(Rows.integer(r, "PackNum"), k -> new ArrayList<>()).add(new ReadyPack.Carton(
                    Rows.integer(r, "CaseNum"), Rows.text(r, "ShipmentType"), Rows.decimal(r, "PkgWeight"),
                    Rows.text(r, "ManifestWtUOM"), Rows.decimal(r, "PkgLength"), Rows.decimal(r, "PkgWidth"),
                    Rows.decimal(r, "PkgHeight"), Rows.text(r, "ManifestSizeUOM"),
                    Rows.decimalOrZero(r, "DeclaredValue")));
        }
        byPack.values().forEach(c -> c.sort(Comparator.comparingInt(ReadyPack.Carton::caseNum)));
        return byPack;
    }

    /**
     * Every row of a child set under {@code packNums}, picked by PackNum from the answer (under Epicor's reported
     * reading a child-set filter selects headers, and every child of a selected header comes back). Epicor caps a read
     * without $top and never sends a next link, so a full page is followed by the next ($skip; the packs are ready,
     * their lines and cartons are not being edited).
     */
    private List<JsonNode> children(String set, List<String> columns, String orderBy, List<Integer> packNums) {
        List<JsonNode> rows = new ArrayList<>();
        int top = settings.pageSize();
        for (List<Integer> chunk : OData.chunks(packNums, keysPerCall)) {
            String filter = OData.or(chunk.stream().map(n -> "PackNum eq " + n).toList());
            for (int skip = 0; ; skip += top) {
                OData.Query query = new OData.Query().select(columns).filter(filter).orderBy(orderBy).top(top);
                List<JsonNode> page = client.getRows(set, skip == 0 ? query : query.skip(skip));
                for (JsonNode r : page) {
                    if (chunk.contains(Rows.integer(r, "PackNum"))) {
                        rows.add(r);
                    }
                }
                if (page.size() < top) {
                    break;
                }
            }
        }
        return rows;
    }
}
