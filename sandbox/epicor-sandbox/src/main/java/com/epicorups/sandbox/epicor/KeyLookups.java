package com.epicorups.sandbox.epicor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourcePrimitiveProperty;
import org.apache.olingo.server.api.uri.queryoption.expression.Binary;
import org.apache.olingo.server.api.uri.queryoption.expression.BinaryOperatorKind;
import org.apache.olingo.server.api.uri.queryoption.expression.Expression;
import org.apache.olingo.server.api.uri.queryoption.expression.Literal;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import org.apache.olingo.server.api.uri.queryoption.expression.Method;
import org.apache.olingo.server.api.uri.queryoption.expression.Unary;

/**
 * Filter pushdown: the key-column equalities and SysRevID ranges a parsed $filter implies, as index lookups whose
 * union holds every row the filter can match ({@code K eq literal}, {@code K in (literals)} and
 * {@code SysRevID gt|ge|lt|le|eq literal} restrict, {@code and} keeps the narrower side, {@code or} unites,
 * anything else restricts nothing). The lookups only narrow the rows the full filter is then evaluated on; they
 * never decide a match.
 *
 * <p>A filter that could fail on some row (a type error, an unsupported function, literal or operator) gets no
 * lookups: today's scan evaluates it on every row of the company and answers 400, and a narrowed read that
 * skipped the failing rows would answer 200 instead.
 */
final class KeyLookups {

  /** Rows found through an index. */
  sealed interface Lookup permits Equal, Range {
    String column();
  }

  /** Rows whose key column {@code column} has the index value {@code value} (see OrderedRows.indexValue). */
  record Equal(String column, Object value) implements Lookup {}

  /** Rows whose {@code column} (SysRevID) lies between the bounds; a null bound is open. */
  record Range(String column, BigDecimal low, boolean lowInclusive, BigDecimal high, boolean highInclusive)
      implements Lookup {}

  /** The kinds of value RowExpressionEvaluator produces; NULL is the null literal. */
  private enum Kind { STRING, NUMBER, BOOLEAN, INSTANT, NULL }

  /** Thrown inside the analysis when evaluating the expression could fail on some row. */
  private static final class MayFail extends Exception {
    MayFail() {
      super(null, null, false, false);
    }
  }

  private final Map<String, FieldType> columns;
  private final List<String> indexed;
  private final String ranged;

  private KeyLookups(Map<String, FieldType> columns, List<String> indexed, String ranged) {
    this.columns = columns;
    this.indexed = indexed;
    this.ranged = ranged;
  }

  /**
   * The lookups for {@code filter} over a set with these columns, whose key columns {@code indexed} (in key
   * order) have equality indexes and whose column {@code ranged} (or none: null) has an ordered one; empty when
   * every row is a candidate.
   */
  static Optional<List<Lookup>> plan(Expression filter, Map<String, FieldType> columns, List<String> indexed,
      String ranged) {
    if (filter == null || (indexed.isEmpty() && ranged == null)) {
      return Optional.empty();
    }
    KeyLookups planner = new KeyLookups(columns, indexed, ranged);
    try {
      planner.kind(filter);
    } catch (MayFail e) {
      return Optional.empty();
    }
    return Optional.ofNullable(planner.restrict(filter));
  }

  // ---------------------------------------------------------------- restriction

