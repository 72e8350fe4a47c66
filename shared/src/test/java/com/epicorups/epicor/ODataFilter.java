package com.epicorups.epicor;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A small OData v4 $filter evaluator for the scripted Epicor server in tests: and/or/not, parentheses,
 * eq/ne/gt/ge/lt/le, numbers, 'strings' (with '' escapes), true/false/null and DateTimeOffset literals.
 * Anything else is a parse error (so a malformed query from the client fails the test).
 */
final class ODataFilter {
    private final List<String> tokens;
    private int pos;

    private ODataFilter(String text) {
        this.tokens = tokenize(text);
    }

    static Predicate<JsonNode> parse(String text) {
        if (text == null || text.isBlank()) {
            return r -> true;
        }
        ODataFilter p = new ODataFilter(text);
        Predicate<JsonNode> e = p.or();
        if (p.pos != p.tokens.size()) {
            throw new IllegalArgumentException("unexpected token '" + p.tokens.get(p.pos) + "' in " + text);
        }
        return e;
    }

    private Predicate<JsonNode> or() {
        Predicate<JsonNode> left = and();
        while (peek("or")) {
            pos++;
            Predicate<JsonNode> l = left, r = and();
            left = row -> l.test(row) || r.test(row);
        }
        return left;
    }

    private Predicate<JsonNode> and() {
        Predicate<JsonNode> left = unary();
        while (peek("and")) {
            pos++;
            Predicate<JsonNode> l = left, r = unary();
            left = row -> l.test(row) && r.test(row);
        }
        return left;
    }

    private Predicate<JsonNode> unary() {
        if (peek("not")) {
            pos++;
            Predicate<JsonNode> inner = unary();
            return row -> !inner.test(row);
        }
        if (peek("(")) {
            pos++;
            Predicate<JsonNode> inner = or();
            expect(")");
            return inner;
        }
        String field = next();
        if (!field.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("expected a field name, got " + field);
        }
        String op = next();
        Object literal = literal(next());
        return row -> compare(row.get(field), op, literal);
    }

    private static Object literal(String t) {
        if (t.startsWith("'")) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        if (t.equals("null")) {
            return null;
        }
        if (t.matches("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z")) {
            return t.substring(0, t.length() - 1);
        }
        if (t.matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(t);
        }
        throw new IllegalArgumentException("not a literal: " + t);
    }

    private static boolean compare(JsonNode value, String op, Object literal) {
        int c;
        if (literal == null || value == null || value.isNull()) {
            boolean bothNull = literal == null && (value == null || value.isNull());
            return switch (op) {
                case "eq" -> bothNull;
                case "ne" -> !bothNull;
                default -> false;
            };
        }
        if (literal instanceof BigDecimal n) {
            c = value.decimalValue().compareTo(n);
        } else if (literal instanceof Boolean b) {
            c = value.asBoolean() == b ? 0 : 1;
        } else {
            c = value.asText().compareTo((String) literal);
        }
        return switch (op) {
            case "eq" -> c == 0;
            case "ne" -> c != 0;
            case "gt" -> c > 0;
            case "ge" -> c >= 0;
            case "lt" -> c < 0;
            case "le" -> c <= 0;
            default -> throw new IllegalArgumentException("unknown operator " + op);
        };
    }

    private boolean peek(String t) {
        return pos < tokens.size() && tokens.get(pos).equals(t);
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("filter ends early");
        }
        return tokens.get(pos++);
    }

    private void expect(String t) {
        if (!next().equals(t)) {
            throw new IllegalArgumentException("expected " + t);
        }
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
            } else if (ch == '(' || ch == ')') {
                out.add(String.valueOf(ch));
                i++;
            } else if (ch == '\'') {
                int j = i + 1;
                while (true) {
                    if (j >= s.length()) {
                        throw new IllegalArgumentException("unterminated string in " + s);
                    }
                    if (s.charAt(j) == '\'') {
                        if (j + 1 < s.length() && s.charAt(j + 1) == '\'') {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.add(s.substring(i, j + 1));
                i = j + 1;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '(' && s.charAt(j) != ')') {
                    j++;
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
