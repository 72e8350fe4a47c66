package com.epicorups.sandbox.ups.spec;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a parsed UPS spec so that a standard validator reads it the way UPS means it.
 *
 * <p>UPS writes string lengths on arrays of strings ({@code AddressLine: type: array, maxLength: 35}) and
 * occurrence limits as {@code maximum}. Read literally, JSON Schema ignores both on an array, so a
 * 60-character address line would pass. Here, on every array schema, {@code maxLength}/{@code minLength}
 * move to {@code items} and {@code maximum}/{@code minimum} become {@code maxItems}/{@code minItems}.
 *
 * <p>Also: servers become the sandbox's relative base path, and the {@code {deprecatedVersion}} twins of
 * current paths are dropped (same template, so path matching would be ambiguous; the sandbox only
 * implements current versions).
 *
 * <p>Errata where the schema contradicts UPS's own documented behaviour (applied so that the sandbox
 * answers the way UPS does, not with a schema error):
 * <ul>
 *   <li>{@code LabelRecoveryRequest} marks the Roadie-only {@code TrackingNumbers} and the alternative
 *       {@code ReferenceValues} as both required; UPS accepts either a tracking number or reference values.</li>
 *   <li>Track Alert {@code trackingNumberList}: {@code maxItems: 100} and the item pattern are answered by
 *       UPS with business errors (VSS220 for more than 100; malformed numbers listed in
 *       {@code invalidTrackingNumbers}), so the sandbox checks them itself.</li>
 *   <li>Quantum View {@code RequestAction} has {@code minLength/maxLength: 11}, but its only valid value,
 *       per the same schema, is {@code QVEvents} (8 characters).</li>
 *   <li>Label Recovery {@code LabelImageFormat.Code} has {@code minLength/maxLength: 4}, but its valid values
 *       GIF, PDF, ZPL, EPL, SPL have 3 characters (same for the response's {@code LabelImageFormat.Code}).</li>
 *   <li>Response side (only used by the sandbox's self-check of its answers): Ship
 *       {@code BillingWeight.Weight} is declared as exactly 8 characters while UPS answers values such as
 *       {@code "5.0"}; Quantum View {@code ActivityLocation.AddressArtifactFormat.CountryCode} is declared as
 *       3 characters while its listed valid values are 2-letter codes.</li>
 *   <li>Rating: {@code RateRequest_Request} requires the undeclared {@code RequestOption} (UPS's example sends
 *       it); the request's {@code Service.Code} is declared as 3 characters while its valid values have 2.</li>
 * </ul>
 */
public final class UpsSpecNormalizer {

    private final Set<Schema<?>> visited = Collections.newSetFromMap(new IdentityHashMap<>());

    private UpsSpecNormalizer() {
    }

    public static OpenAPI normalize(OpenAPI api, String basePath) {
        new UpsSpecNormalizer().apply(api, basePath);
        return api;
    }

    private void apply(OpenAPI api, String basePath) {
        api.setServers(List.of(new Server().url(basePath.isEmpty() ? "/" : basePath)));
        if (api.getPaths() != null) {
            api.getPaths().keySet().removeIf(path -> path.contains("{deprecatedVersion}"));
            for (PathItem item : api.getPaths().values()) {
                item.setServers(null);
                item.setParameters(inline(item.getParameters(), api.getComponents()));
                visitParameters(item.getParameters());
                for (Operation operation : item.readOperations()) {
                    operation.setServers(null);
                    operation.setParameters(inline(operation.getParameters(), api.getComponents()));
                    visitParameters(operation.getParameters());
                    visitRequestBody(operation.getRequestBody());
                    if (operation.getResponses() != null) {
                        operation.getResponses().values().forEach(this::visitResponse);
                    }
                }
            }
        }
        Components components = api.getComponents();
        if (components != null && components.getSchemas() != null) {
            Schema<?> labelRecovery = components.getSchemas().get("LabelRecoveryRequest");
            if (labelRecovery != null && labelRecovery.getRequired() != null) {
                labelRecovery.setRequired(labelRecovery.getRequired().stream()
                        .filter(name -> !name.equals("TrackingNumbers") && !name.equals("ReferenceValues"))
                        .toList());
            }
        }
        if (components != null && components.getSchemas() != null) {
            relaxLength(components.getSchemas().get("QuantumViewRequest_Request"), "RequestAction", 8, 11);
            relaxLength(components.getSchemas().get("LabelRecovery_LabelSpecification_LabelImageFormat"), "Code", 3, 4);
            relaxLength(components.getSchemas().get("LabelImage_LabelImageFormat"), "Code", 3, 4);
            relaxLength(components.getSchemas().get("ShipmentResults_BillingWeight"), "Weight", 1, 8);
            relaxLength(components.getSchemas().get("ActivityLocation_AddressArtifactFormat"), "CountryCode", 2, 3);
            rateErrata(components.getSchemas());
        }
        if (components != null) {
            visitSchemas(components.getSchemas());
            if (components.getParameters() != null) {
                visitParameters(List.copyOf(components.getParameters().values()));
            }
            if (components.getRequestBodies() != null) {
                components.getRequestBodies().values().forEach(this::visitRequestBody);
            }
            if (components.getResponses() != null) {
                components.getResponses().values().forEach(this::visitResponse);
            }
        }
    }

    /**
     * Replaces {@code $ref} parameters by the component they point to: swagger-parser leaves them unresolved
     * in the OpenAPI 3.1 Track Alert specs, and the validator then silently skips them (e.g. the required
     * {@code transId} header).
     */
    private static List<Parameter> inline(List<Parameter> parameters, Components components) {
        if (parameters == null || components == null || components.getParameters() == null) {
            return parameters;
        }
        return parameters.stream().map(p -> {
            String ref = p.get$ref();
            if (ref != null && ref.startsWith("#/components/parameters/")) {
                Parameter target = components.getParameters().get(ref.substring("#/components/parameters/".length()));
                return target != null ? target : p;
            }
            return p;
        }).collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    }

    /**
     * Rating: {@code RateRequest_Request} requires {@code RequestOption} without declaring it (UPS's own example
     * request sends {@code "RequestOption": "shopTimeInTransit"}), and the request's {@code Shipment_Service.Code} is
     * declared as exactly 3 characters while its listed valid values (01, 03, 65) have 2.
     */
    private static void rateErrata(Map<String, Schema> schemas) {
        Schema<?> request = schemas.get("RateRequest_Request");
        if (request != null && request.getProperties() != null && !request.getProperties().containsKey("RequestOption")) {
            request.addProperty("RequestOption", new Schema<>().type("string"));
        }
        Schema<?> service = schemas.get("Shipment_Service");
        if (service != null && service.getProperties() != null && service.getProperties().get("Code") instanceof Schema<?> code
                && Integer.valueOf(3).equals(code.getMinLength())) {
            relaxLength(service, "Code", 2, 3);
        }
    }

    private static void relaxLength(Schema<?> owner, String property, int minLength, int maxLength) {
        if (owner != null && owner.getProperties() != null && owner.getProperties().get(property) instanceof Schema<?> field) {
            field.setMinLength(minLength);
            field.setMaxLength(maxLength);
        }
    }

    private void visitParameters(List<Parameter> parameters) {
        if (parameters == null) {
            return;
        }
        for (Parameter parameter : parameters) {
            visit(parameter.getSchema());
            visitContent(parameter.getContent());
        }
    }

    private void visitRequestBody(RequestBody body) {
        if (body != null) {
            visitContent(body.getContent());
        }
    }

    private void visitResponse(ApiResponse response) {
        if (response != null) {
            visitContent(response.getContent());
        }
    }

    private void visitContent(Content content) {
        if (content != null) {
            for (MediaType media : content.values()) {
                visit(media.getSchema());
            }
        }
    }

    private void visitSchemas(Map<String, Schema> schemas) {
        if (schemas != null) {
            schemas.values().forEach(this::visit);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private void visit(Schema<?> schema) {
        if (schema == null || !visited.add(schema)) {
            return;
        }
        if (isArray(schema)) {
            rewriteArray(schema);
        }
        constsToEnum(schema);
        if (schema.getProperties() != null && schema.getProperties().get("trackingNumberList") instanceof Schema<?> list) {
            list.setMaxItems(null);
            list.setItems(new Schema<>().type("string"));
        }
        visit(schema.getItems());
        visitSchemas((Map) schema.getProperties());
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            visit(additional);
        }
        visitAll(schema.getAllOf());
        visitAll(schema.getAnyOf());
        visitAll(schema.getOneOf());
        visit(schema.getNot());
    }

    private void visitAll(List<Schema> schemas) {
        if (schemas != null) {
            schemas.forEach(this::visit);
        }
    }

    /**
     * The Track Alert specs (OpenAPI 3.1) spell enumerations as {@code oneOf}/{@code anyOf} of {@code const}
     * schemas; the validator's JSON Schema engine predates {@code const}, so every branch would match and
     * {@code oneOf} would always fail. Rewritten as the equivalent {@code enum}.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void constsToEnum(Schema schema) {
        if (schema.getConst() != null) {
            schema.setEnum(new java.util.ArrayList<>(List.of(schema.getConst())));
            schema.setConst(null);
        }
        for (boolean oneOf : new boolean[]{true, false}) {
            List<Schema> branches = oneOf ? schema.getOneOf() : schema.getAnyOf();
            if (branches == null || branches.isEmpty()
                    || !branches.stream().allMatch(b -> b.getConst() != null && b.get$ref() == null)) {
                continue;
            }
            java.util.List<Object> values = new java.util.ArrayList<>();
            branches.forEach(b -> values.add(b.getConst()));
            schema.setEnum(values);
            if (values.stream().allMatch(v -> v instanceof String)) {
                schema.setType("string");
                schema.setTypes(new java.util.LinkedHashSet<>(List.of("string")));
            }
            if (oneOf) {
                schema.setOneOf(null);
            } else {
                schema.setAnyOf(null);
            }
        }
    }

    private static boolean isArray(Schema<?> schema) {
        if ("array".equals(schema.getType())) {
            return true;
        }
        Set<String> types = schema.getTypes();
        return types != null && types.contains("array");
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void rewriteArray(Schema<?> array) {
        Schema items = array.getItems();
        if (items != null && items.get$ref() == null) {
            if (array.getMaxLength() != null) {
                if (items.getMaxLength() == null || items.getMaxLength() > array.getMaxLength()) {
                    items.setMaxLength(array.getMaxLength());
                }
            }
            if (array.getMinLength() != null && items.getMinLength() == null) {
                items.setMinLength(array.getMinLength());
            }
        }
        array.setMaxLength(null);
        array.setMinLength(null);
        if (array.getMaximum() != null) {
            if (array.getMaxItems() == null) {
                array.setMaxItems(toCount(array.getMaximum()));
            }
            array.setMaximum(null);
        }
        if (array.getMinimum() != null) {
            if (array.getMinItems() == null) {
                array.setMinItems(toCount(array.getMinimum()));
            }
            array.setMinimum(null);
        }
    }

    private static int toCount(BigDecimal value) {
        return value.max(BigDecimal.ZERO).min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValue();
    }
}
