package com.epicorups.store.dynamo;

import static com.epicorups.store.dynamo.Attr.n;
import static com.epicorups.store.dynamo.Attr.s;

import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The audit trail in the audit table: one item per entry, pk = subject, sk =
 * {@code <instant>#<operation>#<8 hex>} (the instant always with nine fraction digits, so sk sorts by time),
 * {@code dayOutcome} = {@code <yyyy-MM-dd>#<OUTCOME>} for the byDayOutcome index, and a TTL after the
 * retention period.
 */
public final class DynamoAuditLog implements AuditLog {
    public static final String DAY_OUTCOME_INDEX = "byDayOutcome";
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);
    private static final DateTimeFormatter SORTABLE_INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration retention;

    public DynamoAuditLog(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    public DynamoAuditLog(DynamoDbClient dynamo, String table) {
        this(dynamo, table, DEFAULT_RETENTION);
    }

    @Override
    public void record(AuditEntry entry) {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        String sk = SORTABLE_INSTANT.format(entry.at()) + "#" + entry.operation() + "#" + HexFormat.of().formatHex(random);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(entry.subjectKey()));
        item.put("sk", s(sk));
        item.put("dayOutcome", s(dayOutcome(LocalDate.ofInstant(entry.at(), ZoneOffset.UTC), entry.outcome())));
        item.put("at", s(entry.at().toString()));
        item.put("operation", s(entry.operation().name()));
        item.put("outcome", s(entry.outcome().name()));
        item.put("durationMillis", n(entry.durationMillis()));
        item.put("details", Attr.stringMap(entry.details()));
        item.put("ttl", n(entry.at().plus(retention).getEpochSecond()));
        if (entry.reasonCode() != null) {
            item.put("reasonCode", s(entry.reasonCode()));
        }
        if (entry.message() != null) {
            item.put("message", s(entry.message()));
        }
        if (entry.replayMessage() != null) {
            item.put("replayMessage", s(entry.replayMessage()));
        }
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    @Override
    public List<AuditEntry> forSubject(String subjectKey) {
        return query(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(subjectKey))).consistentRead(true).build());
    }

    @Override
    public List<AuditEntry> forDay(LocalDate day, AuditOutcome outcome) {
        return query(QueryRequest.builder().tableName(table).indexName(DAY_OUTCOME_INDEX)
                .keyConditionExpression("dayOutcome = :d")
                .expressionAttributeValues(Map.of(":d", s(dayOutcome(day, outcome)))).build());
    }

    private List<AuditEntry> query(QueryRequest request) {
        return dynamo.queryPaginator(request).items().stream().map(DynamoAuditLog::entry).toList();
    }

    private static String dayOutcome(LocalDate day, AuditOutcome outcome) {
        return day + "#" + outcome.name();
    }

    private static AuditEntry entry(Map<String, AttributeValue> item) {
        return new AuditEntry(
                Attr.string(item, "pk"),
                Instant.parse(Attr.string(item, "at")),
                AuditOperation.valueOf(Attr.string(item, "operation")),
                AuditOutcome.valueOf(Attr.string(item, "outcome")),
                Attr.string(item, "reasonCode"),
                Attr.string(item, "message"),
                Attr.number(item, "durationMillis", 0),
                Attr.stringMap(item, "details"),
                Attr.string(item, "replayMessage"));
    }
}
