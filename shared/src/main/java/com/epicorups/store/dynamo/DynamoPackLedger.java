package com.epicorups.store.dynamo;

import static com.epicorups.store.dynamo.Attr.n;
import static com.epicorups.store.dynamo.Attr.s;

import com.epicorups.model.PackKey;
import com.epicorups.model.TrackingStatus;
import com.epicorups.store.ClaimResult;
import com.epicorups.store.LedgerConflictException;
import com.epicorups.store.LedgerState;
import com.epicorups.store.PackLedger;
import com.epicorups.store.ShipmentRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The pack ledger in the shipments table: the release ledger's conditional writes ({@link DynamoShipmentLedger}) on
 * the pack's key, and the void transitions. A pack's item joins the tracking index ({@code trackingNumber} and the
 * further packages' pointers) and the renewal index ({@code openSubscription}) as a release's does; a voided pack
 * leaves the renewal index.
 */
public final class DynamoPackLedger implements PackLedger {
    private static final Map<String, String> NAMES = Map.of("#state", "state", "#owner", "owner");

    private final DynamoShipmentLedger ledger;
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPackLedger(DynamoDbClient dynamo, String table) {
        this(new DynamoShipmentLedger(dynamo, table), dynamo, table);
    }

    DynamoPackLedger(DynamoShipmentLedger ledger, DynamoDbClient dynamo, String table) {
        this.ledger = ledger;
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public ClaimResult claim(PackKey key, String owner, Instant now, Duration lease) {
        return ledger.claim(key.asString(), owner, now, lease);
    }

    @Override
    public ShipmentRecord markShipped(PackKey key, String owner, String shipmentId, List<String> trackingNumbers,
                                      String labelLocation, BigDecimal freight, Instant now) {
        return ledger.markShipped(key.asString(), owner, shipmentId, trackingNumbers, labelLocation, now, true,
                freight);
    }

    @Override
    public void markNeedsAttention(PackKey key, String owner, String reasonCode, Instant now) {
        ledger.markNeedsAttention(key.asString(), owner, reasonCode, now);
    }

    @Override
    public void releaseClaim(PackKey key, String owner) {
        ledger.releaseClaim(key.asString(), owner);
    }

    @Override
    public void markWritten(PackKey key, Instant now) {
        ledger.markWritten(key.asString(), now);
    }

    @Override
    public Optional<ShipmentRecord> get(PackKey key) {
        return ledger.get(key.asString());
    }

    @Override
    public Map<PackKey, ShipmentRecord> getAll(Collection<PackKey> keys) {
        Map<PackKey, ShipmentRecord> found = new HashMap<>();
        ledger.getAllByText(keys.stream().map(PackKey::asString).toList())
                .forEach((text, record) -> found.put(PackKey.parse(text), record));
        return found;
    }

    @Override
    public Optional<ShipmentRecord> claimVoid(PackKey key, String owner, Instant now, Duration lease) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attr.key(key.asString()))
                    .updateExpression("SET #state = :voiding, #owner = :owner, leaseUntil = :until, updatedAt = :now")
                    .conditionExpression("#state = :shipped OR #state = :written "
                            + "OR (#state = :voiding AND leaseUntil <= :now)")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":voiding", s(LedgerState.VOIDING.name()),
                            ":shipped", s(LedgerState.SHIPPED.name()), ":written", s(LedgerState.WRITTEN.name()),
                            ":owner", s(owner), ":until", n(now.plus(lease).toEpochMilli()),
                            ":now", n(now.toEpochMilli()))));
        } catch (ConditionalCheckFailedException notOurs) {
            return Optional.empty();
        }
        return get(key);
    }

    @Override
    public void markVoided(PackKey key, String owner, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attr.key(key.asString()))
                    .updateExpression("SET #state = :voided, updatedAt = :now REMOVE #owner, leaseUntil, openSubscription")
                    .conditionExpression("#state = :voiding AND #owner = :owner")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":voided", s(LedgerState.VOIDED.name()),
                            ":voiding", s(LedgerState.VOIDING.name()), ":owner", s(owner),
                            ":now", n(now.toEpochMilli()))));
        } catch (ConditionalCheckFailedException lost) {
            throw new LedgerConflictException("pack " + key + " is not being voided by " + owner);
        }
    }

    @Override
    public void releaseVoid(PackKey key, String owner) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attr.key(key.asString()))
                    .updateExpression("SET leaseUntil = :expired")
                    .conditionExpression("#state = :voiding AND #owner = :owner")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":expired", n(0), ":voiding", s(LedgerState.VOIDING.name()),
                            ":owner", s(owner))));
        } catch (ConditionalCheckFailedException notOurs) {
            // another attempt's by now
        }
    }

    @Override
    public boolean recordStatus(PackKey key, TrackingStatus status, Instant eventTime) {
        return ledger.recordStatus(key.asString(), status, eventTime);
    }

    @Override
    public void recordSubscription(PackKey key, Instant expiresAt) {
        ledger.recordSubscription(key.asString(), expiresAt);
    }

    @Override
    public void recordSubscriptionRefused(PackKey key) {
        ledger.recordSubscriptionRefused(key.asString());
    }
}
