package com.epicorups.sandbox.epicor;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderedRowsTest {
  private static final EntitySetSchema RELS = EpicorSchema.standard().entitySet("OrderRels").orElseThrow();
  private static final EntitySetSchema PARTS = EpicorSchema.standard().entitySet("Parts").orElseThrow();

  private static Map<String, Object> rel(String company, long orderNum, long line, long rel) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("Company", company);
    row.put("OrderNum", orderNum);
    row.put("OrderLine", line);
    row.put("OrderRelNum", rel);
    row.put("SysRevID", orderNum * 10 + rel);
    return row;
  }

  private static KeyLookups.Range revisions(Long low, boolean lowInclusive, Long high, boolean highInclusive) {
    return new KeyLookups.Range("SysRevID", low == null ? null : BigDecimal.valueOf(low), lowInclusive,
        high == null ? null : BigDecimal.valueOf(high), highInclusive);
  }

  private static void put(OrderedRows rows, EntitySetSchema set, Map<String, Object> row) {
    List<Object> key = new ArrayList<>();
    set.keys().forEach(k -> key.add(row.get(k)));
    assertThat(rows.putIfAbsent(key, row)).isNull();
  }

  private static List<String> keys(Iterable<Map<String, Object>> rows) {
    List<String> keys = new ArrayList<>();
    rows.forEach(r -> keys.add(r.get("Company") + "/" + r.get("OrderNum") + "/" + r.get("OrderLine") + "/"
        + r.get("OrderRelNum")));
    return keys;
  }

  private static KeyLookups.Lookup orderNum(Object value) {
    return new KeyLookups.Equal("OrderNum", OrderedRows.foldForEquality(value));
  }

  @Test
  void rowsComeOutInKeyOrderWhateverTheInsertOrder() {
    OrderedRows rows = new OrderedRows(RELS);
    put(rows, RELS, rel("EPIC06", 20, 1, 1));
    put(rows, RELS, rel("EPIC06", 3, 2, 1));
    put(rows, RELS, rel("EPIC06", 3, 1, 2));
    put(rows, RELS, rel("A", 99, 1, 1));
    put(rows, RELS, rel("EPIC06", 3, 1, 1));
    assertThat(keys(rows.all())).containsExactly("A/99/1/1", "EPIC06/3/1/1", "EPIC06/3/1/2", "EPIC06/3/2/1",
        "EPIC06/20/1/1");
    assertThat(rows.putIfAbsent(List.of("EPIC06", 3L, 1L, 1L), rel("EPIC06", 3, 1, 1))).isNotNull();
  }

  @Test
  void lookupsUniteTheirRowsInKeyOrderAndFollowRemovals() {
    OrderedRows rows = new OrderedRows(RELS);
    put(rows, RELS, rel("EPIC06", 20, 1, 1));
    put(rows, RELS, rel("EPIC06", 3, 2, 1));
    put(rows, RELS, rel("EPIC06", 3, 1, 1));
    put(rows, RELS, rel("EPIC06", 7, 1, 1));
    assertThat(keys(rows.lookup(List.of(orderNum(new BigDecimal("20")), orderNum(new BigDecimal("3.00"))), 1000)))
        .containsExactly("EPIC06/3/1/1", "EPIC06/3/2/1", "EPIC06/20/1/1");
    assertThat(keys(rows.lookup(List.of(new KeyLookups.Equal("OrderLine", OrderedRows.foldForEquality(BigDecimal.ONE)),
        orderNum(new BigDecimal("3"))), 1000)))
        .containsExactly("EPIC06/3/1/1", "EPIC06/3/2/1", "EPIC06/7/1/1", "EPIC06/20/1/1");
    assertThat(rows.lookup(List.of(orderNum(new BigDecimal("4"))), 1000)).isEmpty();
    assertThat(rows.lookup(List.of(orderNum(new BigDecimal("3")), orderNum(new BigDecimal("7"))), 2))
        .as("more than scanAbove").isNull();
    assertThat(keys(rows.lookup(List.of(orderNum(new BigDecimal("3"))), 1))).as("one equality: no merge, no limit")
        .containsExactly("EPIC06/3/1/1", "EPIC06/3/2/1");
    assertThat(rows.lookup(List.of(orderNum("3")), 1000)).isEmpty();

    assertThat(rows.remove(List.of("EPIC06", 3L, 1L, 1L))).isNotNull();
    assertThat(keys(rows.lookup(List.of(orderNum(new BigDecimal("3"))), 1000))).containsExactly("EPIC06/3/2/1");
    assertThat(rows.remove(List.of("EPIC06", 3L, 2L, 1L))).isNotNull();
    assertThat(rows.lookup(List.of(orderNum(new BigDecimal("3"))), 1000)).isEmpty();
    assertThat(rows.remove(List.of("EPIC06", 3L, 2L, 1L))).isNull();
    assertThat(keys(rows.all())).containsExactly("EPIC06/7/1/1", "EPIC06/20/1/1");
  }

  @Test
  void revisionRangesFindTheirRowsInKeyOrderAndFollowChanges() {
    OrderedRows rows = new OrderedRows(RELS);
    put(rows, RELS, rel("EPIC06", 20, 1, 1)); // SysRevID 201
    put(rows, RELS, rel("EPIC06", 3, 1, 2)); // 32
    put(rows, RELS, rel("EPIC06", 3, 1, 1)); // 31
    put(rows, RELS, rel("EPIC06", 7, 1, 1)); // 71
    assertThat(keys(rows.lookup(List.of(revisions(32L, true, null, false)), 1000)))
        .containsExactly("EPIC06/3/1/2", "EPIC06/7/1/1", "EPIC06/20/1/1");
    assertThat(keys(rows.lookup(List.of(revisions(32L, false, null, false), revisions(31L, true, 31L, true)), 1000)))
        .containsExactly("EPIC06/3/1/1", "EPIC06/7/1/1", "EPIC06/20/1/1");
    assertThat(keys(rows.lookup(List.of(revisions(null, false, 71L, false)), 1000)))
        .containsExactly("EPIC06/3/1/1", "EPIC06/3/1/2");
    assertThat(rows.lookup(List.of(revisions(72L, false, 71L, true)), 1000)).isEmpty();
    assertThat(rows.lookup(List.of(revisions(71L, false, 71L, true)), 1000)).isEmpty();
    assertThat(rows.lookup(List.of(revisions(0L, false, null, false)), 3)).as("more than scanAbove").isNull();

    rows.change(List.of("EPIC06", 3L, 1L, 1L), row -> row.put("SysRevID", 500L));
    assertThat(keys(rows.lookup(List.of(revisions(201L, false, null, false)), 1000))).containsExactly("EPIC06/3/1/1");
    assertThat(keys(rows.lookup(List.of(revisions(31L, true, 31L, true)), 1000))).isEmpty();
    rows.remove(List.of("EPIC06", 3L, 1L, 1L));
    assertThat(rows.lookup(List.of(revisions(201L, false, null, false)), 1000)).isEmpty();
    assertThat(rows.size()).isEqualTo(3);
  }

  @Test
  void stringKeysAreFoundIgnoringCaseButStayDistinctRows() {
    OrderedRows rows = new OrderedRows(PARTS);
    for (String partNum : List.of("brkt-100", "BRKT-100", "Brkt-100", "PUMP")) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("Company", "EPIC06");
      row.put("PartNum", partNum);
      row.put("SysRevID", 1L);
      put(rows, PARTS, row);
    }
    List<Object> found = new ArrayList<>();
    rows.lookup(List.of(new KeyLookups.Equal("PartNum", OrderedRows.foldForEquality("bRkT-100"))), 1000)
        .forEach(r -> found.add(r.get("PartNum")));
    assertThat(found).containsExactly("BRKT-100", "Brkt-100", "brkt-100");
  }

  /** The index folds strings so that equal folds are exactly what equalsIgnoreCase (the filter's eq) calls equal. */
  @Test
  void caseFoldingAgreesWithEqualsIgnoreCaseOnEveryChar() {
    Map<String, List<Character>> byFold = new HashMap<>();
    Map<Character, List<Character>> byUpper = new HashMap<>();
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (Character.isSurrogate((char) c)) {
        continue;
      }
      byFold.computeIfAbsent(OrderedRows.foldCase(String.valueOf((char) c)), f -> new ArrayList<>()).add((char) c);
      byUpper.computeIfAbsent(Character.toUpperCase((char) c), u -> new ArrayList<>()).add((char) c);
    }
    for (List<Character> group : byFold.values()) {
      for (char a : group) {
        for (char b : group) {
          assertThat(String.valueOf(a).equalsIgnoreCase(String.valueOf(b))).as("%04x %04x", (int) a, (int) b).isTrue();
        }
      }
    }
    for (List<Character> group : byUpper.values()) {
      String fold = OrderedRows.foldCase(String.valueOf(group.get(0)));
      for (char c : group) {
        assertThat(OrderedRows.foldCase(String.valueOf(c))).as("%04x", (int) c).isEqualTo(fold);
      }
    }
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      String s = String.valueOf((char) c);
      for (String other : List.of(s.toLowerCase(java.util.Locale.ROOT), s.toUpperCase(java.util.Locale.ROOT))) {
        if (s.equalsIgnoreCase(other)) {
          assertThat(OrderedRows.foldCase(other)).as("%04x", c).isEqualTo(OrderedRows.foldCase(s));
        }
      }
    }
    String deseretCapital = new String(Character.toChars(0x10400));
    String deseretSmall = new String(Character.toChars(0x10428));
    assertThat(OrderedRows.foldCase(deseretCapital).equals(OrderedRows.foldCase(deseretSmall)))
        .isEqualTo(deseretCapital.equalsIgnoreCase(deseretSmall));
  }

  @Test
  void numbersFoldByValue() {
    assertThat(OrderedRows.foldForEquality(new BigDecimal("100440.00")))
        .isEqualTo(OrderedRows.indexValue(FieldType.INT32, 100440L));
    assertThat(OrderedRows.foldForEquality(new BigDecimal("0.000"))).isEqualTo(OrderedRows.indexValue(FieldType.INT32, 0L));
    assertThat(OrderedRows.foldForEquality(new BigDecimal("100440.5")))
        .isNotEqualTo(OrderedRows.indexValue(FieldType.INT32, 100440L));
  }
}
