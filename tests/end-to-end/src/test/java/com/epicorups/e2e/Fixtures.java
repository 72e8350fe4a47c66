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

    static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    /** The ledger, release by release (5001/1/1 -> record). */
    static Map<String, ShipmentRecord> ledger(ConnectorWorld w) {
        Map<String, ShipmentRecord> byKey = new TreeMap<>();
        for (Map<String, AttributeValue> item : w.scan(w.resources.shipmentsTable())) {
            if (item.containsKey("state")) {
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
