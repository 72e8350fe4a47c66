package com.epicorups.store.dynamo;

import static com.epicorups.store.dynamo.Attr.n;
import static com.epicorups.store.dynamo.Attr.s;

import com.epicorups.store.Checkpoint;
import com.epicorups.store.CheckpointStore;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** Poll checkpoints as items {@code checkpoint#<name>} of the shipments table, written with a version check. */
public final class DynamoCheckpointStore implements CheckpointStore {
    private static final String PREFIX = "checkpoint#";

    private final DynamoDbClient dynamo;
    private final String table;

    /** @param table the SHIPMENTS_TABLE, where checkpoints live next to the ledger */
    public DynamoCheckpointStore(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    @Override
    public Optional<Checkpoint> load(String name) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Attr.key(PREFIX + name))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Checkpoint(name, Attr.number(item, "version", 0), Attr.stringMap(item, "values"),
                Attr.epochMillis(item, "updatedAt")));
    }

    @Override
    public boolean compareAndSet(String name, long expectedVersion, Map<String, String> values, Instant now) {
        PutItemRequest.Builder put = PutItemRequest.builder()
                .tableName(table)
                .item(Map.of("pk", s(PREFIX + name), "version", n(expectedVersion + 1),
                        "values", Attr.stringMap(values), "updatedAt", n(now.toEpochMilli())));
        if (expectedVersion == 0) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", "version"))
                    .expressionAttributeValues(Map.of(":expected", n(expectedVersion)));
        }
        try {
            dynamo.putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException conflict) {
            return false;
        }
    }
}
