package com.epicorups.sandbox.epicor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.olingo.commons.api.edm.EdmEnumType;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.commons.api.edm.EdmType;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourcePrimitiveProperty;
import org.apache.olingo.server.api.uri.queryoption.expression.BinaryOperatorKind;
import org.apache.olingo.server.api.uri.queryoption.expression.Expression;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitException;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitor;
import org.apache.olingo.server.api.uri.queryoption.expression.Literal;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import org.apache.olingo.server.api.uri.queryoption.expression.MethodKind;
import org.apache.olingo.server.api.uri.queryoption.expression.UnaryOperatorKind;

/**
 * Evaluates a parsed $filter / $orderby expression against one row. Values are normalised to
 * BigDecimal (numbers), String, Boolean, Instant (dates) or null. String comparison ignores case, as
 * Epicor's SQL Server collation does.
 */
final class RowExpressionEvaluator implements ExpressionVisitor<Object> {
  private final Map<String, Object> row;
  private final Map<String, FieldType> columns;

  RowExpressionEvaluator(Map<String, Object> row, Map<String, FieldType> columns) {
    this.row = row;
    this.columns = columns;
  }

  static boolean matches(Expression filter, Map<String, Object> row, Map<String, FieldType> columns)
      throws ExpressionVisitException {
    try {
      return Boolean.TRUE.equals(filter.accept(new RowExpressionEvaluator(row, columns)));
    } catch (org.apache.olingo.server.api.ODataApplicationException e) {
      throw new ExpressionVisitException(e.getMessage());
    }
  }

  static Object evaluate(Expression expression, Map<String, Object> row, Map<String, FieldType> columns)
      throws ExpressionVisitException {
    try {
      return expression.accept(new RowExpressionEvaluator(row, columns));
    } catch (org.apache.olingo.server.api.ODataApplicationException e) {
      throw new ExpressionVisitException(e.getMessage());
    }
  }

