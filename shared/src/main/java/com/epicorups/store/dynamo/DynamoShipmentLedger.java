package com.epicorups.store.dynamo;

import static com.epicorups.store.dynamo.Attr.n;
import static com.epicorups.store.dynamo.Attr.s;

import com.epicorups.model.ReleaseKey;
import com.epicorups.model.TrackingStatus;
import com.epicorups.store.ClaimResult;
import com.epicorups.store.LedgerConflictException;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ShipmentLedger;
import com.epicorups.store.ShipmentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The never-twice ledger in the shipments table, one item per release key; every state change is one
 * conditional UpdateItem, so two creators racing for a release cannot both win.
 *
 * <p>Item layout (CONTRACTS.md): {@code state, attempt, owner, leaseUntil, shipmentId, trackingNumber (first
 * package, GSI byTrackingNumber), trackingNumbers, labelLocation, lastStatus, lastStatusRank, lastEventTime,
 * subscriptionExpiresAt, openSubscription, reasonCode, updatedAt}. While a release is shipped and not in a
 * terminal status it carries {@code openSubscription = "OPEN"} and a {@code subscriptionExpiresAt} (0 until the
 * first subscription), so the sparse GSI bySubscriptionExpiry lists exactly the subscriptions to renew.
 * Further packages' tracking numbers get a pointer item {@code tracking#<number>} naming the release, so any
 * package's number finds it.
 */
public final class DynamoShipmentLedger implements ShipmentLedger {
    public static final String TRACKING_NUMBER_INDEX = "byTrackingNumber";
    public static final String SUBSCRIPTION_EXPIRY_INDEX = "bySubscriptionExpiry";
    /** 1 once an attempt of the release ended with UPS's answer unknown (its claim lapsed): reconcile first, always. */
    static final String RECONCILE_FIRST = "reconcileFirst";
    private static final String OPEN = "OPEN";
    private static final String TRACKING_POINTER = "tracking#";
    private static final Map<String, String> NAMES = Map.of("#state", "state", "#owner", "owner");
    /** Statuses at or above this rank are terminal: nothing replaces them. */
    private static final int TERMINAL_RANK = Arrays.stream(TrackingStatus.values())
            .filter(TrackingStatus::terminal).mapToInt(TrackingStatus::rank).min().orElse(Integer.MAX_VALUE);

    static {
        boolean ranksSeparateTerminals = Arrays.stream(TrackingStatus.values())
                .allMatch(status -> status.terminal() == (status.rank() >= TERMINAL_RANK));
        if (!ranksSeparateTerminals) {
            throw new ExceptionInInitializerError("recordStatus needs terminal statuses to rank above the others");
        }
    }

    /** BatchGetItem takes at most 100 keys per request. */
    static final int BATCH_GET_LIMIT = 100;
    /** Rounds of UnprocessedKeys retried before the lookup gives up (DynamoDB throttling that does not clear). */
    private static final int UNPROCESSED_ROUNDS = 8;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoShipmentLedger(DynamoDbClient dynamo, String table) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The packs' ledger in the same table. */
    @Override
    public com.epicorups.store.PackLedger packs() {
        return new DynamoPackLedger(this, dynamo, table);
    }

    @Override
    public ClaimResult claim(ReleaseKey key, String owner, Instant now, Duration lease) {
        return claim(key.asString(), owner, now, lease);
    }

