package com.epicorups.store.dynamo;

import static com.epicorups.store.dynamo.Attr.n;
import static com.epicorups.store.dynamo.Attr.s;

import com.epicorups.store.ProcessedEventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Processed tracking events as items of the audit table: pk = {@code event#<eventId>}, sk = {@code processed},
 * {@code processedAt} (N epoch ms) and {@code ttl} (N epoch seconds, processedAt + retention). They carry no
 * {@code dayOutcome}, so the byDayOutcome index never lists them. The put is conditional, so the first
 * processing time is kept; an item past its ttl that DynamoDB has not deleted yet (deletion lags by up to days)
 * counts as gone.
 */
public final class DynamoProcessedEventStore implements ProcessedEventStore {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    static final String PREFIX = "event#";
    static final String SORT_KEY = "processed";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;
    private final Clock clock;

    /** @param table the AUDIT_TABLE */
    public DynamoProcessedEventStore(DynamoDbClient dynamo, String table, Duration retention, Clock clock) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
    }

    public DynamoProcessedEventStore(DynamoDbClient dynamo, String table, Duration retention) {
        this(dynamo, table, retention, Clock.systemUTC());
    }

    @Override
    public boolean seen(String eventId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key(eventId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return false;
        }
        Long ttl = Attr.number(item, "ttl");
        return ttl == null || ttl > clock.instant().getEpochSecond();
    }

    @Override
    public void remember(String eventId, Instant processedAt) {
        long ttl = processedAt.plus(retention).getEpochSecond();
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(Map.of("pk", s(PREFIX + eventId), "sk", s(SORT_KEY),
                            "processedAt", n(processedAt.toEpochMilli()), "ttl", n(ttl)))
                    .conditionExpression("attribute_not_exists(pk) OR #ttl <= :now")
                    .expressionAttributeNames(Map.of("#ttl", "ttl"))
                    .expressionAttributeValues(Map.of(":now", n(clock.instant().getEpochSecond()))));
        } catch (ConditionalCheckFailedException alreadyRemembered) {
            // the first processing stays on record
        }
    }

    private static Map<String, AttributeValue> key(String eventId) {
        return Map.of("pk", s(PREFIX + Objects.requireNonNull(eventId, "eventId")), "sk", s(SORT_KEY));
    }
}
