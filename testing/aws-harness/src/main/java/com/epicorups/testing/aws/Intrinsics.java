package com.epicorups.testing.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the CloudFormation intrinsic functions the harness needs in resource properties: {@code Ref}
 * (parameters, pseudo parameters, resources), {@code Fn::GetAtt}, {@code Fn::Sub} (both forms) and
 * {@code Fn::Join}. Anything else is left as it is, so an unneeded property never stops provisioning.
 */
final class Intrinsics {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final Map<String, Object> parameterValues;
    private final Map<String, Object> conditions;
    private final Function<String, Object> resourceRef;
    private final BiFunction<String, String, Object> resourceAttribute;

    /**
     * @param parameterValues   parameter and pseudo-parameter values ({@code AWS::Region}, ...)
     * @param resourceRef       what {@code Ref} of a logical resource ID gives (null if unknown)
     * @param resourceAttribute what {@code Fn::GetAtt} of a resource attribute gives (null if unknown)
     */
    Intrinsics(Map<String, Object> parameterValues, Function<String, Object> resourceRef,
               BiFunction<String, String, Object> resourceAttribute) {
        this(parameterValues, Map.of(), resourceRef, resourceAttribute);
    }

    /** @param conditions the template's Conditions section, for {@code Fn::If} */
    Intrinsics(Map<String, Object> parameterValues, Map<String, Object> conditions,
               Function<String, Object> resourceRef, BiFunction<String, String, Object> resourceAttribute) {
        this.parameterValues = parameterValues;
        this.conditions = conditions;
        this.resourceRef = resourceRef;
        this.resourceAttribute = resourceAttribute;
    }

    /** Parameter defaults plus the pseudo parameters, for {@link #Intrinsics}. */
    static Map<String, Object> parameterDefaults(TemplateResources template, Map<String, Object> pseudo) {
        Map<String, Object> values = new LinkedHashMap<>(pseudo);
        template.parameters().forEach((name, definition) -> {
            Object value = definition.get("Default");
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }

    @SuppressWarnings("unchecked")
    Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                switch (key) {
                    case "Ref" -> {
                        return ref(String.valueOf(resolve(only.getValue())));
                    }
                    case "Fn::GetAtt" -> {
                        return getAtt(resolve(only.getValue()));
                    }
                    case "Fn::Sub" -> {
                        return sub(only.getValue());
                    }
                    case "Fn::If" -> {
                        List<Object> args = (List<Object>) only.getValue();
                        return resolve(condition(String.valueOf(args.get(0))) ? args.get(1) : args.get(2));
                    }
                    case "Fn::Select" -> {
                        List<Object> args = (List<Object>) only.getValue();
                        List<Object> from = (List<Object>) resolve(args.get(1));
                        return from.get(Integer.parseInt(String.valueOf(resolve(args.get(0)))));
                    }
                    case "Fn::Join" -> {
                        List<Object> args = (List<Object>) only.getValue();
                        List<Object> parts = (List<Object>) resolve(args.get(1));
                        StringBuilder joined = new StringBuilder();
                        for (int i = 0; i < parts.size(); i++) {
                            joined.append(i == 0 ? "" : String.valueOf(args.get(0))).append(parts.get(i));
                        }
                        return joined.toString();
                    }
                    default -> {
                        // fall through to a plain map
                    }
                }
            }
            // A property resolving to AWS::NoValue is left out, as CloudFormation does.
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Object item = resolve(v);
                if (item != null) {
                    resolved.put(String.valueOf(k), item);
                }
            });
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>(list.size());
            list.forEach(item -> {
                Object element = resolve(item);
                if (element != null) {
                    resolved.add(element);
                }
            });
            return resolved;
        }
        return value;
    }

    String resolveString(Object value) {
        Object resolved = resolve(value);
        return resolved == null ? null : String.valueOf(resolved);
    }

    @SuppressWarnings("unchecked")
    private boolean condition(String name) {
        if (!conditions.containsKey(name)) {
            throw new IllegalStateException("template has no condition " + name);
        }
        return evaluate(conditions.get(name));
    }

    @SuppressWarnings("unchecked")
    private boolean evaluate(Object expression) {
        if (expression instanceof Boolean bool) {
            return bool;
        }
        Map.Entry<String, Object> only = ((Map<String, Object>) expression).entrySet().iterator().next();
        List<Object> args = only.getValue() instanceof List<?> list ? (List<Object>) list : List.of(only.getValue());
        return switch (only.getKey()) {
            case "Condition" -> condition(String.valueOf(only.getValue()));
            case "Fn::Equals" -> String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
            case "Fn::Not" -> !evaluate(args.get(0));
            case "Fn::And" -> args.stream().allMatch(this::evaluate);
            case "Fn::Or" -> args.stream().anyMatch(this::evaluate);
            default -> throw new IllegalStateException("unsupported condition function " + only.getKey());
        };
    }

    private Object ref(String name) {
        if (parameterValues.containsKey(name)) {
            return parameterValues.get(name);
        }
        Object resource = resourceRef.apply(name);
        if (resource == null) {
            throw new IllegalStateException("cannot resolve !Ref " + name + " (no parameter default, not provisioned)");
        }
        return resource;
    }

    @SuppressWarnings("unchecked")
    private Object getAtt(Object argument) {
        List<Object> parts;
        if (argument instanceof String text) {
            int dot = text.indexOf('.');
            parts = List.of(text.substring(0, dot), text.substring(dot + 1));
        } else {
            parts = (List<Object>) argument;
        }
        String logicalId = String.valueOf(parts.get(0));
        String attribute = String.valueOf(parts.get(1));
        Object value = resourceAttribute.apply(logicalId, attribute);
        if (value == null) {
            throw new IllegalStateException("cannot resolve !GetAtt " + logicalId + "." + attribute);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            text = String.valueOf(list.get(0));
            variables = (Map<String, Object>) resolve(list.get(1));
        } else {
            text = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            Object value;
            if (variables.containsKey(name)) {
                value = variables.get(name);
            } else if (!name.startsWith("AWS::") && name.contains(".")) {
                value = getAtt(name);
            } else {
                value = ref(name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        matcher.appendTail(out);
        // ${!Literal} is CloudFormation's escape for a literal ${Literal}.
        return out.toString().replace("${!", "${");
    }
}