  /** Lookups whose union holds every row for which {@code e} is true, or null for "any row". */
  private List<Lookup> restrict(Expression e) {
    if (!(e instanceof Binary binary)) {
      return null;
    }
    switch (binary.getOperator()) {
      case AND: {
        List<Lookup> left = restrict(binary.getLeftOperand());
        List<Lookup> right = restrict(binary.getRightOperand());
        if (left == null || right == null) {
          return left == null ? right : left;
        }
        return narrower(left, right);
      }
      case OR: {
        List<Lookup> left = restrict(binary.getLeftOperand());
        List<Lookup> right = restrict(binary.getRightOperand());
        if (left == null || right == null) {
          return null;
        }
        LinkedHashSet<Lookup> union = new LinkedHashSet<>(left);
        union.addAll(right);
        return List.copyOf(union);
      }
      case EQ: {
        Expression left = binary.getLeftOperand();
        Expression right = binary.getRightOperand();
        if (right instanceof Literal literal && propertyName(left) != null) {
          return equalTo(propertyName(left), literal);
        }
        if (left instanceof Literal literal && propertyName(right) != null) {
          return equalTo(propertyName(right), literal);
        }
        return null;
      }
      case IN: {
        String column = propertyName(binary.getLeftOperand());
        if (column == null || binary.getExpressions() == null) {
          return null;
        }
        LinkedHashSet<Lookup> lookups = new LinkedHashSet<>();
        for (Expression candidate : binary.getExpressions()) {
          List<Lookup> one = candidate instanceof Literal literal ? equalTo(column, literal) : null;
          if (one == null) {
            return null;
          }
          lookups.addAll(one);
        }
        return List.copyOf(lookups);
      }
      case GT, GE, LT, LE: {
        Expression left = binary.getLeftOperand();
        Expression right = binary.getRightOperand();
        if (right instanceof Literal literal && ranged != null && ranged.equals(propertyName(left))) {
          return range(binary.getOperator(), literal);
        }
        if (left instanceof Literal literal && ranged != null && ranged.equals(propertyName(right))) {
          return range(mirrored(binary.getOperator()), literal);
        }
        return null;
      }
      default:
        return null;
    }
  }

  /** {@code column eq literal}: an equality lookup on a key column, a one-value range on SysRevID, else null. */
  private List<Lookup> equalTo(String column, Literal literal) {
    if (indexed.contains(column)) {
      return List.of(new Equal(column, OrderedRows.foldForEquality(literalValue(literal))));
    }
    if (column.equals(ranged) && literalValue(literal) instanceof BigDecimal value) {
      return List.of(new Range(column, value, true, value, true));
    }
    return null;
  }

  /** {@code SysRevID <operator> literal}; a null literal compares to nothing, but restricting it gains nothing. */
  private List<Lookup> range(BinaryOperatorKind operator, Literal literal) {
    if (!(literalValue(literal) instanceof BigDecimal value)) {
      return null;
    }
    return List.of(switch (operator) {
      case GT -> new Range(ranged, value, false, null, false);
      case GE -> new Range(ranged, value, true, null, false);
      case LT -> new Range(ranged, null, false, value, false);
      case LE -> new Range(ranged, null, false, value, true);
      default -> throw new IllegalArgumentException(operator.name());
    });
  }

  /** {@code literal op column} as {@code column op' literal}. */
  private static BinaryOperatorKind mirrored(BinaryOperatorKind operator) {
    return switch (operator) {
      case GT -> BinaryOperatorKind.LT;
      case GE -> BinaryOperatorKind.LE;
      case LT -> BinaryOperatorKind.GT;
      case LE -> BinaryOperatorKind.GE;
      default -> throw new IllegalArgumentException(operator.name());
    };
  }

  /**
   * Either side of an {@code and} holds all its matches; keep the one on the earlier key column (key equalities
   * find few rows, SysRevID ranges possibly many), then the shorter.
   */
  private List<Lookup> narrower(List<Lookup> left, List<Lookup> right) {
    int leftRank = rank(left);
    int rightRank = rank(right);
    if (leftRank != rightRank) {
      return leftRank < rightRank ? left : right;
    }
    return right.size() < left.size() ? right : left;
  }

  private int rank(List<Lookup> lookups) {
    int last = 0;
    for (Lookup lookup : lookups) {
      last = Math.max(last, lookup instanceof Equal ? indexed.indexOf(lookup.column()) : Integer.MAX_VALUE);
    }
    return last;
  }

  private static String propertyName(Expression e) {
    if (e instanceof Member member && member.getResourcePath() != null) {
      List<UriResource> parts = member.getResourcePath().getUriResourceParts();
      if (parts.size() == 1 && parts.get(0) instanceof UriResourcePrimitiveProperty property) {
        return property.getProperty().getName();
      }
    }
    return null;
  }

  private Object literalValue(Literal literal) {
    try {
      return RowExpressionEvaluator.evaluate(literal, Map.of(), columns);
    } catch (Exception e) {
      throw new IllegalStateException("a literal that evaluated during the safety check failed later", e);
    }
  }

