package com.epicorups.store.memory;

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
import org.junit.jupiter.api.Nested;

class InMemoryStoresContractTest {
    @Nested
    class Ledger extends ShipmentLedgerContract {
        @Override
        protected ShipmentLedger newLedger() {
            return new InMemoryShipmentLedger();
        }
    }

    @Nested
    class Packs extends PackLedgerContract {
        @Override
        protected ShipmentLedger newLedger() {
            return new InMemoryShipmentLedger();
        }
    }

    @Nested
    class Checkpoints extends CheckpointStoreContract {
        @Override
        protected CheckpointStore newStore() {
            return new InMemoryCheckpointStore();
        }
    }

    @Nested
    class TokenCache extends TokenCacheStoreContract {
        @Override
        protected TokenCacheStore newStore() {
            return new InMemoryTokenCacheStore();
        }
    }

    @Nested
    class Audit extends AuditLogContract {
        @Override
        protected AuditLog newLog() {
            return new InMemoryAuditLog();
        }
    }

    @Nested
    class ProcessedEvents extends ProcessedEventStoreContract {
        @Override
        protected ProcessedEventStore newStore() {
            return new InMemoryProcessedEventStore();
        }
    }
}
