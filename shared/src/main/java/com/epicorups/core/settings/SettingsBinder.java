package com.epicorups.core.settings;

import com.epicorups.core.Json;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds one JSON document (a section of CONNECTOR_SETTINGS or a secret) to its settings record, strictly. The
 * record declares the document: each component is a key (plus its {@link JsonAlias} names) and its Java type is
 * the value's JSON type. The reader walks the JSON against the record and collects every problem of the
 * document, each naming its path in the document's {@link Wording}: an unknown key (with the nearest known one), a
 * wrong JSON type, a value outside an enum. A value with a problem is left out, so its component gets the record's
 * default and the record's own checks still run on the rest. It accepts what the settings have always accepted
 * (case-insensitive enum names, {@code "50"} for 50 where the wording allows it, {@code "PT5M"} or seconds for a
 * Duration). A JSON {@code null} counts as absent.
 *
 * <p>Jackson parses the text; the reader builds the records itself, through each record's
 * {@code private Record(Components)} constructor, which hands the components to the canonical one in order:
 * Jackson's record binding, and reflection on a constructor of 19 or 23 parameters, would each add a few hundred
 * milliseconds to a function's start in a fresh JVM (docs/decisions/0023-typed-strict-settings.md).
 */
public final class SettingsBinder {
    /**
     * A record's components in declaration order, as the reader bound them (null where absent or wrong). Every
     * settings record has {@code private R(Components c) { this(c.next(), c.next(), ...); }}, one {@code next()}
     * per component.
     */
    public interface Components {
        <T> T next();
    }

    private final Wording wording;
    private final List<String> problems;

    private SettingsBinder(Wording wording, List<String> problems) {
        this.wording = wording;
        this.problems = problems;
    }

    /**
     * @param node     the document (null or missing: every default)
     * @param path     the document's path in its problems ({@code ups}; empty for a secret)
     * @param problems where each problem is added, in the document's wording
     * @return the record, never null: the defaults wherever the JSON had a problem
     */
    public static <T extends Record> T bind(JsonNode node, Class<T> type, String path, Wording wording,
                                            List<String> problems) {
        SettingsBinder binder = new SettingsBinder(wording, problems);
        Object bound = node == null || node.isMissingNode() ? null : binder.value(node, type, null, path);
        return type.cast(bound != null ? bound : construct(type, new Object[type.getRecordComponents().length]));
    }

    /** The record as the JSON a user would write for it (what builders start from). */
    public static ObjectNode toJson(Record settings) {
        return Writer.MAPPER.valueToTree(settings);
    }

    /** The JSON of any value a builder sets (a warehouse, a write-back mapping). */
    public static JsonNode valueToJson(Object value) {
        return Writer.MAPPER.valueToTree(value);
    }

    /** Only builders write records back to JSON (never a function's start): the mapper is made on first use. */
    private static final class Writer {
        static final ObjectMapper MAPPER = Json.mapper().copy()
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }

    private Object value(JsonNode node, Type type, Field declared, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        Class<?> raw = raw(type);
        if (raw == JsonNode.class) {
            return node;
        } else if (raw == String.class) {
            return text(node, path);
        } else if (raw == Integer.class || raw == int.class) {
            Long value = whole(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return value == null ? null : value.intValue();
        } else if (raw == Long.class || raw == long.class) {
            return whole(node, path, Long.MIN_VALUE, Long.MAX_VALUE);
        } else if (raw == BigDecimal.class) {
            return decimal(node, path);
        } else if (raw == Boolean.class || raw == boolean.class) {
            return bool(node, path);
        } else if (raw.isEnum()) {
            return enumConstant(node, raw, path);
        } else if (raw == Duration.class) {
            return duration(node, path);
        } else if (raw == ZoneId.class) {
            return zone(node, path);
        } else if (raw == URI.class) {
            return uri(node, path);
        } else if (Map.class.isAssignableFrom(raw)) {
            return map(node, typeArgument(type, 1), declared, path);
        } else if (Collection.class.isAssignableFrom(raw)) {
            return collection(node, raw, typeArgument(type, 0), declared, path);
        } else if (raw.isRecord()) {
            return record(node, raw, declared, path);
        }
        throw new IllegalArgumentException("a settings record declares " + type + " at " + path
                + ", which the settings reader does not know");
    }

    private String text(JsonNode node, String path) {
        if (node.isValueNode()) {
            return node.asText();
        }
        // Never the value: a secret's keys go through here.
        problem(wording.problem(path, "must be a string"));
        return null;
    }

    private Long whole(JsonNode node, String path, long min, long max) {
        Long value = null;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.longValue();
        } else if (wording.digitStrings() && node.isTextual() && node.asText().trim().matches("-?\\d{1,18}")) {
            value = Long.parseLong(node.asText().trim());
        }
        if (value == null || value < min || value > max) {
            problem(wording.mustBe(path, "a whole number", node));
            return null;
        }
        return value;
    }

