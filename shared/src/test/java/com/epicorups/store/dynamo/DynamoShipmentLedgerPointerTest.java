package com.epicorups.store.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.model.ReleaseKey;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ShipmentRecord;
import com.epicorups.testing.aws.AwsEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * A multi-package shipment's later tracking numbers are found through pointer items. When one cannot be written
 * the release must not be left SHIPPED without it (no tracking event of that package would ever find the
 * release): it stays claimed, so the claim's retry records it again with every pointer.
 */
class DynamoShipmentLedgerPointerTest {
    private static final AwsEmulator AWS = AwsEmulator.get();
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final ReleaseKey KEY = new ReleaseKey("EPIC06", 5001, 1, 1);

    /** Fails the next {@code failures} PutItem calls on the real client before they are sent. */
    private static final class FailingPointerPuts implements ExecutionInterceptor {
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            SdkRequest request = context.request();
            if (request instanceof PutItemRequest put && put.item().get("pk").s().startsWith("tracking#")
                    && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("injected: DynamoDB unavailable");
            }
        }
    }

    @Test
    void aPointerThatCannotBeWrittenLeavesTheReleaseClaimedAndTheRetryMakesEveryPackageFindable() {
        FailingPointerPuts faults = new FailingPointerPuts();
        DynamoDbClient client = AWS.dynamoDbBuilder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(faults)).build();
        DynamoShipmentLedger ledger = new DynamoShipmentLedger(client,
                AWS.provision("ShipmentsTable").shipmentsTable());
        List<String> packages = List.of("1Z999AA10000000001", "1Z999AA10000000002", "1Z999AA10000000003");
        ledger.claim(KEY, "creator-1", T0, Duration.ofMinutes(10));

        faults.failures.set(1);
        assertThatThrownBy(() -> ledger.markShipped(KEY, "creator-1", "SHIP1", packages, "s3://labels/k", T0))
                .hasMessageContaining("injected");
        assertThat(ledger.get(KEY)).get().extracting(ShipmentRecord::state).isEqualTo(LedgerState.CLAIMED);

        ShipmentRecord shipped = ledger.markShipped(KEY, "creator-1", "SHIP1", packages, "s3://labels/k",
                T0.plusSeconds(30));
        assertThat(shipped.state()).isEqualTo(LedgerState.SHIPPED);
        for (String trackingNumber : packages) {
            assertThat(ledger.findByTrackingNumber(trackingNumber)).as(trackingNumber)
                    .get().extracting(ShipmentRecord::key).isEqualTo(KEY);
        }
        client.close();
    }
}
