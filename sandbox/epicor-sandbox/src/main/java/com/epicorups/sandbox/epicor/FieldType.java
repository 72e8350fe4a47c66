package com.epicorups.sandbox.epicor;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;

/** The type of one Epicor column: its JSON type on the wire and its EDM type for query parsing. */
public enum FieldType {
  STRING("string", EdmPrimitiveTypeKind.String),
  INT32("number", EdmPrimitiveTypeKind.Int32),
  INT64("number", EdmPrimitiveTypeKind.Int64),
  DECIMAL("number", EdmPrimitiveTypeKind.Decimal),
  BOOLEAN("boolean", EdmPrimitiveTypeKind.Boolean),
  /** Epicor calendar dates: ISO strings at midnight, null when unset. */
  DATE("string", EdmPrimitiveTypeKind.DateTimeOffset);

  // The swagger only says "number"/"string"; these name patterns recover Epicor's SQL types.
  private static final Pattern INTEGER_NAME =
      Pattern.compile(".*(Num|Line|Seq|Time|Year|Month|Days|Digits|Count|BitFlag|Conf|ID)$");
  private static final Set<String> DATE_NAMES = Set.of("ChangeDateTime", "ChangedOn", "CreatedOn");
  private static final Set<String> NOT_DATES = Set.of("LotAppendDate");

  private final String jsonType;
  private final EdmPrimitiveTypeKind edmKind;

  FieldType(String jsonType, EdmPrimitiveTypeKind edmKind) {
    this.jsonType = jsonType;
    this.edmKind = edmKind;
  }

  public String jsonType() {
    return jsonType;
  }

  public EdmPrimitiveTypeKind edmKind() {
    return edmKind;
  }

  /** The value Epicor returns for a column nobody set. */
  public Object defaultValue() {
    return switch (this) {
      case STRING -> "";
      case INT32, INT64 -> 0L;
      case DECIMAL -> BigDecimal.ZERO;
      case BOOLEAN -> Boolean.FALSE;
      case DATE -> null;
    };
  }

  /** Maps a swagger JSON type plus the column name to the column's type. */
  public static FieldType fromSwagger(String fieldName, String jsonType) {
    switch (jsonType) {
      case "boolean":
        return BOOLEAN;
      case "number":
        if (fieldName.equals("SysRevID")) {
          return INT64;
        }
        return INTEGER_NAME.matcher(fieldName).matches() ? INT32 : DECIMAL;
      case "string":
        if (!NOT_DATES.contains(fieldName)
            && (fieldName.endsWith("Date") || fieldName.matches("UserDate\\d") || DATE_NAMES.contains(fieldName))) {
          return DATE;
        }
        return STRING;
      default:
        throw new IllegalArgumentException("unknown JSON type '" + jsonType + "' for field " + fieldName);
    }
  }

  /** Parses a type name used in a dataset's UDFields declaration. */
  public static FieldType fromDeclaration(String declared) {
    return switch (declared.toLowerCase(Locale.ROOT)) {
      case "string" -> STRING;
      case "int", "integer", "int32" -> INT32;
      case "long", "int64" -> INT64;
      case "number", "decimal" -> DECIMAL;
      case "boolean", "bool" -> BOOLEAN;
      case "date", "datetime" -> DATE;
      default -> throw new IllegalArgumentException(
          "unknown UD field type '" + declared + "' (use string, int, long, decimal, boolean or date)");
    };
  }
}
