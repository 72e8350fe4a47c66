package com.epicorups.cli.ops;

import com.epicorups.model.ReleaseKey;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Comparator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Scans the ledger (ShipmentsTable) and the audit trail (AuditTable, for releases the poller skipped, which have
 * no ledger item) for partition keys of one order: {@code begins_with(pk, "COMPANY#ORDER#")} when the company is
 * known, else {@code contains(pk, "#ORDER#")}. Only {@code pk} is read.
 */
public final class DynamoReleaseFinder implements ReleaseFinder {
    private final DynamoDbClient dynamo;
    private final List<String> tables;

    public DynamoReleaseFinder(DynamoDbClient dynamo, String shipmentsTable, String auditTable) {
        this.dynamo = dynamo;
        this.tables = List.of(shipmentsTable, auditTable);
    }

    @Override
    public List<ReleaseKey> releasesOf(String company, int orderNum) {
        TreeSet<ReleaseKey> keys = new TreeSet<>(Comparator.comparing(ReleaseKey::orderLine)
                .thenComparing(ReleaseKey::orderRelNum).thenComparing(ReleaseKey::company));
        String filter = company == null ? "contains(pk, :needle)" : "begins_with(pk, :needle)";
        String needle = company == null ? "#" + orderNum + "#" : company + "#" + orderNum + "#";
        for (String table : tables) {
            ScanRequest request = ScanRequest.builder().tableName(table)
                    .filterExpression(filter)
                    .projectionExpression("pk")
                    .expressionAttributeValues(Map.of(":needle", AttributeValue.fromS(needle)))
                    .build();
            dynamo.scanPaginator(request).items().forEach(item -> {
                ReleaseKey key = ReleaseFinder.parseOrNull(item.get("pk") == null ? null : item.get("pk").s());
                if (key != null && ReleaseFinder.matches(key, company, orderNum)) {
                    keys.add(key);
                }
            });
        }
        return List.copyOf(keys);
    }
}