  // ---------------------------------------------------------------- can evaluation fail?

  /**
   * The kind of value {@code e} evaluates to on any row, mirroring RowExpressionEvaluator; throws MayFail when
   * evaluating it could throw on some row (or throws on every row: those stay on the scan, which reports them).
   */
  private Kind kind(Expression e) throws MayFail {
    if (e instanceof Literal literal) {
      Object value;
      try {
        value = RowExpressionEvaluator.evaluate(literal, Map.of(), columns);
      } catch (Exception unsupported) {
        throw new MayFail();
      }
      return kindOf(value);
    }
    if (e instanceof Member) {
      String name = propertyName(e);
      FieldType type = name == null ? null : columns.get(name);
      if (type == null) {
        throw new MayFail();
      }
      return switch (type) {
        case STRING -> Kind.STRING;
        case INT32, INT64, DECIMAL -> Kind.NUMBER;
        case BOOLEAN -> Kind.BOOLEAN;
        case DATE -> Kind.INSTANT;
      };
    }
    if (e instanceof Unary unary) {
      kind(unary.getOperand());
      return switch (unary.getOperator()) {
        case NOT -> Kind.BOOLEAN;
        case MINUS -> Kind.NUMBER;
        default -> throw new MayFail();
      };
    }
    if (e instanceof Binary binary) {
      return binaryKind(binary);
    }
    if (e instanceof Method method) {
      return methodKind(method);
    }
    throw new MayFail();
  }

  private Kind binaryKind(Binary binary) throws MayFail {
    if (binary.getOperator() == BinaryOperatorKind.IN) {
      if (binary.getExpressions() == null) {
        throw new MayFail();
      }
      kind(binary.getLeftOperand());
      for (Expression candidate : binary.getExpressions()) {
        kind(candidate);
      }
      return Kind.BOOLEAN;
    }
    if (binary.getRightOperand() == null) {
      throw new MayFail();
    }
    Kind left = kind(binary.getLeftOperand());
    Kind right = kind(binary.getRightOperand());
    switch (binary.getOperator()) {
      case AND, OR, EQ, NE:
        return Kind.BOOLEAN;
      case GT, GE, LT, LE:
        // compare() throws unless both sides are of one class (strings, numbers, booleans or instants); a null
        // side is never compared.
        if (left != right && left != Kind.NULL && right != Kind.NULL) {
          throw new MayFail();
        }
        return Kind.BOOLEAN;
      case ADD, SUB, MUL, DIV, MOD:
        return Kind.NUMBER;
      default:
        throw new MayFail();
    }
  }

  private Kind methodKind(Method method) throws MayFail {
    List<Kind> args = new ArrayList<>();
    for (Expression parameter : method.getParameters()) {
      args.add(kind(parameter));
    }
    switch (method.getMethod()) {
      case CONTAINS, STARTSWITH, ENDSWITH:
        return Kind.BOOLEAN;
      case INDEXOF:
        return Kind.NUMBER;
      case TOLOWER, TOUPPER, TRIM, CONCAT:
        requireStringFirst(args);
        return Kind.STRING;
      case LENGTH:
        requireStringFirst(args);
        return Kind.NUMBER;
      case DATE:
        return Kind.INSTANT;
      case YEAR, MONTH, DAY:
        return Kind.NUMBER;
      default:
        throw new MayFail();
    }
  }

  /** These functions cast their first argument to String once it is not null. */
  private static void requireStringFirst(List<Kind> args) throws MayFail {
    if (args.isEmpty() || (args.get(0) != Kind.STRING && args.get(0) != Kind.NULL)) {
      throw new MayFail();
    }
  }

  private static Kind kindOf(Object value) throws MayFail {
    if (value == null) {
      return Kind.NULL;
    }
    if (value instanceof String) {
      return Kind.STRING;
    }
    if (value instanceof BigDecimal) {
      return Kind.NUMBER;
    }
    if (value instanceof Boolean) {
      return Kind.BOOLEAN;
    }
    if (value instanceof Instant) {
      return Kind.INSTANT;
    }
    throw new MayFail();
  }
}
