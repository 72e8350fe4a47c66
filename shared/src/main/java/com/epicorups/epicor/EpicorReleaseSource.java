package com.epicorups.epicor;

import com.epicorups.core.Reason;
import com.epicorups.epicor.EpicorSettings.CheckpointMode;
import com.epicorups.epicor.release.ChangeCursor;
import com.epicorups.epicor.release.KeyCursor;
import com.epicorups.epicor.release.MappedRelease;
import com.epicorups.epicor.release.ReleaseAssembler;
import com.epicorups.epicor.release.ReleaseMapper;
import com.epicorups.model.ReleaseKey;
import com.epicorups.port.PolledRelease;
import com.epicorups.port.ReleaseSource;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order poll's pages from Epicor: OrderRels (or a BAQ) rows that match the eligibility filter, after a keyset
 * cursor, {@code pageSize} at a time; the changed-since pages in the order of the change marker and the release key
 * ({@link ChangeCursor}), the sweep's in key order ({@link KeyCursor}). A page's releases are mapped with one batched
 * read each of headers, lines, parts, ship-tos and customers ({@link ReleaseAssembler}).
 *
 * <p>BAQ source: the BAQ must expose the columns {@code OrderRel_OrderNum}, {@code OrderRel_OrderLine},
 * {@code OrderRel_OrderRelNum} and {@code OrderRel_SysRevID} (CHANGEDATE mode: {@code OrderRel_ChangeDate},
 * {@code OrderRel_ChangeTime}); its own criteria decide eligibility. The releases are then read from OrderRels
 * by their orders, one batched call per page (OrderRels is filtered on OrderNum only: decision 0025); a BAQ row whose
 * release OrderRels does not have is skipped RELEASE_GONE.
 */
public final class EpicorReleaseSource implements ReleaseSource {
    private static final String BAQ_PREFIX = "OrderRel_";

    private final EpicorClient client;
    private final EpicorSettings settings;
    private final ReleaseAssembler assembler;

    public EpicorReleaseSource(EpicorClient client, EpicorSettings settings) {
        this.client = client;
        this.settings = settings;
        this.assembler = new ReleaseAssembler(client, settings);
    }

    /** The name of the poll's change checkpoint for this company (the sweep's and the lease's are named after it). */
    public String checkpointName() {
        return "epicor-releases#" + client.company();
    }

    @Override
    public void startCycle() {
        client.startCycle();
    }

    @Override
    public int callCount() {
        return client.callCount();
    }

    @Override
    public Page changedAfter(Map<String, String> position) {
        CheckpointMode mode = settings.checkpointMode();
        ChangeCursor after = ChangeCursor.fromValues(position, mode);
        return page(ChangeCursor.orderColumns(mode), after == null ? null : after::afterFilter,
                (row, prefix) -> ChangeCursor.of(row, mode, prefix).values());
    }

    @Override
    public Page inKeyOrderAfter(Map<String, String> position) {
        KeyCursor after = KeyCursor.fromValues(position);
        return page(KeyCursor.COLUMNS, after == null ? null : after::afterFilter,
                (row, prefix) -> KeyCursor.of(row, prefix).values());
    }

    /** The position of a source row; {@code prefix} is "" for OrderRels and "OrderRel_" for BAQ columns. */
    private interface PositionOf {
        Map<String, String> of(JsonNode row, String prefix);
    }

    /**
     * One page of the source in {@code orderColumns} order after the keyset cursor ({@code afterFilter} turns a
     * column prefix into the cursor's filter; null on the first page).
     */
    private Page page(List<String> orderColumns, Function<String, String> afterFilter, PositionOf positionOf) {
        if (settings.source() == EpicorSettings.Source.ORDER_RELS) {
            String filter = "(" + settings.eligibilityFilter() + ")";
            if (afterFilter != null) {
                filter += " and (" + afterFilter.apply("") + ")";
            }
            List<JsonNode> rows = client.getRows(EpicorFields.ORDER_RELS, new OData.Query()
                    .select(EpicorFields.ORDER_REL)
                    .filter(filter)
                    .orderBy(String.join(",", orderColumns))
                    .top(settings.pageSize()));
            return new EpicorPage(rows.size(), rows, List.of(), position(rows, "", positionOf));
        }
        // The change marker is always selected: a BAQ row without its release is audited with it.
        List<String> columns = new ArrayList<>();
        for (String c : ChangeCursor.orderColumns(settings.checkpointMode())) {
            columns.add(BAQ_PREFIX + c);
        }
        OData.Query q = new OData.Query().select(columns);
        if (afterFilter != null) {
            q.filter(afterFilter.apply(BAQ_PREFIX));
        }
        q.orderBy(String.join(",", orderColumns.stream().map(c -> BAQ_PREFIX + c).toList())).top(settings.pageSize());
        List<JsonNode> baqRows = client.getRows("BaqSvc/" + settings.baqId() + "/Data", q);
        if (baqRows.isEmpty()) {
            return new EpicorPage(0, List.of(), List.of(), Map.of());
        }
        Map<ReleaseKey, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode r : baqRows) {
            byKey.put(new ReleaseKey(client.company(), r.path(BAQ_PREFIX + "OrderNum").asInt(),
                    r.path(BAQ_PREFIX + "OrderLine").asInt(), r.path(BAQ_PREFIX + "OrderRelNum").asInt()), r);
        }
        List<JsonNode> rels = assembler.releases(byKey.keySet(), EpicorFields.ORDER_REL);
        Map<ReleaseKey, JsonNode> found = new HashMap<>();
        for (JsonNode rel : rels) {
            found.put(ReleaseMapper.keyOf(rel, client.company()), rel);
        }
        List<MappedRelease> gone = new ArrayList<>();
        for (Map.Entry<ReleaseKey, JsonNode> e : byKey.entrySet()) {
            if (!found.containsKey(e.getKey())) {
                gone.add(MappedRelease.skipped(e.getKey(), e.getValue().path(BAQ_PREFIX + "SysRevID").asLong(),
                        Reason.RELEASE_GONE, "the BAQ lists it but OrderRels has no such release"));
            }
        }
        return new EpicorPage(baqRows.size(), rels, gone, position(baqRows, BAQ_PREFIX, positionOf));
    }

    private static Map<String, String> position(List<JsonNode> rows, String prefix, PositionOf positionOf) {
        return rows.isEmpty() ? Map.of() : positionOf.of(rows.get(rows.size() - 1), prefix);
    }

    /** A page: how many rows the source returned, the OrderRel rows, releases already known gone, its position. */
    private final class EpicorPage implements Page {
        private final int rows;
        private final List<JsonNode> releases;
        private final List<MappedRelease> gone;
        private final Map<String, String> position;

        EpicorPage(int rows, List<JsonNode> releases, List<MappedRelease> gone, Map<String, String> position) {
            this.rows = rows;
            this.releases = releases;
            this.gone = gone;
            this.position = position;
        }

        @Override
        public int rows() {
            return rows;
        }

        @Override
        public boolean isLast() {
            return rows < settings.pageSize();
        }

        @Override
        public Map<String, String> position() {
            return position;
        }

        @Override
        public List<PolledRelease> mapReleases() {
            if (rows == 0) {
                return List.of();
            }
            List<PolledRelease> mapped = new ArrayList<>(assembler.assemble(releases));
            mapped.addAll(gone);
            return mapped;
        }
    }
}
