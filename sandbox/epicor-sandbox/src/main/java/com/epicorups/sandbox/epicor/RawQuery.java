package com.epicorups.sandbox.epicor;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Picks options out of a raw (still percent-encoded) query string, e.g. to parse $filter against another table. */
final class RawQuery {
  private RawQuery() {}

  static boolean has(String rawQuery, String option) {
    return !only(rawQuery, option).isEmpty();
  }

  /** The parts naming {@code option} (e.g. "$filter", also when sent as %24filter), or "". */
  static String only(String rawQuery, String option) {
    return join(rawQuery, option, true);
  }

  /** Every part except those naming {@code option}; null when nothing is left. */
  static String without(String rawQuery, String option) {
    String rest = join(rawQuery, option, false);
    return rest.isEmpty() ? null : rest;
  }

  private static String join(String rawQuery, String option, boolean keep) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      int eq = part.indexOf('=');
      String name = URLDecoder.decode((eq < 0 ? part : part.substring(0, eq)).replace("+", "%2B"), StandardCharsets.UTF_8);
      if (!part.isEmpty() && name.equals(option) == keep) {
        kept.add(part);
      }
    }
    return String.join("&", kept);
  }
}
