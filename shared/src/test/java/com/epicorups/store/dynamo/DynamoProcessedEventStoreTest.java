package com.epicorups.store.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.store.AuditOutcome;
import com.epicorups.testing.aws.AwsEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoProcessedEventStoreTest {
    private static final AwsEmulator AWS = AwsEmulator.get();
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private final String table = AWS.provision("AuditTable").auditTable();

    @Test
    void theItemLivesInTheAuditTableWithATtlAndStaysOutOfTheAuditViews() {
        new DynamoProcessedEventStore(AWS.dynamoDb(), table, Duration.ofDays(30), Clock.fixed(T0, ZoneOffset.UTC))
                .remember("evt-1", T0);
        Map<String, AttributeValue> item = AWS.dynamoDb().getItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("event#evt-1"), "sk", AttributeValue.fromS("processed")))).item();
        assertThat(item).containsOnlyKeys("pk", "sk", "processedAt", "ttl");
        assertThat(item.get("ttl").n()).isEqualTo(Long.toString(T0.plus(Duration.ofDays(30)).getEpochSecond()));
        assertThat(item.get("processedAt").n()).isEqualTo(Long.toString(T0.toEpochMilli()));

        DynamoAuditLog audit = new DynamoAuditLog(AWS.dynamoDb(), table);
        for (AuditOutcome outcome : AuditOutcome.values()) {
            assertThat(audit.forDay(LocalDate.of(2026, 11, 27), outcome)).isEmpty();
        }
    }

    @Test
    void anEventPastItsRetentionIsForgottenEvenBeforeDynamoDbDeletesIt() {
        DynamoProcessedEventStore then = new DynamoProcessedEventStore(AWS.dynamoDb(), table, Duration.ofDays(30),
                Clock.fixed(T0, ZoneOffset.UTC));
        then.remember("evt-old", T0);
        Instant later = T0.plus(Duration.ofDays(31));
        DynamoProcessedEventStore now = new DynamoProcessedEventStore(AWS.dynamoDb(), table, Duration.ofDays(30),
                Clock.fixed(later, ZoneOffset.UTC));
        assertThat(now.seen("evt-old")).isFalse();

        now.remember("evt-old", later);
        assertThat(now.seen("evt-old")).as("remembered afresh over the expired item").isTrue();
    }
}
