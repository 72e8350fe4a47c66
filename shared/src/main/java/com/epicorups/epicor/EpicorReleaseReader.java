package com.epicorups.epicor;

import com.epicorups.core.Reason;
import com.epicorups.epicor.error.EpicorNotFoundException;
import com.epicorups.epicor.release.MappedRelease;
import com.epicorups.core.Concurrently;
import com.epicorups.epicor.release.ReleaseAssembler;
import com.epicorups.epicor.release.ReleaseMapper;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ReleaseReferences;
import com.epicorups.port.EpicorReleases;
import com.epicorups.port.ReleaseRecheck;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pre-ship re-read: the release, its header, line, part and ship-to read fresh, judged by the same
 * {@link ReleaseMapper} as the poller. Not shippable when it is gone (404 / not returned), void or closed
 * (release, line or order), is no longer eligible (the BAQ no longer returns it; ORDER_RELS source: it no longer
 * matches the eligibility filter), or fails a mapping rule (weight, address, ...). {@link #recheckAll} reads many
 * releases in the same number of calls as one page: BAQ source, the releases' orders' OrderRels and the BAQ's rows
 * for the keys, at once; ORDER_RELS source, one OrderRels read with the eligibility filter and an or-filter of the
 * keys (then the orders' releases only for keys it left out); all while the headers and lines are read, and, when the
 * poll's references are
 * given, while the parts and ship-tos they name are read: the batch waits for one call, not five in a row. A part or
 * ship-to the fresh rows name and the references did not is read after (then the batch waits for two).
 */
public final class EpicorReleaseReader implements EpicorReleases {
    private static final List<String> KEY_SELECT = List.of("OrderNum", "OrderLine", "OrderRelNum");

    private final EpicorClient client;
    private final EpicorSettings settings;
    private final ReleaseAssembler assembler;
    private final BaqReleases baq;

    public EpicorReleaseReader(EpicorClient client, EpicorSettings settings) {
        this.client = client;
        this.settings = settings;
        this.assembler = new ReleaseAssembler(client, settings);
        this.baq = new BaqReleases(client, settings);
    }

    @Override
    public ReleaseRecheck recheck(ReleaseKey key) {
        JsonNode row;
        try {
            row = client.get(OData.keyed(EpicorFields.ORDER_RELS, key.company(), key.orderNum(), key.orderLine(),
                    key.orderRelNum()), new OData.Query().select(EpicorFields.ORDER_REL));
        } catch (EpicorNotFoundException e) {
            return ReleaseRecheck.notShippable(Reason.RELEASE_GONE, "Epicor has no release " + key.reference());
        }
        return judge(List.of(key), List.of(row), eligible(List.of(ReleaseMapper.keyOf(row, client.company()))), null,
                null).get(key);
    }

    @Override
    public Map<ReleaseKey, ReleaseRecheck> recheckAll(Collection<ReleaseKey> keys) {
        return recheckAll(keys, List.of());
    }

    @Override
    public Map<ReleaseKey, ReleaseRecheck> recheckAll(Collection<ReleaseKey> keys,
                                                      Collection<ReleaseReferences> references) {
        List<ReleaseKey> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        if (distinct.isEmpty()) {
            return Map.of();
        }
        // The keys name the headers and lines, and the references the parts and ship-tos, so all of them are
        // read while the releases are: one step of calls at once when nothing changed since the poll.
        Concurrently.Both<Concurrently.Both<ReleaseAssembler.Headers, ReleaseRows>, ReleaseAssembler.ReadAhead> read =
                Concurrently.both(() -> Concurrently.both(() -> assembler.headers(distinct), () -> releaseRows(distinct)),
                        () -> assembler.readAhead(references));
        return judge(distinct, read.first().second().rows(), read.first().second().eligible(), read.first().first(),
                read.second());
    }

    /** The releases' rows and which of them still match the eligibility filter. */
    private record ReleaseRows(List<JsonNode> rows, Set<ReleaseKey> eligible) {
    }

    private ReleaseRows releaseRows(List<ReleaseKey> distinct) {
        if (settings.source() == EpicorSettings.Source.BAQ) {
            // The releases by their orders and the BAQ's answer for the keys, at once.
            Concurrently.Both<List<JsonNode>, Set<ReleaseKey>> read = Concurrently.both(
                    () -> assembler.releases(distinct, EpicorFields.ORDER_REL), () -> baq.listed(distinct));
            return new ReleaseRows(read.first(), read.second());
        }
        // The usual answer in one call: the releases that still match the eligibility filter. Only the keys it
        // leaves out are read again without the filter, to tell gone, void, closed and not eligible apart.
        List<JsonNode> rows = new ArrayList<>(assembler.releasesMatching(distinct, settings.eligibilityFilter(),
                EpicorFields.ORDER_REL));
        Set<ReleaseKey> eligible = new HashSet<>();
        rows.forEach(r -> eligible.add(ReleaseMapper.keyOf(r, client.company())));
        List<ReleaseKey> others = distinct.stream().filter(k -> !eligible.contains(k)).toList();
        if (!others.isEmpty()) {
            rows.addAll(assembler.releases(others, EpicorFields.ORDER_REL));
        }
        return new ReleaseRows(rows, eligible);
    }

    private Map<ReleaseKey, ReleaseRecheck> judge(List<ReleaseKey> keys, List<JsonNode> rows, Set<ReleaseKey> eligible,
                                                  ReleaseAssembler.Headers headers,
                                                  ReleaseAssembler.ReadAhead readAhead) {
        Map<ReleaseKey, JsonNode> found = new LinkedHashMap<>();
        for (JsonNode r : rows) {
            found.put(ReleaseMapper.keyOf(r, client.company()), r);
        }
        List<JsonNode> toMap = new ArrayList<>();
        Map<ReleaseKey, ReleaseRecheck> result = new LinkedHashMap<>();
        for (ReleaseKey k : keys) {
            JsonNode r = found.get(k);
            if (r == null) {
                result.put(k, ReleaseRecheck.notShippable(Reason.RELEASE_GONE, "Epicor has no release " + k.reference()));
            } else if (r.path("VoidRelease").asBoolean(false)) {
                result.put(k, ReleaseRecheck.notShippable(Reason.RELEASE_VOID, "OrderRel.VoidRelease is true"));
            } else if (!r.path("OpenRelease").asBoolean(false)) {
                result.put(k, ReleaseRecheck.notShippable(Reason.RELEASE_CLOSED, "OrderRel.OpenRelease is false"));
            } else if (!eligible.contains(k)) {
                result.put(k, ReleaseRecheck.notShippable(Reason.NOT_ELIGIBLE,
                        settings.source() == EpicorSettings.Source.BAQ
                                ? "no longer returned by BAQ " + settings.baqId()
                                : "no longer matches the eligibility filter: " + settings.eligibilityFilter()));
            } else {
                result.put(k, null);
                toMap.add(r);
            }
        }
        List<MappedRelease> mapped = headers == null ? assembler.assemble(toMap)
                : assembler.assemble(toMap, headers, readAhead);
        for (MappedRelease m : mapped) {
            result.put(m.key(), m.isShippable() ? ReleaseRecheck.shippable(m.release())
                    : ReleaseRecheck.notShippable(m.skipReason(), m.detail()));
        }
        return result;
    }

    /** The keys that are still eligible: still returned by the BAQ, or still matching the eligibility filter. */
    private Set<ReleaseKey> eligible(Collection<ReleaseKey> keys) {
        if (keys.isEmpty()) {
            return new HashSet<>();
        }
        if (settings.source() == EpicorSettings.Source.BAQ) {
            return new HashSet<>(baq.listed(keys));
        }
        Set<ReleaseKey> out = new HashSet<>();
        for (JsonNode r : assembler.releasesMatching(keys, settings.eligibilityFilter(), KEY_SELECT)) {
            out.add(ReleaseMapper.keyOf(r, client.company()));
        }
        return out;
    }
}
