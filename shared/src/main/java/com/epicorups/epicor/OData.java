package com.epicorups.epicor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** OData v4 literals, Epicor key segments and query strings. */
public final class OData {
    private OData() {
    }

    /** A string literal: single-quoted, embedded single quotes doubled ({@code O'Brien -> 'O''Brien'}). */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A literal for a key or filter value: strings quoted, numbers as they are. */
    public static String literal(Object value) {
        if (value instanceof String s) {
            return literal(s);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException("unsupported OData literal type: " + value.getClass());
    }

    /**
     * A positional key segment as Epicor expects it: {@code OrderRels('EPIC06',5001,1,1)}.
     * The literal is percent-encoded for use in a URL path.
     */
    public static String keyed(String entitySet, Object... keys) {
        StringJoiner j = new StringJoiner(",", entitySet + "(", ")");
        for (Object k : keys) {
            j.add(pathSegment(literal(k)));
        }
        return j.toString();
    }

    /** Percent-encodes a path segment, keeping the characters OData key syntax needs readable. */
    public static String pathSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%27", "'");
    }

    /** {@code a or b ...}; a term that itself combines conditions is wrapped in parentheses. */
    public static String or(Collection<String> terms) {
        if (terms.size() == 1) {
            return terms.iterator().next();
        }
        StringJoiner j = new StringJoiner(" or ");
        for (String t : terms) {
            j.add(t.contains(" and ") || t.contains(" or ") ? "(" + t + ")" : t);
        }
        return j.toString();
    }

    /** Splits a list into chunks of at most {@code size} (to keep batched $filter URLs short). */
    public static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return out;
    }

    /** Builds a query string from $-options (insertion order kept); values are percent-encoded. */
    public static String queryString(Map<String, String> options) {
        StringJoiner j = new StringJoiner("&");
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (e.getValue() != null) {
                j.add(e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
            }
        }
        return j.toString();
    }

    /** A small ordered builder for query options. */
    public static final class Query {
        private final Map<String, String> options = new LinkedHashMap<>();

        public Query select(Collection<String> fields) { options.put("$select", String.join(",", fields)); return this; }
        public Query filter(String f) { options.put("$filter", f); return this; }
        public Query orderBy(String o) { options.put("$orderby", o); return this; }
        public Query top(int n) { options.put("$top", Integer.toString(n)); return this; }
        public Query skip(int n) { options.put("$skip", Integer.toString(n)); return this; }

        public Map<String, String> options() {
            return options;
        }

        public String encoded() {
            return queryString(options);
        }
    }
}
