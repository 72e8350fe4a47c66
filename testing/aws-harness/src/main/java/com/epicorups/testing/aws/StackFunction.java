package com.epicorups.testing.aws;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::Serverless::Function} of template.yaml as a stack configures it: the template's
 * {@code Globals.Function} under the function's own properties (a property the function sets wins; the
 * environment variables of both are merged, the function's winning), with every intrinsic function resolved
 * against one stack's {@link StackValues}. This is what Lambda would run, so the local runs and the
 * {@code sam local invoke} variables file use exactly the template's settings.
 *
 * @param environment the variables template.yaml sets ({@code Globals} and the function's), resolved;
 *                    none of the variables Lambda itself adds
 */
public record StackFunction(String logicalId, String handler, String codeUri, String runtime, int timeoutSeconds,
                            int memorySize, Map<String, String> environment) {
    private static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    /** Lambda's defaults when neither the function nor Globals set them. */
    private static final int DEFAULT_TIMEOUT = 3;
    private static final int DEFAULT_MEMORY = 128;

    public StackFunction {
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** The logical IDs of the template's functions, in template order. */
    public static List<String> logicalIds(Path template) {
        return new TemplateResources(CloudFormationTemplate.load(template)).logicalIdsOfType(FUNCTION_TYPE);
    }

    /** The function {@code logicalId} of {@code template}, resolved against {@code stack}. */
    public static StackFunction resolve(Path template, String logicalId, StackValues stack) {
        Map<String, Object> document = CloudFormationTemplate.load(template);
        TemplateResources resources = new TemplateResources(document);
        Map<String, Object> resource = resources.resources().get(logicalId);
        if (resource == null || !FUNCTION_TYPE.equals(resource.get("Type"))) {
            throw new IllegalArgumentException(template + " has no " + FUNCTION_TYPE + " " + logicalId
                    + " (it has " + resources.logicalIdsOfType(FUNCTION_TYPE) + ")");
        }
        Map<String, Object> parameters = Intrinsics.parameterDefaults(resources, stack.pseudoParameters());
        stack.parameters().forEach((name, value) -> {
            if (!resources.parameters().containsKey(name)) {
                throw new IllegalArgumentException("template.yaml has no parameter " + name);
            }
            parameters.put(name, value);
        });
        Intrinsics intrinsics = new Intrinsics(parameters, resources.conditions(),
                stack.references()::get, stack::attribute);

        Map<String, Object> globals = globalsOfFunctions(document);
        Map<String, Object> own = resources.properties(logicalId);
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> properties : List.of(globals, own)) {
            Object variables = intrinsics.resolve(variables(properties));
            if (variables instanceof Map<?, ?> map) {
                map.forEach((name, value) -> environment.put(String.valueOf(name), String.valueOf(value)));
            }
        }
        return new StackFunction(logicalId,
                string(intrinsics, globals, own, "Handler", null),
                string(intrinsics, globals, own, "CodeUri", null),
                string(intrinsics, globals, own, "Runtime", null),
                Integer.parseInt(string(intrinsics, globals, own, "Timeout", String.valueOf(DEFAULT_TIMEOUT))),
                Integer.parseInt(string(intrinsics, globals, own, "MemorySize", String.valueOf(DEFAULT_MEMORY))),
                environment);
    }

    /**
     * One property of any resource of {@code template} as text, resolved against {@code stack} (for example the
     * DeploySettings secret's SecretString for the stack's parameters).
     */
    public static String resolvedProperty(Path template, String logicalId, String property, StackValues stack) {
        TemplateResources resources = new TemplateResources(CloudFormationTemplate.load(template));
        if (!resources.resources().containsKey(logicalId)) {
            throw new IllegalArgumentException(template + " has no resource " + logicalId);
        }
        Map<String, Object> parameters = Intrinsics.parameterDefaults(resources, stack.pseudoParameters());
        parameters.putAll(stack.parameters());
        Intrinsics intrinsics = new Intrinsics(parameters, resources.conditions(),
                stack.references()::get, stack::attribute);
        return intrinsics.resolveString(resources.properties(logicalId).get(property));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> globalsOfFunctions(Map<String, Object> document) {
        Object globals = document.get("Globals");
        Object function = globals instanceof Map<?, ?> map ? map.get("Function") : null;
        return function instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Object variables(Map<String, Object> properties) {
        Object environment = properties.get("Environment");
        return environment instanceof Map<?, ?> map ? map.get("Variables") : null;
    }

    private static String string(Intrinsics intrinsics, Map<String, Object> globals, Map<String, Object> own,
                                 String property, String fallback) {
        Object declared = own.containsKey(property) ? own.get(property) : globals.get(property);
        String value = declared == null ? null : intrinsics.resolveString(declared);
        return value == null ? fallback : value;
    }
}
