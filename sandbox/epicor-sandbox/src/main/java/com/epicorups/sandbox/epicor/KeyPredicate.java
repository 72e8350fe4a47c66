package com.epicorups.sandbox.epicor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An entity-set path segment with an optional key, in Epicor's positional form
 * {@code OrderRels('EPIC06',5001,1,1)} or the named form {@code OrderRels(Company='EPIC06',OrderNum=5001,...)}.
 */
record KeyPredicate(String entitySet, List<Object> positional, Map<String, Object> named) {

  private static final Pattern SEGMENT = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)(?:\\((.*)\\))?$", Pattern.DOTALL);
  private static final Pattern NAMED = Pattern.compile("^([A-Za-z][A-Za-z0-9_]*)\\s*=\\s*(.+)$", Pattern.DOTALL);

  boolean hasKey() {
    return positional != null || named != null;
  }

  static KeyPredicate parse(String segment) {
    Matcher m = SEGMENT.matcher(segment);
    if (!m.matches()) {
      throw EpicorApiException.badRequest("Invalid resource path segment '" + segment + "'");
    }
    if (m.group(2) == null) {
      return new KeyPredicate(m.group(1), null, null);
    }
    List<String> tokens = split(m.group(2), segment);
    List<Object> positional = new ArrayList<>();
    Map<String, Object> named = new LinkedHashMap<>();
    for (String token : tokens) {
      Matcher n = token.startsWith("'") ? null : NAMED.matcher(token);
      if (n != null && n.matches()) {
        named.put(n.group(1), literal(n.group(2).trim(), segment));
      } else {
        positional.add(literal(token, segment));
      }
    }
    if (!named.isEmpty() && !positional.isEmpty()) {
      throw EpicorApiException.badRequest("Key '" + segment + "' mixes named and positional values");
    }
    return named.isEmpty() ? new KeyPredicate(m.group(1), positional, null) : new KeyPredicate(m.group(1), null, named);
  }

  /** The key as a map of key field to value, checked against the set's key columns. */
  Map<String, Object> keyMap(EntitySetSchema set) {
    Map<String, Object> keys = new LinkedHashMap<>();
    if (positional != null) {
      if (positional.size() != set.keys().size()) {
        throw EpicorApiException.badRequest("The key of " + entitySet + " has " + set.keys().size() + " parts "
            + set.keys() + ", got " + positional.size());
      }
      for (int i = 0; i < positional.size(); i++) {
        keys.put(set.keys().get(i), positional.get(i));
      }
    } else {
      if (!named.keySet().equals(new java.util.HashSet<>(set.keys()))) {
        throw EpicorApiException.badRequest("The key of " + entitySet + " is " + set.keys() + ", got " + named.keySet());
      }
      for (String k : set.keys()) {
        keys.put(k, named.get(k));
      }
    }
    return keys;
  }

  private static List<String> split(String inner, String segment) {
    List<String> tokens = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < inner.length(); i++) {
      char c = inner.charAt(i);
      if (c == '\'') {
        if (quoted && i + 1 < inner.length() && inner.charAt(i + 1) == '\'') {
          current.append("''");
          i++;
          continue;
        }
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        tokens.add(current.toString().trim());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw EpicorApiException.badRequest("Unterminated string in key '" + segment + "'");
    }
    tokens.add(current.toString().trim());
    if (tokens.stream().anyMatch(String::isEmpty)) {
      throw EpicorApiException.badRequest("Empty key value in '" + segment + "'");
    }
    return tokens;
  }

  private static Object literal(String token, String segment) {
    if (token.length() >= 2 && token.startsWith("'") && token.endsWith("'")) {
      return token.substring(1, token.length() - 1).replace("''", "'");
    }
    if (token.equals("true") || token.equals("false")) {
      return Boolean.parseBoolean(token);
    }
    if (token.matches("-?\\d+")) {
      return Long.parseLong(token);
    }
    if (token.matches("-?\\d+\\.\\d+")) {
      return new BigDecimal(token);
    }
    throw EpicorApiException.badRequest("Invalid key value " + token + " in '" + segment
        + "' (string key values must be single-quoted)");
  }
}
