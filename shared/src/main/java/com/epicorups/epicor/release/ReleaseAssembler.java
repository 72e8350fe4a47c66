package com.epicorups.epicor.release;

import com.epicorups.core.Concurrently;
import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorFields;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.OData;
import com.epicorups.epicor.ParentKeyReads;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ReleaseReferences;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads what a set of OrderRel rows refers to, in batches (one {@code $filter=... or ...} call per entity set,
 * split into chunks of {@link EpicorSettings#keysPerCall()} keys so URLs stay short), and maps every release.
 * The number of calls depends on the number of distinct keys per chunk, never on one call per release; reads
 * that do not depend on each other go out at the same time. Child sets (lines, releases, ship-tos) are read by their
 * parent's key and the rows wanted picked from the answer ({@link ParentKeyReads}, decision 0025).
 */
public final class ReleaseAssembler {
    private final EpicorClient client;
    private final EpicorSettings settings;
    private final ReleaseMapper mapper;
    private final ParentKeyReads children;
    private final CustomsReads customs;

    public ReleaseAssembler(EpicorClient client, EpicorSettings settings) {
        this.client = client;
        this.settings = settings;
        this.mapper = new ReleaseMapper(client.company(), settings);
        this.children = new ParentKeyReads(client, settings.keysPerCall());
        this.customs = new CustomsReads(client, settings.exportItnColumn());
    }

    /** The header and line rows a set of releases refers to. */
    public record Headers(Map<Integer, JsonNode> orders, Map<List<Integer>, JsonNode> lines) {
    }

    /**
     * Reads the headers (SalesOrders) and lines (OrderDtls) of the keys' orders, both at once. The keys alone
     * name them, so a re-read can fetch them while it reads the releases themselves.
     */
    public Headers headers(Collection<ReleaseKey> keys) {
        Set<Integer> orderNums = new LinkedHashSet<>();
        Set<List<Integer>> lineKeys = new LinkedHashSet<>();
        for (ReleaseKey k : keys) {
            orderNums.add(k.orderNum());
            lineKeys.add(List.of(k.orderNum(), k.orderLine()));
        }
        return headers(orderNums, lineKeys);
    }

    private Headers headers(Set<Integer> orderNums, Set<List<Integer>> lineKeys) {
        if (orderNums.isEmpty()) {
            return new Headers(Map.of(), Map.of());
        }
        Concurrently.Both<Map<Integer, JsonNode>, Map<List<Integer>, JsonNode>> read =
                Concurrently.both(() -> orders(orderNums), () -> lines(lineKeys));
        return new Headers(read.first(), read.second());
    }

    /**
     * Maps every release, reading what it refers to in two steps of two calls at once: headers and lines, then
     * parts and ship-tos (and customers, only for a customer address Epicor keeps no ship-to row for).
     */
    public List<MappedRelease> assemble(List<JsonNode> rels) {
        if (rels.isEmpty()) {
            return List.of();
        }
        Set<Integer> orderNums = new LinkedHashSet<>();
        Set<List<Integer>> lineKeys = new LinkedHashSet<>();
        for (JsonNode rel : rels) {
            orderNums.add(Rows.integer(rel, "OrderNum"));
            lineKeys.add(List.of(Rows.integer(rel, "OrderNum"), Rows.integer(rel, "OrderLine")));
        }
        return assemble(rels, headers(orderNums, lineKeys));
    }

    /** Maps every release with headers read before (by {@link #headers(Collection)}; they may cover more). */
    public List<MappedRelease> assemble(List<JsonNode> rels, Headers headers) {
        return assemble(rels, headers, ReadAhead.NONE);
    }

    /**
     * Part and ShipTo rows read ahead of the releases (by {@link #readAhead}), with what was asked for: a key
     * that was asked for and not returned has no row, and is not asked for again.
     */
    public static final class ReadAhead {
        static final ReadAhead NONE = new ReadAhead(Set.of(), Map.of(), Set.of(), Map.of());

        private final Set<String> partsAsked;
        private final Map<String, JsonNode> parts;
        private final Set<ShipToSource.ShipTo> shipTosAsked;
        private final Map<ShipToSource.ShipTo, JsonNode> shipTos;

        private ReadAhead(Set<String> partsAsked, Map<String, JsonNode> parts, Set<ShipToSource.ShipTo> shipTosAsked,
                          Map<ShipToSource.ShipTo, JsonNode> shipTos) {
            this.partsAsked = partsAsked;
            this.parts = parts;
            this.shipTosAsked = shipTosAsked;
            this.shipTos = shipTos;
        }
    }

    /** Reads the parts and ship-tos the references name, both at once (no call for a kind none names). */
    public ReadAhead readAhead(Collection<ReleaseReferences> references) {
        Set<String> partNums = new LinkedHashSet<>();
        Set<ShipToSource.ShipTo> shipTos = new LinkedHashSet<>();
        for (ReleaseReferences r : references) {
            if (r == null) {
                continue;
            }
            if (r.partNum() != null && !r.partNum().isBlank()) {
                partNums.add(r.partNum().trim());
            }
            if (r.hasShipToRow()) {
                shipTos.add(new ShipToSource.ShipTo(r.shipToCustNum(), r.shipToNum().trim()));
            }
        }
        return read(partNums, shipTos);
    }

    /** Reads the parts and the ship-tos at once (no call for a kind with none). */
    private ReadAhead read(Collection<String> partNums, Collection<ShipToSource.ShipTo> shipTos) {
        if (partNums.isEmpty() && shipTos.isEmpty()) {
            return ReadAhead.NONE;
        }
        Concurrently.Both<Map<String, JsonNode>, Map<ShipToSource.ShipTo, JsonNode>> read =
                Concurrently.both(() -> parts(partNums), () -> shipTos(shipTos));
        return new ReadAhead(Set.copyOf(partNums), read.first(), Set.copyOf(shipTos), read.second());
    }

    /**
     * Maps every release with headers read before, using the part and ship-to rows read ahead; only what the
     * releases refer to now and was not read ahead is read here (parts and ship-tos at once).
     */
    public List<MappedRelease> assemble(List<JsonNode> rels, Headers headers, ReadAhead readAhead) {
        if (rels.isEmpty()) {
            return List.of();
        }
        Map<Integer, JsonNode> orders = headers.orders();
        Map<List<Integer>, JsonNode> lines = headers.lines();

        Set<String> partNums = new LinkedHashSet<>();
        Set<ShipToSource.ShipTo> shipTos = new LinkedHashSet<>();
        for (JsonNode rel : rels) {
            String part = partNum(rel, lines);
            if (part != null) {
                partNums.add(part);
            }
            ShipToSource.ShipTo row = shipToRow(rel, orders.get(Rows.integer(rel, "OrderNum")));
            if (row != null) {
                shipTos.add(row);
            }
        }
        List<String> partsToRead = partNums.stream().filter(p -> !readAhead.partsAsked.contains(p)).toList();
        List<ShipToSource.ShipTo> shipTosToRead = shipTos.stream().filter(st -> !readAhead.shipTosAsked.contains(st))
                .toList();
        ReadAhead now = read(partsToRead, shipTosToRead);
        Map<String, JsonNode> parts = new LinkedHashMap<>(readAhead.parts);
        parts.putAll(now.parts);
        Map<ShipToSource.ShipTo, JsonNode> shipToRows = new LinkedHashMap<>(readAhead.shipTos);
        shipToRows.putAll(now.shipTos);
        Set<Integer> customers = new LinkedHashSet<>();
        for (ShipToSource.ShipTo st : shipTos) {
            if (st.shipToNum().isEmpty() && !shipToRows.containsKey(st)) {
                customers.add(st.custNum());
            }
        }
        Map<Integer, JsonNode> customerRows = customers(customers);
        customs.readCountries(parts.values());

        List<MappedRelease> out = new ArrayList<>(rels.size());
        for (JsonNode rel : rels) {
            JsonNode hed = orders.get(Rows.integer(rel, "OrderNum"));
            JsonNode dtl = lines.get(List.of(Rows.integer(rel, "OrderNum"), Rows.integer(rel, "OrderLine")));
            String partNum = partNum(rel, lines);
            JsonNode part = partNum == null ? null : parts.get(partNum);
            JsonNode addressRow = null;
            ShipToSource.ShipTo row = shipToRow(rel, hed);
            if (row != null) {
                addressRow = shipToRows.get(row);
                if (addressRow == null && row.shipToNum().isEmpty()) {
                    addressRow = customerRows.get(row.custNum());
                }
            }
            ReleaseReferences refs = new ReleaseReferences(partNum, row == null ? null : row.custNum(),
                    row == null ? null : row.shipToNum());
            out.add(mapper.map(rel, hed, dtl, part, addressRow).withReferences(refs)
                    .withCustoms(customs.of(part, hed)));
        }
        return out;
    }

    /** The release's part: its own PartNum, else its line's. */
    private static String partNum(JsonNode rel, Map<List<Integer>, JsonNode> lines) {
        String part = Rows.text(rel, "PartNum");
        if (part == null) {
            JsonNode dtl = lines.get(List.of(Rows.integer(rel, "OrderNum"), Rows.integer(rel, "OrderLine")));
            part = Rows.text(dtl, "PartNum");
        }
        return part;
    }

    /**
     * The ShipTo row that holds the release's address: a named ship-to, or for the customer's own address the
     * row with a blank ShipToNum (the Customer row is the fallback when Epicor keeps no such row). Null for a
     * one-time address or when the header is missing.
     */
    private static ShipToSource.ShipTo shipToRow(JsonNode rel, JsonNode hed) {
        if (hed == null) {
            return null;
        }
        ShipToSource source = ShipToSource.of(rel, hed);
        if (source instanceof ShipToSource.ShipTo st) {
            return st;
        }
        if (source instanceof ShipToSource.Customer c) {
            return new ShipToSource.ShipTo(c.custNum(), "");
        }
        return null;
    }

    /**
     * OrderRel rows for the keys that also match {@code filter}, an OData filter over OrderRel's own columns, batched.
     * Only for the ORDER_RELS source, which relies on Epicor filtering OrderRels by OrderRel's columns.
     */
    public List<JsonNode> releasesMatching(Collection<ReleaseKey> keys, String filter, List<String> select) {
        List<String> terms = new ArrayList<>();
        for (ReleaseKey k : new LinkedHashSet<>(keys)) {
            terms.add("OrderNum eq " + k.orderNum() + " and OrderLine eq " + k.orderLine()
                    + " and OrderRelNum eq " + k.orderRelNum());
        }
        return readBatched(EpicorFields.ORDER_RELS, terms, select, "(" + filter + ") and ");
    }

    /**
     * The OrderRel rows of the keys, read by their orders (every release of each order, the keys picked from them);
     * a key missing from the answer is read by its entity key, and is left out only when Epicor has no such release.
     */
    public List<JsonNode> releases(Collection<ReleaseKey> keys, List<String> select) {
        return new ArrayList<>(children.read(ParentKeyReads.ORDER_RELS, keys, ReleaseKey::orderNum,
                r -> ReleaseMapper.keyOf(r, client.company()),
                k -> List.of(k.orderNum(), k.orderLine(), k.orderRelNum()), k -> true, select,
                client.company()).values());
    }

    Map<Integer, JsonNode> orders(Collection<Integer> orderNums) {
        List<String> terms = orderNums.stream().map(n -> "OrderNum eq " + n).toList();
        return index(readBatched(EpicorFields.SALES_ORDERS, terms, settings.orderHedColumns(), null),
                r -> Rows.integer(r, "OrderNum"));
    }

    Map<List<Integer>, JsonNode> lines(Collection<List<Integer>> keys) {
        return children.read(ParentKeyReads.ORDER_DTLS, keys, k -> k.get(0),
                r -> List.of(Rows.integer(r, "OrderNum"), Rows.integer(r, "OrderLine")), k -> List.of(k.get(0), k.get(1)),
                k -> true, EpicorFields.ORDER_DTL, client.company());
    }

    Map<String, JsonNode> parts(Collection<String> partNums) {
        List<String> terms = partNums.stream().map(p -> "PartNum eq " + OData.literal(p)).toList();
        List<String> select = settings.weightSource() == EpicorSettings.WeightSource.NET
                ? EpicorFields.PART_NET : EpicorFields.PART_GROSS;
        return index(readBatched(EpicorFields.PARTS, terms, select, null), r -> Rows.text(r, "PartNum"));
    }

    /**
     * The ShipTo rows, read by customer. A blank ship-to number (the customer's own address) missing from the answer
     * is not read by key: the Customer row stands in for it.
     */
    Map<ShipToSource.ShipTo, JsonNode> shipTos(Collection<ShipToSource.ShipTo> keys) {
        return children.read(ParentKeyReads.SHIP_TOES, keys, ShipToSource.ShipTo::custNum,
                r -> new ShipToSource.ShipTo(Rows.integer(r, "CustNum"), r.path("ShipToNum").asText("").trim()),
                k -> List.of(k.custNum(), k.shipToNum()), k -> !k.shipToNum().isEmpty(), EpicorFields.SHIP_TO,
                client.company());
    }

    Map<Integer, JsonNode> customers(Collection<Integer> custNums) {
        List<String> terms = custNums.stream().map(n -> "CustNum eq " + n).toList();
        return index(readBatched(EpicorFields.CUSTOMERS, terms, EpicorFields.CUSTOMER, null),
                r -> Rows.integer(r, "CustNum"));
    }

    private List<JsonNode> readBatched(String entitySet, List<String> terms, List<String> select, String prefix) {
        List<JsonNode> rows = new ArrayList<>();
        for (List<String> chunk : OData.chunks(terms, settings.keysPerCall())) {
            String filter = OData.or(chunk);
            if (prefix != null) {
                filter = prefix + "(" + filter + ")";
            }
            // $top: each term names at most one row; without it Epicor may cap the reply (100 rows is quoted).
            rows.addAll(client.getRows(entitySet, new OData.Query().select(select).filter(filter).top(chunk.size())));
        }
        return rows;
    }

    private static <K> Map<K, JsonNode> index(List<JsonNode> rows, Function<JsonNode, K> key) {
        Map<K, JsonNode> m = new LinkedHashMap<>();
        for (JsonNode r : rows) {
            m.putIfAbsent(key.apply(r), r);
        }
        return m;
    }
}