    private BigDecimal decimal(JsonNode node, String path) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (wording.digitStrings() && node.isTextual() && node.asText().trim().matches("-?\\d{1,12}(\\.\\d{1,6})?")) {
            return new BigDecimal(node.asText().trim());
        }
        problem(wording.mustBe(path, "a number", node));
        return null;
    }

    private Boolean bool(JsonNode node, String path) {
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.isTextual() ? node.asText().trim().toLowerCase(Locale.ROOT) : "";
        if (wording.digitStrings() && (text.equals("true") || text.equals("false"))) {
            return Boolean.parseBoolean(text);
        }
        problem(wording.mustBe(path, "true or false", node));
        return null;
    }

    private Object enumConstant(JsonNode node, Class<?> type, String path) {
        Object[] constants = type.getEnumConstants();
        if (node.isValueNode()) {
            String wanted = node.asText().trim().toUpperCase(Locale.ROOT);
            for (Object constant : constants) {
                if (((Enum<?>) constant).name().equals(wanted)) {
                    return constant;
                }
            }
        }
        List<String> names = Arrays.stream(constants).map(c -> ((Enum<?>) c).name()).toList();
        problem(wording.choices(path, names, node.isValueNode() ? node.asText() : node.toString()));
        return null;
    }

    /** Whole seconds (a number or digits) or an ISO-8601 duration such as PT5M. */
    private Duration duration(JsonNode node, String path) {
        String text = node.isValueNode() ? node.asText().trim() : "";
        try {
            if (node.isIntegralNumber() || text.matches("\\d{1,18}")) {
                return Duration.ofSeconds(Long.parseLong(text));
            }
            if (text.toUpperCase(Locale.ROOT).startsWith("P")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // reported below
        }
        problem(wording.mustBe(path, "seconds or an ISO-8601 duration (PT5M)", node));
        return null;
    }

    private ZoneId zone(JsonNode node, String path) {
        try {
            return ZoneId.of(node.asText().trim());
        } catch (DateTimeException e) {
            problem(wording.problem(path, "is not a time zone id: " + node.asText()));
            return null;
        }
    }

    private URI uri(JsonNode node, String path) {
        String text = node.asText().trim();
        try {
            return URI.create(text);
        } catch (IllegalArgumentException e) {
            problem(wording.problem(path, "is not a URL: " + text));
            return null;
        }
    }

    /** A map's keys are the user's (warehouse codes, ShipVia codes, facts); a null value is kept for a text map. */
    private Map<String, Object> map(JsonNode node, Type valueType, Field declared, String path) {
        if (!node.isObject()) {
            problem(wording.problem(path, "must be " + expected(declared, wording.objectNoun())));
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String where = path + "." + entry.getKey();
            if (entry.getValue().isNull() && raw(valueType) == String.class) {
                out.put(entry.getKey(), null);
            } else if (entry.getValue().isNull()) {
                problem(wording.problem(where, "must be " + wording.objectNoun()));
            } else {
                Object value = value(entry.getValue(), valueType, null, where);
                if (value != null) {
                    out.put(entry.getKey(), value);
                }
            }
        }
        return out;
    }

    private Collection<Object> collection(JsonNode node, Class<?> raw, Type elementType, Field declared, String path) {
        List<JsonNode> in = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(in::add);
        } else if (node.isValueNode() && acceptsSingleValue(declared)) {
            in.add(node);
        } else {
            problem(wording.problem(path, "must be " + expected(declared, "a JSON array")));
            return null;
        }
        Collection<Object> out = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Object value = value(in.get(i), elementType, null, path + "[" + i + "]");
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    private Object record(JsonNode node, Class<?> type, Field declared, String path) {
        if (node.isTextual() && textForm(type) != null) {
            try {
                return textForm(type).invoke(null, node.asText());
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof IllegalArgumentException malformed) {
                    problem(wording.problem(path, malformed.getMessage()));
                    return null;
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!node.isObject()) {
            problem(wording.problem(path, "must be " + expected(declared, wording.objectNoun())));
            return null;
        }
        Shape shape = SHAPES.get(type);
        Object[] values = new Object[shape.components().length];
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            Integer index = shape.byKey().get(key);
            if (index == null) {
                problem(wording.unknownKey(path.isEmpty() ? key : path + "." + key, key, shape.known()));
                continue;
            }
            String name = shape.components()[index].getName();
            if (!key.equals(name) && node.hasNonNull(name)) {
                continue; // the key's own name wins over its alias
            }
            values[index] = value(entry.getValue(), shape.components()[index].getGenericType(), shape.fields()[index],
                    path.isEmpty() ? name : path + "." + name);
        }
        return construct(type, values);
    }

    /** A record's keys, read once per record type (three warehouses are one reflection). */
    private record Shape(RecordComponent[] components, Field[] fields, Map<String, Integer> byKey, List<String> known) {
        static Shape of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Field[] fields = new Field[components.length];
            Map<String, Integer> byKey = new LinkedHashMap<>();
            List<String> known = new ArrayList<>();
            for (int i = 0; i < components.length; i++) {
                fields[i] = field(type, components[i]);
                if (fields[i].isAnnotationPresent(JsonIgnore.class)) {
                    continue;
                }
                known.add(components[i].getName());
                byKey.put(components[i].getName(), i);
                JsonAlias aliases = fields[i].getAnnotation(JsonAlias.class);
                for (String alias : aliases == null ? new String[0] : aliases.value()) {
                    byKey.put(alias, i);
                }
            }
            return new Shape(components, fields, byKey, List.copyOf(known));
        }
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private static Object construct(Class<?> type, Object[] values) {
        Components components = new Components() {
            private int next;

            @Override
            @SuppressWarnings("unchecked")
            public <T> T next() {
                return (T) values[next++];
            }
        };
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(Components.class);
            constructor.setAccessible(true);
            return constructor.newInstance(components);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("settings record " + type.getName() + " needs a constructor "
                    + type.getSimpleName() + "(SettingsBinder.Components) for the settings reader", e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void problem(String problem) {
        problems.add(problem);
    }

    private static String expected(Field declared, String fallback) {
        Expected expected = declared == null ? null : declared.getAnnotation(Expected.class);
        return expected == null ? fallback : expected.value();
    }

    private static boolean acceptsSingleValue(Field declared) {
        JsonFormat format = declared == null ? null : declared.getAnnotation(JsonFormat.class);
        return format != null && Arrays.asList(format.with()).contains(JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    }

    private static Method textForm(Class<?> type) {
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(TextForm.class) && Modifier.isStatic(method.getModifiers())) {
                return method;
            }
        }
        return null;
    }

    /** A record component's annotations are kept on its private field (Jackson's and ours target fields). */
    private static Field field(Class<?> type, RecordComponent component) {
        try {
            return type.getDeclaredField(component.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("a settings record declares " + type);
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalArgumentException("a settings collection or map needs its element type: " + type);
    }
}
