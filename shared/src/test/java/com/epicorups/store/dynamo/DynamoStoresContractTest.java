package com.epicorups.store.dynamo;

import com.epicorups.store.AuditLog;
import com.epicorups.store.CheckpointStore;
import com.epicorups.store.ProcessedEventStore;
import com.epicorups.store.ShipmentLedger;
import com.epicorups.store.TokenCacheStore;
import com.epicorups.store.contract.AuditLogContract;
import com.epicorups.store.contract.CheckpointStoreContract;
import com.epicorups.store.contract.PackLedgerContract;
import com.epicorups.store.contract.ProcessedEventStoreContract;
import com.epicorups.store.contract.ShipmentLedgerContract;
import com.epicorups.store.contract.TokenCacheStoreContract;
import com.epicorups.testing.aws.AwsEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;

/** The same contracts on DynamoDB in the emulator; every test gets fresh tables from template.yaml. */
class DynamoStoresContractTest {
    private static final AwsEmulator AWS = AwsEmulator.get();

    @Nested
    class Ledger extends ShipmentLedgerContract {
        @Override
        protected ShipmentLedger newLedger() {
            return new DynamoShipmentLedger(AWS.dynamoDb(), AWS.provision("ShipmentsTable").shipmentsTable());
        }
    }

    @Nested
    class Packs extends PackLedgerContract {
        @Override
        protected ShipmentLedger newLedger() {
            return new DynamoShipmentLedger(AWS.dynamoDb(), AWS.provision("ShipmentsTable").shipmentsTable());
        }
    }

    @Nested
    class Checkpoints extends CheckpointStoreContract {
        @Override
        protected CheckpointStore newStore() {
            return new DynamoCheckpointStore(AWS.dynamoDb(), AWS.provision("ShipmentsTable").shipmentsTable());
        }
    }

    @Nested
    class TokenCache extends TokenCacheStoreContract {
        @Override
        protected TokenCacheStore newStore() {
            return new DynamoTokenCacheStore(AWS.dynamoDb(), AWS.provision("TokenCacheTable").tokenCacheTable());
        }
    }

    @Nested
    class Audit extends AuditLogContract {
        @Override
        protected AuditLog newLog() {
            return new DynamoAuditLog(AWS.dynamoDb(), AWS.provision("AuditTable").auditTable(), Duration.ofDays(400));
        }
    }

    @Nested
    class ProcessedEvents extends ProcessedEventStoreContract {
        @Override
        protected ProcessedEventStore newStore() {
            return new DynamoProcessedEventStore(AWS.dynamoDb(), AWS.provision("AuditTable").auditTable(),
                    Duration.ofDays(30), Clock.fixed(T0, ZoneOffset.UTC));
        }
    }
}
