package com.epicorups.epicor.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Null-tolerant reads of Epicor row values. */
public final class Rows {
    private Rows() {
    }

    public static String text(JsonNode row, String field) {
        JsonNode v = row == null ? null : row.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    public static boolean bool(JsonNode row, String field) {
        JsonNode v = row == null ? null : row.get(field);
        return v != null && v.asBoolean(false);
    }

    public static BigDecimal decimal(JsonNode row, String field) {
        JsonNode v = row == null ? null : row.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        try {
            return new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static BigDecimal decimalOrZero(JsonNode row, String field) {
        BigDecimal d = decimal(row, field);
        return d == null ? BigDecimal.ZERO : d;
    }

    /**
     * The date of an Epicor date column ({@code 2026-12-04T00:00:00}, or {@code 2026-12-04}): Epicor keeps a date
     * as midnight of that day with no zone, so the day is its first ten characters. Null when empty or not a date.
     */
    public static LocalDate date(JsonNode row, String field) {
        String s = text(row, field);
        if (s == null || s.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(s.substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static int integer(JsonNode row, String field) {
        JsonNode v = row == null ? null : row.get(field);
        return v == null || v.isNull() ? 0 : v.asInt(0);
    }

    public static long longValue(JsonNode row, String field) {
        JsonNode v = row == null ? null : row.get(field);
        return v == null || v.isNull() ? 0L : v.asLong(0L);
    }
}
