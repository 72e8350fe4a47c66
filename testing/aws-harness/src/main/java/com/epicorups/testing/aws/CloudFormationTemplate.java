package com.epicorups.testing.aws;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * A CloudFormation/SAM template read with SnakeYAML. The short-form intrinsic tags ({@code !Ref},
 * {@code !Sub}, {@code !GetAtt}, {@code !If}, ...) are turned into their JSON long form
 * ({@code {"Ref": x}}, {@code {"Fn::Sub": x}}, {@code {"Fn::GetAtt": [resource, attribute]}}), so callers
 * see one representation whichever form the template uses.
 */
public final class CloudFormationTemplate {
    private static final List<String> FUNCTIONS = List.of("Sub", "GetAtt", "Join", "If", "Select", "Split",
            "Equals", "Not", "And", "Or", "FindInMap", "Base64", "Cidr", "GetAZs", "ImportValue", "Transform",
            "Condition", "Length", "ToJsonString");

    private final Map<String, Object> document;

    private CloudFormationTemplate(Map<String, Object> document) {
        this.document = document;
    }

    /** The whole template as nested maps, lists and scalars, intrinsic functions in long form. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(Path path) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Object loaded = new Yaml(new IntrinsicConstructor()).load(reader);
            if (!(loaded instanceof Map)) {
                throw new IllegalArgumentException(path + " is not a CloudFormation template (no top-level map)");
            }
            return (Map<String, Object>) loaded;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    public static CloudFormationTemplate read(Path path) {
        return new CloudFormationTemplate(load(path));
    }

    public Map<String, Object> document() {
        return document;
    }

    /** Logical ID to resource definition (Type, Properties, ...), in template order. */
    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> resources() {
        Object resources = document.get("Resources");
        return resources == null ? Map.of() : (Map<String, Map<String, Object>>) resources;
    }

    /** Maps each short-form tag to the long form CloudFormation's JSON syntax uses. */
    private static final class IntrinsicConstructor extends SafeConstructor {
        IntrinsicConstructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new LongForm("Ref"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new LongForm(function.equals("Condition")
                        ? "Condition" : "Fn::" + function));
            }
        }

        private final class LongForm extends AbstractConstruct {
            private final String key;

            LongForm(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                    if (key.equals("Fn::GetAtt")) {
                        String text = (String) value;
                        int dot = text.indexOf('.');
                        value = dot < 0 ? List.of(text) : Arrays.asList(text.substring(0, dot), text.substring(dot + 1));
                    }
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> longForm = new LinkedHashMap<>();
                longForm.put(key, value);
                return longForm;
            }
        }
    }
}
