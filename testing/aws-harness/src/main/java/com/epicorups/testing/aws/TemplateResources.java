package com.epicorups.testing.aws;

import java.util.List;
import java.util.Map;

/**
 * The parts of a loaded template the harness reads. It needs nothing of {@link CloudFormationTemplate} but
 * {@code load(Path)}: the template as nested maps with intrinsic functions in JSON long form.
 */
final class TemplateResources {
    private final Map<String, Object> document;

    TemplateResources(Map<String, Object> document) {
        this.document = document;
    }

    Map<String, Map<String, Object>> resources() {
        return section("Resources");
    }

    Map<String, Map<String, Object>> parameters() {
        return section("Parameters");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> conditions() {
        Object section = document.get("Conditions");
        return section == null ? Map.of() : (Map<String, Object>) section;
    }

    /** Logical IDs of the resources of one type (for example {@code AWS::SQS::Queue}), in template order. */
    List<String> logicalIdsOfType(String type) {
        return resources().entrySet().stream()
                .filter(e -> type.equals(e.getValue().get("Type")))
                .map(Map.Entry::getKey)
                .toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = resources().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("template has no resource " + logicalId);
        }
        Object properties = resource.get("Properties");
        return properties == null ? Map.of() : (Map<String, Object>) properties;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> section(String name) {
        Object section = document.get(name);
        return section == null ? Map.of() : (Map<String, Map<String, Object>>) section;
    }
}