    /** The claim of any ledger key (a release's or a pack's, {@link DynamoPackLedger}), by its text. */
    ClaimResult claim(String key, String owner, Instant now, Duration lease) {
        Instant leaseUntil = now.plus(lease);
        Map<String, AttributeValue> old;
        try {
            old = dynamo.updateItem(r -> r.tableName(table).key(Attr.key(key))
                    .updateExpression("SET #state = :claimed, #owner = :owner, leaseUntil = :until, updatedAt = :now, "
                            + "attempt = if_not_exists(attempt, :zero) + :one "
                            + "REMOVE shipmentId, trackingNumber, trackingNumbers, labelLocation, lastStatus, "
                            + "lastStatusRank, lastEventTime, subscriptionExpiresAt, openSubscription, reasonCode, "
                            + "freight")
                    .conditionExpression("attribute_not_exists(pk) OR #state = :attention "
                            + "OR (#state = :claimed AND leaseUntil <= :now)")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":claimed", s(LedgerState.CLAIMED.name()),
                            ":attention", s(LedgerState.NEEDS_ATTENTION.name()), ":owner", s(owner),
                            ":until", n(leaseUntil.toEpochMilli()), ":now", n(now.toEpochMilli()),
                            ":zero", n(0), ":one", n(1)))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
        } catch (ConditionalCheckFailedException taken) {
            ShipmentRecord current = get(key).orElseThrow(() -> taken);
            boolean done = current.shipped() || current.state() == LedgerState.VOIDING
                    || current.state() == LedgerState.VOIDED;
            if (current.state() == LedgerState.CLAIMED && owner.equals(current.owner())) {
                // The SDK retried an update whose first attempt landed (its answer was lost): the claim is ours.
                ClaimResult repeated = ClaimResult.repeatedByOwner(current);
                if (repeated.status() == ClaimResult.Status.RECLAIMED_AFTER_EXPIRY) {
                    markReconcileFirst(key, owner); // the first try may have taken over a lapsed claim
                }
                return repeated;
            }
            return new ClaimResult(done ? ClaimResult.Status.ALREADY_SHIPPED : ClaimResult.Status.IN_PROGRESS, current);
        }
        // A claim whose lease ran out still names its owner (a given-back claim does not): its attempt may have
        // reached UPS, so this release is reconciled first, now and on every later claim.
        boolean lapsedClaim = old != null && LedgerState.CLAIMED.name().equals(Attr.string(old, "state"))
                && Attr.string(old, "owner") != null;
        boolean reconcileFirst = lapsedClaim || (old != null && Attr.number(old, RECONCILE_FIRST, 0) == 1);
        if (lapsedClaim && Attr.number(old, RECONCILE_FIRST, 0) != 1) {
            markReconcileFirst(key, owner);
        }
        int attempt = (int) (old == null ? 0 : Attr.number(old, "attempt", 0)) + 1;
        ShipmentRecord claimed = new ShipmentRecord(releaseKeyOf(key), LedgerState.CLAIMED, attempt, owner, leaseUntil, null,
                List.of(), null, null, null, null, null, Instant.ofEpochMilli(now.toEpochMilli()));
        return new ClaimResult(reconcileFirst ? ClaimResult.Status.RECLAIMED_AFTER_EXPIRY : ClaimResult.Status.CLAIMED,
                claimed);
    }

    /** Written before the attempt goes on; if it fails, the claim (not given back) lapses and says it again. */
    private void markReconcileFirst(String key, String owner) {
        dynamo.updateItem(r -> r.tableName(table).key(Attr.key(key))
                .updateExpression("SET " + RECONCILE_FIRST + " = :one")
                .conditionExpression("#owner = :owner")
                .expressionAttributeNames(Map.of("#owner", "owner"))
                .expressionAttributeValues(Map.of(":one", n(1), ":owner", s(owner))));
    }

    @Override
    public ShipmentRecord markShipped(ReleaseKey key, String owner, String shipmentId, List<String> trackingNumbers,
                                      String labelLocation, Instant now) {
        return markShipped(key.asString(), owner, shipmentId, trackingNumbers, labelLocation, now, true, null);
    }

    /**
     * @param tracked whether tracking events and Track Alert renewals find the shipment (the tracking number index,
     *                the pointers of further packages, the renewal index): a release's and a pack's
     */
    ShipmentRecord markShipped(String key, String owner, String shipmentId, List<String> trackingNumbers,
                               String labelLocation, Instant now, boolean tracked, java.math.BigDecimal freight) {
        StringBuilder set = new StringBuilder("SET #state = :shipped, shipmentId = :shipmentId, "
                + "trackingNumbers = :numbers, lastStatus = :status, lastStatusRank = :rank, lastEventTime = :now, "
                + "updatedAt = :now");
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":shipped", s(LedgerState.SHIPPED.name()),
                ":shipmentId", s(shipmentId), ":numbers", Attr.stringList(trackingNumbers),
                ":status", s(TrackingStatus.LABEL_CREATED.name()), ":rank", n(TrackingStatus.LABEL_CREATED.rank()),
                ":now", n(now.toEpochMilli()),
                ":claimed", s(LedgerState.CLAIMED.name())));
        values.put(":owner", s(owner));
        if (tracked) {
            set.append(", openSubscription = :open, subscriptionExpiresAt = :never");
            values.put(":open", s(OPEN));
            values.put(":never", n(0));
        }
        if (tracked && !trackingNumbers.isEmpty()) {
            set.append(", trackingNumber = :first");
            values.put(":first", s(trackingNumbers.get(0)));
        }
        if (freight != null) {
            set.append(", freight = :freight");
            values.put(":freight", AttributeValue.builder().n(freight.toPlainString()).build());
        }
        if (labelLocation != null) {
            set.append(", labelLocation = :label");
            values.put(":label", s(labelLocation));
        }
        // The further packages' pointers go first: if one cannot be written the release stays claimed and the
        // claim's retry records it again, instead of a SHIPPED release whose later packages no tracking event finds.
        // A pointer left by an attempt that then lost its claim names the same UPS shipment, which the claim's
        // new owner adopts.
        for (String further : tracked ? trackingNumbers.subList(Math.min(1, trackingNumbers.size()),
                trackingNumbers.size()) : List.<String>of()) {
            dynamo.putItem(r -> r.tableName(table).item(Map.of("pk", s(TRACKING_POINTER + further),
                    "releaseKey", s(key), "updatedAt", n(now.toEpochMilli()))));
        }
        Map<String, AttributeValue> item;
        try {
            item = dynamo.updateItem(r -> r.tableName(table).key(Attr.key(key))
                    .updateExpression(set + " REMOVE #owner, leaseUntil, reasonCode")
                    .conditionExpression("#state = :claimed AND #owner = :owner")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW)).attributes();
        } catch (ConditionalCheckFailedException lost) {
            throw new LedgerConflictException("release " + key + " is not claimed by " + owner);
        }
        return record(item);
    }

    @Override
    public void markNeedsAttention(ReleaseKey key, String owner, String reasonCode, Instant now) {
        markNeedsAttention(key.asString(), owner, reasonCode, now);
    }

    void markNeedsAttention(String key, String owner, String reasonCode, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attr.key(key))
                    .updateExpression("SET #state = :attention, reasonCode = :reason, updatedAt = :now "
                            + "REMOVE #owner, leaseUntil")
                    .conditionExpression("#state = :claimed AND #owner = :owner")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":attention", s(LedgerState.NEEDS_ATTENTION.name()),
                            ":reason", s(reasonCode), ":now", n(now.toEpochMilli()),
                            ":claimed", s(LedgerState.CLAIMED.name()), ":owner", s(owner))));
        } catch (ConditionalCheckFailedException lost) {
            throw new LedgerConflictException("release " + key + " is not claimed by " + owner);
        }
    }

    @Override
    public void releaseClaim(ReleaseKey key, String owner) {
        releaseClaim(key.asString(), owner);
    }

    void releaseClaim(String key, String owner) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attr.key(key))
                    .updateExpression("SET leaseUntil = :expired REMOVE #owner")
                    .conditionExpression("#state = :claimed AND #owner = :owner")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":expired", n(0), ":claimed", s(LedgerState.CLAIMED.name()),
                            ":owner", s(owner))));
        } catch (ConditionalCheckFailedException notOurs) {
            // the claim is someone else's by now: nothing to give up
        }
    }

    @Override
    public void markWritten(ReleaseKey key, Instant now) {
        markWritten(key.asString(), now);
    }

    void markWritten(String key, Instant now) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attr.key(key))
                    .updateExpression("SET #state = :written, updatedAt = :now")
                    .conditionExpression("#state = :shipped")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":written", s(LedgerState.WRITTEN.name()),
                            ":shipped", s(LedgerState.SHIPPED.name()), ":now", n(now.toEpochMilli()))));
        } catch (ConditionalCheckFailedException alreadyWrittenOrNotShipped) {
            // idempotent
        }
    }

    @Override
    public Optional<ShipmentRecord> get(ReleaseKey key) {
        return get(key.asString());
    }

    Optional<ShipmentRecord> get(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(Attr.key(key))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(record(item));
    }

    /**
     * BatchGetItem in requests of {@value #BATCH_GET_LIMIT} keys, strongly consistent like {@link #get}; keys
     * DynamoDB leaves unprocessed (throttling, the 16 MB response limit) are asked again after a short wait.
     */
    @Override
    public Map<ReleaseKey, ShipmentRecord> getAll(Collection<ReleaseKey> keys) {
        Map<ReleaseKey, ShipmentRecord> found = new HashMap<>();
        getAllByText(keys.stream().map(ReleaseKey::asString).toList())
                .forEach((text, record) -> found.put(ReleaseKey.parse(text), record));
        return found;
    }

    /** {@link #getAll} by key text (releases' or packs'), the records by key text. */
    Map<String, ShipmentRecord> getAllByText(Collection<String> keys) {
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(keys));
        Map<String, ShipmentRecord> found = new HashMap<>();
        for (int from = 0; from < unique.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> chunk = unique.subList(from, Math.min(unique.size(), from + BATCH_GET_LIMIT))
                    .stream().map(Attr::key).toList();
            KeysAndAttributes pending = KeysAndAttributes.builder().keys(chunk).consistentRead(true).build();
            for (int round = 0; pending != null; round++) {
                if (round == UNPROCESSED_ROUNDS) {
                    throw new IllegalStateException("DynamoDB left " + pending.keys().size() + " ledger keys "
                            + "unprocessed after " + UNPROCESSED_ROUNDS + " rounds of BatchGetItem on " + table);
                }
                if (round > 0) {
                    pause(round);
                }
                KeysAndAttributes request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(Map.of(table, request)));
                response.responses().getOrDefault(table, List.of()).forEach(item ->
                        found.put(Attr.string(item, "pk"), record(item)));
                KeysAndAttributes left = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table) : null;
                pending = left == null || !left.hasKeys() || left.keys().isEmpty() ? null : left;
            }
        }
        return found;
    }

    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(1_000L, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed ledger keys", e);
        }
    }

    @Override
    public Optional<ShipmentRecord> findByTrackingNumber(String trackingNumber) {
        QueryResponse byFirstPackage = dynamo.query(r -> r.tableName(table).indexName(TRACKING_NUMBER_INDEX)
                .keyConditionExpression("trackingNumber = :t")
                .expressionAttributeValues(Map.of(":t", s(trackingNumber))));
        if (byFirstPackage.hasItems() && !byFirstPackage.items().isEmpty()) {
            return Optional.of(record(byFirstPackage.items().get(0)));
        }
        Map<String, AttributeValue> pointer = dynamo.getItem(r -> r.tableName(table)
                .key(Attr.key(TRACKING_POINTER + trackingNumber))).item();
        if (pointer == null || pointer.isEmpty()) {
            return Optional.empty();
        }
        // A pointer names a release's key, or a pack's (its item is tracked as a release's is).
        return get(Attr.string(pointer, "releaseKey"));
    }

    @Override
    public boolean recordStatus(ReleaseKey key, TrackingStatus status, Instant eventTime) {
        return recordStatus(key.asString(), status, eventTime);
    }

    boolean recordStatus(String key, TrackingStatus status, Instant eventTime) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":shipped", s(LedgerState.SHIPPED.name()));
        values.put(":written", s(LedgerState.WRITTEN.name()));
        values.put(":status", s(status.name()));
        values.put(":rank", n(status.rank()));
        values.put(":terminal", n(TERMINAL_RANK));
        String sameRankWins;
        String update = "SET lastStatus = :status, lastStatusRank = :rank";
        if (eventTime == null) {
            sameRankWins = "lastStatusRank = :rank";
            update += " REMOVE lastEventTime";
        } else {
            values.put(":time", n(eventTime.toEpochMilli()));
            sameRankWins = "(lastStatusRank = :rank AND (attribute_not_exists(lastEventTime) OR lastEventTime < :time))";
            update += ", lastEventTime = :time";
        }
        if (status.terminal()) {
            update += (eventTime == null ? ", " : " REMOVE ") + "openSubscription";
        }
        String condition = "(#state = :shipped OR #state = :written) AND (attribute_not_exists(lastStatusRank) OR "
                + "(lastStatusRank < :terminal AND (lastStatusRank < :rank OR " + sameRankWins + ")))";
        String expression = update;
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attr.key(key))
                    .updateExpression(expression)
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException backwards) {
            return false;
        }
    }

    @Override
    public void recordSubscription(ReleaseKey key, Instant expiresAt) {
        recordSubscription(key.asString(), expiresAt);
    }

    void recordSubscription(String key, Instant expiresAt) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attr.key(key))
                    .updateExpression("SET subscriptionExpiresAt = :expires")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":expires", n(expiresAt.getEpochSecond()))));
        } catch (ConditionalCheckFailedException unknownRelease) {
            // nothing to record against
        }
    }

    @Override
    public void recordSubscriptionRefused(ReleaseKey key) {
        recordSubscriptionRefused(key.asString());
    }

    void recordSubscriptionRefused(String key) {
        // Out of the sparse renewal index; nothing but a new shipment (markShipped) puts it back.
        try {
            dynamo.updateItem(r -> r.tableName(table).key(Attr.key(key))
                    .updateExpression("REMOVE openSubscription")
                    .conditionExpression("attribute_exists(pk)"));
        } catch (ConditionalCheckFailedException unknownRelease) {
            // nothing to record against
        }
    }

    @Override
    public List<ShipmentRecord> subscriptionsExpiringBefore(Instant before, int limit) {
        long beforeSeconds = before.getEpochSecond() + (before.getNano() > 0 ? 1 : 0);
        List<ShipmentRecord> due = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamo.query(r -> r.tableName(table).indexName(SUBSCRIPTION_EXPIRY_INDEX)
                    .keyConditionExpression("openSubscription = :open AND subscriptionExpiresAt < :before")
                    .expressionAttributeValues(Map.of(":open", s(OPEN), ":before", n(beforeSeconds)))
                    .limit(limit - due.size())
                    .exclusiveStartKey(exclusiveStart));
            page.items().forEach(item -> due.add(record(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && due.size() < limit);
        return due;
    }

    private static ShipmentRecord record(Map<String, AttributeValue> item) {
        String status = Attr.string(item, "lastStatus");
        Long expires = Attr.number(item, "subscriptionExpiresAt");
        String pk = Attr.string(item, "pk");
        ShipmentRecord record = new ShipmentRecord(
                releaseKeyOf(Attr.string(item, "pk")),
                LedgerState.valueOf(Attr.string(item, "state")),
                (int) Attr.number(item, "attempt", 0),
                Attr.string(item, "owner"),
                Attr.epochMillis(item, "leaseUntil"),
                Attr.string(item, "shipmentId"),
                Attr.stringList(item, "trackingNumbers"),
                Attr.string(item, "labelLocation"),
                status == null ? null : TrackingStatus.valueOf(status),
                Attr.epochMillis(item, "lastEventTime"),
                expires == null || expires == 0 ? null : Instant.ofEpochSecond(expires),
                Attr.string(item, "reasonCode"),
                Attr.epochMillis(item, "updatedAt"));
        AttributeValue freight = item.get("freight");
        if (freight != null && freight.n() != null) {
            record = record.withFreight(new java.math.BigDecimal(freight.n()));
        }
        return com.epicorups.model.PackKey.isPackKey(pk) ? record.ofPack(com.epicorups.model.PackKey.parse(pk))
                : record;
    }

    /** A release's key from its text; null for a pack's ({@link com.epicorups.model.PackKey}), which is no release. */
    private static ReleaseKey releaseKeyOf(String text) {
        return com.epicorups.model.PackKey.isPackKey(text) ? null : ReleaseKey.parse(text);
    }
}
