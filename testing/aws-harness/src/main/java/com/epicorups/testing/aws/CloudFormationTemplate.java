package com.epicorups.testing.aws;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation/SAM template (YAML with short-form intrinsic tags) into plain maps, so tests and the
 * emulator harness use the very definitions that are deployed. Short forms become their long forms:
 * {@code !Ref X} is {@code {Ref: X}}, {@code !GetAtt A.B} is {@code {Fn::GetAtt: [A, B]}}, {@code !Sub s} is
 * {@code {Fn::Sub: s}}, and so on.
 */
public final class CloudFormationTemplate {
    /** The system property naming the repository root (set by surefire from the parent pom). */
    public static final String ROOT_PROPERTY = "connector.root";

    private static final List<String> FN_TAGS = List.of("Sub", "Join", "If", "Select", "Equals", "Not", "And", "Or",
            "FindInMap", "Split", "Base64", "Cidr", "GetAZs", "ImportValue", "Transform", "Length", "ToJsonString");

    private final Map<String, Object> root;

    private CloudFormationTemplate(Map<String, Object> root) {
        this.root = root;
    }

    /** The template of the repository: {@code ${connector.root}/template.yaml}. */
    public static CloudFormationTemplate ofProject() {
        return read(projectRoot().resolve("template.yaml"));
    }

    public static Path projectRoot() {
        String root = System.getProperty(ROOT_PROPERTY);
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property " + ROOT_PROPERTY
                    + " is not set: run through Maven (surefire sets it) or pass -D" + ROOT_PROPERTY + "=<repo root>");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    public static CloudFormationTemplate read(Path template) {
        return new CloudFormationTemplate(load(template));
    }

    /** The whole template as maps, lists and scalars, with intrinsic functions in their long form. */
    public static Map<String, Object> load(Path template) {
        try (Reader reader = Files.newBufferedReader(template, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new IntrinsicConstructor(new LoaderOptions())).load(reader);
            if (!(document instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(template + " is not a YAML mapping");
            }
            return cast(map);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + template, e);
        }
    }

    public Map<String, Object> root() {
        return root;
    }

    /** Logical id to resource (with {@code Type}, {@code Properties}, ...), in template order. */
    public Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        section("Resources").forEach((id, resource) -> resources.put(id, cast((Map<?, ?>) resource)));
        return resources;
    }

    public Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> matching = new LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                matching.put(id, resource);
            }
        });
        return matching;
    }

    public Map<String, Object> resource(String logicalId) {
        Map<String, Object> resource = resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("template has no resource " + logicalId);
        }
        return resource;
    }

    /** A resource's {@code Properties}, empty when it has none. */
    public Map<String, Object> properties(String logicalId) {
        Object properties = resource(logicalId).get("Properties");
        return properties == null ? Map.of() : cast((Map<?, ?>) properties);
    }

    /** The {@code Globals} section value at {@code Globals.<kind>}, e.g. {@code globals("Function")}. */
    public Map<String, Object> globals(String kind) {
        Object value = section("Globals").get(kind);
        return value == null ? Map.of() : cast((Map<?, ?>) value);
    }

    public Map<String, Object> parameters() {
        return section("Parameters");
    }

    public Map<String, Object> outputs() {
        return section("Outputs");
    }

    /** The logical id a {@code {Ref: X}} or {@code {Fn::GetAtt: [X, attr]}} value points at, else null. */
    public static String referencedId(Object value) {
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Object ref = map.get("Ref");
            if (ref instanceof String id) {
                return id;
            }
            Object getAtt = map.get("Fn::GetAtt");
            if (getAtt instanceof List<?> parts && !parts.isEmpty()) {
                return String.valueOf(parts.get(0));
            }
        }
        return null;
    }

    private Map<String, Object> section(String name) {
        Object value = root.get(name);
        return value == null ? Map.of() : cast((Map<?, ?>) value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) Objects.requireNonNull(map);
    }

    /** SafeConstructor plus the CloudFormation short-form tags. */
    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
            for (String fn : FN_TAGS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic("Fn::" + fn));
            }
        }

        private Object value(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Map<String, Object> intrinsic = new LinkedHashMap<>();
                intrinsic.put(key, value(node));
                return intrinsic;
            }
        }

        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object value = value(node);
                Object parts = value;
                if (value instanceof String text) {
                    int dot = text.indexOf('.');
                    parts = dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
                }
                Map<String, Object> intrinsic = new LinkedHashMap<>();
                intrinsic.put("Fn::GetAtt", parts);
                return intrinsic;
            }
        }
    }
}
