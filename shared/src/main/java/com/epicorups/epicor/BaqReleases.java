package com.epicorups.epicor;

import com.epicorups.model.ReleaseKey;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The release BAQ ({@code epicor.baqId}, a BAQ over OrderRel whose own criteria say which releases are ready to ship):
 * its rows name releases by the columns {@code OrderRel_OrderNum}, {@code OrderRel_OrderLine} and
 * {@code OrderRel_OrderRelNum}. A BAQ's columns are its own, so filtering on them is plain OData whatever Epicor does
 * with a filter on a child set (decision 0025).
 */
public final class BaqReleases {
    /** BAQ columns are named {@code {Table}_{Field}}. */
    public static final String PREFIX = "OrderRel_";
    /** The columns every release BAQ must have, besides the change marker's ({@link #markerColumns}). */
    public static final List<String> KEY_COLUMNS = List.of(PREFIX + "OrderNum", PREFIX + "OrderLine",
            PREFIX + "OrderRelNum");

    private final EpicorClient client;
    private final EpicorSettings settings;

    public BaqReleases(EpicorClient client, EpicorSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** {@code BaqSvc/{baqId}/Data}. */
    public static String dataPath(String baqId) {
        return "BaqSvc/" + baqId + "/Data";
    }

    /** The change marker's columns in the BAQ: SysRevID, or ChangeDate and ChangeTime. */
    public static List<String> markerColumns(EpicorSettings.CheckpointMode mode) {
        return mode == EpicorSettings.CheckpointMode.CHANGEDATE
                ? List.of(PREFIX + "ChangeDate", PREFIX + "ChangeTime") : List.of(PREFIX + "SysRevID");
    }

    /** Every column the poll and the re-read ask the BAQ for. */
    public static List<String> requiredColumns(EpicorSettings.CheckpointMode mode) {
        List<String> columns = new ArrayList<>(KEY_COLUMNS);
        columns.addAll(markerColumns(mode));
        return List.copyOf(columns);
    }

    public static ReleaseKey keyOf(JsonNode baqRow, String company) {
        return new ReleaseKey(company, baqRow.path(PREFIX + "OrderNum").asInt(), baqRow.path(PREFIX + "OrderLine").asInt(),
                baqRow.path(PREFIX + "OrderRelNum").asInt());
    }

    /** Which of the keys the BAQ still returns: one batched read per {@code keysPerCall} keys. */
    public Set<ReleaseKey> listed(Collection<ReleaseKey> keys) {
        List<String> terms = new ArrayList<>();
        for (ReleaseKey k : new LinkedHashSet<>(keys)) {
            terms.add(PREFIX + "OrderNum eq " + k.orderNum() + " and " + PREFIX + "OrderLine eq " + k.orderLine()
                    + " and " + PREFIX + "OrderRelNum eq " + k.orderRelNum());
        }
        Set<ReleaseKey> listed = new LinkedHashSet<>();
        for (List<String> chunk : OData.chunks(terms, settings.keysPerCall())) {
            for (JsonNode row : client.getRows(dataPath(settings.baqId()), new OData.Query().select(KEY_COLUMNS)
                    .filter(OData.or(chunk)).top(chunk.size()))) {
                listed.add(keyOf(row, client.company()));
            }
        }
        return listed;
    }
}
