package com.epicorups.e2e;

import com.epicorups.model.ReleaseKey;
import com.epicorups.store.ShipmentRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** Small readers over the world's state, shared by the end-to-end tests. */
final class Fixtures {
    private Fixtures() {
    }

    /** A data set of the end-to-end tests' resources, e.g. {@code /issue16/dataset.json}. */
    static com.epicorups.sandbox.epicor.EpicorDataset dataset(String resource) {
        try (var in = Fixtures.class.getResourceAsStream(resource)) {
            return com.epicorups.sandbox.epicor.EpicorDataset.fromJson(
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A data set of the end-to-end tests' resources, changed by {@code change} before it loads. */
    static com.epicorups.sandbox.epicor.EpicorDataset dataset(String resource,
            java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
        try (var in = Fixtures.class.getResourceAsStream(resource)) {
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) com.epicorups.core.Json.mapper().readTree(in);
            change.accept(root);
            return com.epicorups.sandbox.epicor.EpicorDataset.fromJson(root.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The release key of {@code ORDER/LINE/REL} in the world's company. */
    static ReleaseKey releaseKey(String shortKey) {
        String[] p = shortKey.split("/");
        return new ReleaseKey(ConnectorWorld.COMPANY, Integer.parseInt(p[0]), Integer.parseInt(p[1]),
                Integer.parseInt(p[2]));
    }

    /** The sample data as a JSON tree, changed by {@code change} before it loads. */
    static com.epicorups.sandbox.epicor.EpicorDataset sample(
            java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> change) {
        try (var in = com.epicorups.sandbox.epicor.EpicorDataset.class.getResourceAsStream("/epicor-sample-data.json")) {
            var root = (com.fasterxml.jackson.databind.node.ObjectNode) com.epicorups.core.Json.mapper().readTree(in);
            change.accept(root);
            return com.epicorups.sandbox.epicor.EpicorDataset.fromJson(root.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The sample whose ReadyToShip BAQ also has {@code criterion} (e.g. {@code OrderNum le 5005}): a shorter poll. */
    static com.epicorups.sandbox.epicor.EpicorDataset sampleWithReadyToShipAlso(String criterion) {
        return sample(root -> {
            var baq = (com.fasterxml.jackson.databind.node.ObjectNode) root.path("BAQs").path("ReadyToShip");
            baq.put("filter", "(" + baq.path("filter").asText() + ") and " + criterion);
        });
    }

    /** The sample as a fresh Kinetic tenant has it: no UD column declared, none in any row. */
    static com.epicorups.sandbox.epicor.EpicorDataset sampleOfAFreshTenant() {
        return sample(root -> {
            root.remove("UDFields");
            root.fields().forEachRemaining(set -> set.getValue().forEach(row -> {
                if (row.isObject()) {
                    List<String> ud = new java.util.ArrayList<>();
                    row.fieldNames().forEachRemaining(n -> {
                        if (n.endsWith("_c")) {
                            ud.add(n);
                        }
                    });
                    ud.forEach(((com.fasterxml.jackson.databind.node.ObjectNode) row)::remove);
                }
            }));
        });
    }

    static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    /** The ledger, release by release (5001/1/1 -> record); a pack's item (pack mode) is not a release's. */
    static Map<String, ShipmentRecord> ledger(ConnectorWorld w) {
        Map<String, ShipmentRecord> byKey = new TreeMap<>();
        for (Map<String, AttributeValue> item : w.scan(w.resources.shipmentsTable())) {
            if (item.containsKey("state") && !com.epicorups.model.PackKey.isPackKey(item.get("pk").s())) {
                ReleaseKey key = ReleaseKey.parse(item.get("pk").s());
                byKey.put(ConnectorWorld.shortKey(key.asString()), w.assembly.parts().ledger().get(key).orElseThrow());
            }
        }
        return byKey;
    }

    static List<String> shipped(Map<String, ShipmentRecord> ledger) {
        return ledger.entrySet().stream().filter(e -> e.getValue().shipped()).map(Map.Entry::getKey).sorted().toList();
    }

    /** Audit items of one operation and outcome, by release (short key) -> reason codes. */
    static Map<String, List<String>> audited(ConnectorWorld w, String operation, String outcome) {
        return w.audit().stream()
                .filter(i -> operation.equals(s(i, "operation")) && outcome.equals(s(i, "outcome")))
                .filter(i -> s(i, "pk").startsWith(ConnectorWorld.COMPANY + "#"))
                .collect(Collectors.groupingBy(i -> ConnectorWorld.shortKey(s(i, "pk")), TreeMap::new,
                        Collectors.mapping(i -> s(i, "reasonCode"), Collectors.toList())));
    }

    static String attribute(Message m, String name) {
        return Optional.ofNullable(m.messageAttributes().get(name)).map(v -> v.stringValue()).orElse(null);
    }

    /** The release a shipment-requests body is about (5001/1/1). */
    static String releaseOf(String body) {
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = com.epicorups.core.Json.mapper().readTree(body).path("release").path("key");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
        return node.path("orderNum").asInt() + "/" + node.path("orderLine").asInt() + "/" + node.path("orderRelNum").asInt();
    }
}
