package com.epicorups.epicor.release;

import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorFields;
import com.epicorups.epicor.OData;
import com.epicorups.model.PartCustoms;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What customs needs about a release's goods (issue 16): the part's tariff code, export classification and origin,
 * the origin's country number turned into its ISO code through Epicor's Country rows, and the order's ITN. Country
 * rows are read once per number for the life of the instance: they name countries, they do not move.
 */
final class CustomsReads {
    private final EpicorClient client;
    private final String itnColumn;
    /** CountryNum to ISOCode; "" for a number Epicor has no row (or no ISO code) for. */
    private final Map<Integer, String> isoByCountryNum = new ConcurrentHashMap<>();

    CustomsReads(EpicorClient client, String itnColumn) {
        this.client = client;
        this.itnColumn = itnColumn;
    }

    /** Reads the Country rows the parts' origin numbers name that were not read before (one call for all). */
    void readCountries(Collection<JsonNode> parts) {
        Set<Integer> wanted = new TreeSet<>();
        for (JsonNode part : parts) {
            int num = part == null ? 0 : part.path("ISOrigCountryNum").asInt(0);
            if (num > 0 && !isoByCountryNum.containsKey(num)) {
                wanted.add(num);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        String filter = OData.or(wanted.stream().map(n -> "CountryNum eq " + n).toList());
        for (JsonNode row : client.getRows(EpicorFields.COUNTRIES,
                new OData.Query().select(EpicorFields.COUNTRY).filter(filter).top(wanted.size()))) {
            String iso = Rows.text(row, "ISOCode");
            isoByCountryNum.put(Rows.integer(row, "CountryNum"), iso == null ? "" : iso.toUpperCase(Locale.ROOT));
        }
        wanted.forEach(n -> isoByCountryNum.putIfAbsent(n, ""));
    }

    /** The release's customs data, null when it has no part row (the mapping already refuses it: NO_PART). */
    PartCustoms of(JsonNode part, JsonNode hed) {
        if (part == null) {
            return null;
        }
        String hts = Rows.text(part, "HTS");
        if (hts == null) {
            hts = Rows.text(part, "CommodityCode");
        }
        int countryNum = part.path("ISOrigCountryNum").asInt(0);
        String origin = countryNum > 0 ? isoByCountryNum.get(countryNum) : null;
        return new PartCustoms(hts == null ? null : hts.replaceAll("[^A-Za-z0-9]", ""),
                origin == null || origin.isEmpty() ? null : origin, countryNum, Rows.text(part, "ECCNNumber"),
                itnColumn == null ? null : Rows.text(hed, itnColumn));
    }
}