  @Override
  public Object visitBinaryOperator(BinaryOperatorKind operator, Object left, Object right)
      throws ExpressionVisitException {
    switch (operator) {
      case AND:
        return Boolean.TRUE.equals(left) && Boolean.TRUE.equals(right);
      case OR:
        return Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right);
      case EQ:
        return equal(left, right);
      case NE:
        return !equal(left, right);
      case GT:
        return left != null && right != null && compare(left, right) > 0;
      case GE:
        return left != null && right != null && compare(left, right) >= 0;
      case LT:
        return left != null && right != null && compare(left, right) < 0;
      case LE:
        return left != null && right != null && compare(left, right) <= 0;
      case ADD:
      case SUB:
      case MUL:
      case DIV:
      case MOD:
        return arithmetic(operator, left, right);
      default:
        throw unsupported("operator " + operator.name().toLowerCase(Locale.ROOT));
    }
  }

  @Override
  public Object visitBinaryOperator(BinaryOperatorKind operator, Object left, List<Object> right)
      throws ExpressionVisitException {
    if (operator != BinaryOperatorKind.IN) {
      throw unsupported("operator " + operator.name().toLowerCase(Locale.ROOT));
    }
    for (Object candidate : right) {
      if (equal(left, candidate)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Object visitUnaryOperator(UnaryOperatorKind operator, Object operand) throws ExpressionVisitException {
    return switch (operator) {
      case NOT -> operand == null ? null : !Boolean.TRUE.equals(operand);
      case MINUS -> operand instanceof BigDecimal n ? n.negate() : null;
      default -> throw unsupported("operator " + operator);
    };
  }

  @Override
  public Object visitMethodCall(MethodKind method, List<Object> args) throws ExpressionVisitException {
    switch (method) {
      case CONTAINS:
        return bothStrings(args) && lower(args.get(0)).contains(lower(args.get(1)));
      case STARTSWITH:
        return bothStrings(args) && lower(args.get(0)).startsWith(lower(args.get(1)));
      case ENDSWITH:
        return bothStrings(args) && lower(args.get(0)).endsWith(lower(args.get(1)));
      case TOLOWER:
        return args.get(0) == null ? null : lower(args.get(0));
      case TOUPPER:
        return args.get(0) == null ? null : ((String) args.get(0)).toUpperCase(Locale.ROOT);
      case TRIM:
        return args.get(0) == null ? null : ((String) args.get(0)).trim();
      case LENGTH:
        return args.get(0) == null ? null : BigDecimal.valueOf(((String) args.get(0)).length());
      case INDEXOF:
        return bothStrings(args) ? BigDecimal.valueOf(lower(args.get(0)).indexOf(lower(args.get(1)))) : null;
      case CONCAT:
        return args.get(0) == null || args.get(1) == null ? null : (String) args.get(0) + args.get(1);
      case DATE:
        return args.get(0) instanceof Instant i ? i.truncatedTo(java.time.temporal.ChronoUnit.DAYS) : null;
      case YEAR:
        return args.get(0) instanceof Instant i ? BigDecimal.valueOf(i.atOffset(ZoneOffset.UTC).getYear()) : null;
      case MONTH:
        return args.get(0) instanceof Instant i ? BigDecimal.valueOf(i.atOffset(ZoneOffset.UTC).getMonthValue()) : null;
      case DAY:
        return args.get(0) instanceof Instant i ? BigDecimal.valueOf(i.atOffset(ZoneOffset.UTC).getDayOfMonth()) : null;
      default:
        throw unsupported("function " + method.toString());
    }
  }

  @Override
  public Object visitLiteral(Literal literal) throws ExpressionVisitException {
    EdmType type = literal.getType();
    String text = literal.getText();
    if (type == null || "null".equals(text)) {
      return null;
    }
    String name = type.getName();
    if (EdmPrimitiveTypeKind.String.name().equals(name)) {
      return text.substring(1, text.length() - 1).replace("''", "'");
    }
    if (EdmPrimitiveTypeKind.Boolean.name().equals(name)) {
      return Boolean.parseBoolean(text);
    }
    if (EdmPrimitiveTypeKind.DateTimeOffset.name().equals(name)) {
      return OffsetDateTime.parse(text).toInstant();
    }
    if (EdmPrimitiveTypeKind.Date.name().equals(name)) {
      return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    if (EdmPrimitiveTypeKind.Guid.name().equals(name)) {
      return text;
    }
    switch (name) {
      case "Byte", "SByte", "Int16", "Int32", "Int64", "Decimal", "Double", "Single":
        return new BigDecimal(withoutNumberSuffix(text));
      default:
        throw unsupported("literal of type " + name);
    }
  }

  @Override
  public Object visitMember(Member member) throws ExpressionVisitException {
    List<UriResource> parts = member.getResourcePath().getUriResourceParts();
    if (parts.size() != 1 || !(parts.get(0) instanceof UriResourcePrimitiveProperty property)) {
      throw unsupported("member expression " + member.getResourcePath());
    }
    String name = property.getProperty().getName();
    return comparable(columns.get(name), row.get(name));
  }

  static Object comparable(FieldType type, Object value) {
    if (value == null) {
      return null;
    }
    if (type == FieldType.DATE) {
      return toInstant((String) value);
    }
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Number n) {
      // valueOf(long) is the value new BigDecimal(n.toString()) gives, without formatting and parsing it per row
      return n instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal(n.toString());
    }
    return value;
  }

  /** Drops OData's optional m/d suffix of a decimal or double literal (literals are evaluated per row: no regex). */
  private static String withoutNumberSuffix(String text) {
    char last = text.charAt(text.length() - 1);
    return last == 'm' || last == 'M' || last == 'd' || last == 'D' ? text.substring(0, text.length() - 1) : text;
  }

  static Instant toInstant(String epicorDate) {
    if (epicorDate.length() == 10) {
      return LocalDate.parse(epicorDate).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    try {
      return OffsetDateTime.parse(epicorDate).toInstant();
    } catch (java.time.format.DateTimeParseException noOffset) {
      return LocalDateTime.parse(epicorDate).toInstant(ZoneOffset.UTC);
    }
  }

  @Override
  public Object visitLambdaExpression(String functionName, String variable, Expression expression)
      throws ExpressionVisitException {
    throw unsupported("lambda " + functionName);
  }

  @Override
  public Object visitAlias(String alias) throws ExpressionVisitException {
    throw unsupported("parameter alias " + alias);
  }

  @Override
  public Object visitTypeLiteral(EdmType type) throws ExpressionVisitException {
    throw unsupported("type literal " + type.getName());
  }

  @Override
  public Object visitLambdaReference(String variable) throws ExpressionVisitException {
    throw unsupported("lambda variable " + variable);
  }

  @Override
  public Object visitEnum(EdmEnumType type, List<String> values) throws ExpressionVisitException {
    throw unsupported("enum " + type.getName());
  }

  /** Orders values the way SQL Server does: nulls first, strings ignoring case. */
  static int compareForSort(Object left, Object right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : -1) : 1;
    }
    return compare(left, right);
  }

  private static boolean equal(Object left, Object right) {
    if (left == null || right == null) {
      return left == right;
    }
    if (left instanceof String l && right instanceof String r) {
      return l.equalsIgnoreCase(r);
    }
    if (left instanceof BigDecimal l && right instanceof BigDecimal r) {
      return l.compareTo(r) == 0;
    }
    return Objects.equals(left, right);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object left, Object right) {
    if (left instanceof String l && right instanceof String r) {
      return l.compareToIgnoreCase(r);
    }
    if (left.getClass() != right.getClass() || !(left instanceof Comparable)) {
      throw new IllegalStateException("cannot compare " + left + " with " + right);
    }
    return ((Comparable) left).compareTo(right);
  }

  private static Object arithmetic(BinaryOperatorKind operator, Object left, Object right) {
    if (!(left instanceof BigDecimal l) || !(right instanceof BigDecimal r)) {
      return null;
    }
    return switch (operator) {
      case ADD -> l.add(r);
      case SUB -> l.subtract(r);
      case MUL -> l.multiply(r);
      case DIV -> r.signum() == 0 ? null : l.divide(r, MathContext.DECIMAL64);
      case MOD -> r.signum() == 0 ? null : l.remainder(r);
      default -> null;
    };
  }

  private static boolean bothStrings(List<Object> args) {
    return args.get(0) instanceof String && args.get(1) instanceof String;
  }

  private static String lower(Object value) {
    return ((String) value).toLowerCase(Locale.ROOT);
  }

  private static ExpressionVisitException unsupported(String what) {
    return new ExpressionVisitException("Unsupported in this query: " + what);
  }
}
