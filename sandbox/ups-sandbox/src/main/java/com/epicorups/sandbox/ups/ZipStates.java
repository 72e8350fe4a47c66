package com.epicorups.sandbox.ups;

import java.util.Map;
import java.util.TreeMap;

/**
 * The state of a US or PR ZIP code from its first three digits, as USPS assigns the prefixes. Street-level Address
 * Validation checks an address against USPS data, so UPS answers a candidate with the state of its ZIP even when the
 * request named none; the sandbox does the same from this table. It is coarse (a prefix, not every ZIP) and the
 * sandbox's own: a few prefixes straddle states, and military (AA/AE/AP) and unassigned prefixes name no state.
 */
final class ZipStates {
    /** The first prefix of each range, and the state of the range up to the next entry; "": no state. */
    private static final TreeMap<Integer, String> FROM = new TreeMap<>(Map.ofEntries(
            Map.entry(5, "NY"), Map.entry(6, "PR"), Map.entry(8, "VI"), Map.entry(9, "PR"), Map.entry(10, "MA"),
            Map.entry(28, "RI"), Map.entry(30, "NH"), Map.entry(39, "ME"), Map.entry(50, "VT"), Map.entry(55, "MA"),
            Map.entry(56, "VT"), Map.entry(60, "CT"), Map.entry(70, "NJ"), Map.entry(90, ""), Map.entry(100, "NY"),
            Map.entry(150, "PA"), Map.entry(197, "DE"), Map.entry(200, "DC"), Map.entry(201, "VA"), Map.entry(202, "DC"),
            Map.entry(206, "MD"), Map.entry(220, "VA"), Map.entry(247, "WV"), Map.entry(270, "NC"), Map.entry(290, "SC"),
            Map.entry(300, "GA"), Map.entry(320, "FL"), Map.entry(340, ""), Map.entry(341, "FL"), Map.entry(350, "AL"),
            Map.entry(370, "TN"), Map.entry(386, "MS"), Map.entry(398, "GA"), Map.entry(400, "KY"), Map.entry(430, "OH"),
            Map.entry(460, "IN"), Map.entry(480, "MI"), Map.entry(500, "IA"), Map.entry(530, "WI"), Map.entry(550, "MN"),
            Map.entry(569, "DC"), Map.entry(570, "SD"), Map.entry(580, "ND"), Map.entry(590, "MT"), Map.entry(600, "IL"),
            Map.entry(630, "MO"), Map.entry(660, "KS"), Map.entry(680, "NE"), Map.entry(700, "LA"), Map.entry(716, "AR"),
            Map.entry(730, "OK"), Map.entry(733, "TX"), Map.entry(734, "OK"), Map.entry(750, "TX"), Map.entry(800, "CO"),
            Map.entry(820, "WY"), Map.entry(832, "ID"), Map.entry(840, "UT"), Map.entry(850, "AZ"), Map.entry(870, "NM"),
            Map.entry(885, "TX"), Map.entry(889, "NV"), Map.entry(900, "CA"), Map.entry(962, ""), Map.entry(967, "HI"),
            Map.entry(969, "GU"), Map.entry(970, "OR"), Map.entry(980, "WA"), Map.entry(995, "AK")));

    private ZipStates() {
    }

    /** The state of a 5-digit ZIP code, or "" when the table names none. */
    static String of(String zip5) {
        if (zip5 == null || !zip5.matches("\\d{5}")) {
            return "";
        }
        Map.Entry<Integer, String> range = FROM.floorEntry(Integer.parseInt(zip5.substring(0, 3)));
        return range == null ? "" : range.getValue();
    }
}
