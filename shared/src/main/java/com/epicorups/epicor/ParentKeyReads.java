package com.epicorups.epicor;

import com.epicorups.epicor.error.EpicorNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads of a business object's child set (OrderDtls, OrderRels, ShipToes, ShipDtls) that are right whichever way
 * Epicor applies a {@code $filter} to it. Whether Epicor filters a child set by the child's own columns or binds the
 * filter to the parent table is not known (sandbox README, "$filter on child sets"; decision 0025), so a child set is
 * only ever filtered on its parent's key column ({@code OrderNum} on OrderDtls and OrderRels, {@code CustNum} on
 * ShipToes), which means the same on both tables: both readings return every child of the named parents. The rows
 * wanted are then picked by their own key; when an answer took several {@code $skip} pages (a row added between two
 * pages shifts the next by one), a wanted row not in it is read by its entity key before it is taken for missing. ShipDtls are
 * the exception: filtered on {@code OrderNum}, which ShipHead has as a helper column, not as the link.
 */
public final class ParentKeyReads {
    /** Rows per page of a parent-key read; the answer is paged on with {@code $skip} while pages come back full. */
    static final int PAGE = 500;

    private final EpicorClient client;
    private final int parentsPerCall;

    public ParentKeyReads(EpicorClient client, int parentsPerCall) {
        this.client = client;
        this.parentsPerCall = parentsPerCall;
    }

    /** One child set: its path, the column it is filtered on, its key columns in URL order after Company. */
    public record ChildSet(String entitySet, String parentColumn, List<String> keyColumns) {
    }

    public static final ChildSet ORDER_DTLS = new ChildSet(EpicorFields.ORDER_DTLS, "OrderNum",
            List.of("OrderNum", "OrderLine"));
    public static final ChildSet ORDER_RELS = new ChildSet(EpicorFields.ORDER_RELS, "OrderNum",
            List.of("OrderNum", "OrderLine", "OrderRelNum"));
    public static final ChildSet SHIP_TOES = new ChildSet(EpicorFields.SHIP_TOES, "CustNum",
            List.of("CustNum", "ShipToNum"));
    public static final ChildSet SHIP_DTLS = new ChildSet(EpicorFields.SHIP_DTLS, "OrderNum",
            List.of("PackNum", "PackLine"));

    /**
     * The rows of {@code set} whose key {@code keyOf} names one of {@code wanted}, read by the parents the wanted keys
     * name ({@code parentOf}), keyed by the wanted key. A wanted key missing from an answer that took more than one
     * page is read by its entity key (unless {@code confirmMissing} says not to): only paging can lose a row, and an
     * answer of one page is one consistent read. {@code select} must include the key columns.
     */
    public <K> Map<K, JsonNode> read(ChildSet set, Collection<K> wanted, Function<K, Object> parentOf,
                                     Function<JsonNode, K> keyOf, Function<K, List<Object>> entityKeyOf,
                                     Predicate<K> confirmMissing, List<String> select, String company) {
        Map<K, JsonNode> found = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        Set<K> want = new LinkedHashSet<>(wanted);
        Set<Object> parents = new LinkedHashSet<>();
        want.forEach(k -> parents.add(parentOf.apply(k)));
        Set<Object> paged = new HashSet<>();
        for (List<Object> chunk : OData.chunks(new ArrayList<>(parents), parentsPerCall)) {
            Children children = childrenOf(set, chunk, select);
            if (children.paged()) {
                paged.addAll(chunk);
            }
            for (JsonNode row : children.rows()) {
                K key = keyOf.apply(row);
                if (want.contains(key)) {
                    found.putIfAbsent(key, row);
                }
            }
        }
        for (K key : want) {
            if (!found.containsKey(key) && paged.contains(parentOf.apply(key)) && confirmMissing.test(key)) {
                JsonNode row = byKey(set, company, entityKeyOf.apply(key), select);
                if (row != null) {
                    found.put(key, row);
                }
            }
        }
        return found;
    }

    /** Every row of {@code set} under the given parents, in key order, paged until a page comes back short. */
    public List<JsonNode> children(ChildSet set, Collection<?> parents, List<String> select) {
        List<JsonNode> rows = new ArrayList<>();
        for (List<Object> chunk : OData.chunks(new ArrayList<Object>(new LinkedHashSet<>(parents)), parentsPerCall)) {
            rows.addAll(childrenOf(set, chunk, select).rows());
        }
        return rows;
    }

    /** The rows under one call's worth of parents, and whether they took more than one page. */
    private record Children(List<JsonNode> rows, boolean paged) {
    }

    private Children childrenOf(ChildSet set, List<Object> parents, List<String> select) {
        String filter = OData.or(parents.stream().map(p -> set.parentColumn() + " eq " + OData.literal(p)).toList());
        List<JsonNode> rows = new ArrayList<>();
        int pages = 0;
        for (int skip = 0; ; skip += PAGE) {
            OData.Query query = new OData.Query().select(select).filter(filter)
                    .orderBy(String.join(",", set.keyColumns())).top(PAGE);
            if (skip > 0) {
                query.skip(skip);
            }
            List<JsonNode> page = client.getRows(set.entitySet(), query);
            pages++;
            rows.addAll(page);
            if (page.size() < PAGE) {
                return new Children(rows, pages > 1);
            }
        }
    }

    /** One row by its entity key (Company first), or null when Epicor has none (404). */
    public JsonNode byKey(ChildSet set, String company, List<Object> keys, List<String> select) {
        List<Object> all = new ArrayList<>();
        all.add(company);
        all.addAll(keys);
        try {
            return client.get(OData.keyed(set.entitySet(), all.toArray()), new OData.Query().select(select));
        } catch (EpicorNotFoundException e) {
            return null;
        }
    }
}
