package com.epicorups.epicor;

import com.epicorups.core.Concurrently;
import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.epicorups.epicor.EpicorSettings.CheckpointMode;
import com.epicorups.epicor.release.ChangeCursor;
import com.epicorups.epicor.release.MappedRelease;
import com.epicorups.epicor.release.ReleaseAssembler;
import com.epicorups.epicor.release.ReleaseMapper;
import com.epicorups.epicor.release.SkipReason;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.port.OrderPolling;
import com.epicorups.port.PollSummary;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.Checkpoint;
import com.epicorups.store.CheckpointStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One poll cycle over Epicor releases: pages of OrderRels (or a BAQ) that match the eligibility filter and
 * changed after the checkpoint, ordered by the change marker and the release key; per page one batched read
 * each of headers, lines, parts, ship-tos and customers; one ShipmentRequestMessage per shippable release,
 * sent with {@link MessageQueue#sendAll}; the checkpoint moves (compare-and-set) only after the whole page is
 * enqueued. A failed compare-and-set means another poller moved it: the cycle stops without writing.
 * One cycle runs at a time per company ({@link CycleLease}): a poller that finds another's cycle running
 * does nothing (audit {@code POLL_IN_PROGRESS}), so no change is enqueued twice by two pollers.
 *
 * <p>BAQ source: the BAQ must expose the columns {@code OrderRel_OrderNum}, {@code OrderRel_OrderLine},
 * {@code OrderRel_OrderRelNum} and {@code OrderRel_SysRevID} (CHANGEDATE mode: {@code OrderRel_ChangeDate},
 * {@code OrderRel_ChangeTime}); its own criteria decide eligibility. The releases are then read from OrderRels
 * by key, one batched call per page.
 */
public final class ReleasePoller implements OrderPolling {
    public static final String CHECKPOINT_CONFLICT = "CHECKPOINT_CONFLICT";
    /** Another poller's cycle holds the lease: this cycle did nothing. */
    public static final String POLL_IN_PROGRESS = "POLL_IN_PROGRESS";
    /** Longer than the order poller's Lambda timeout, so a live cycle never loses it between two pages. */
    public static final Duration DEFAULT_CYCLE_LEASE = Duration.ofMinutes(5);
    private static final String BAQ_PREFIX = "OrderRel_";

    private final EpicorClient client;
    private final EpicorSettings settings;
    private final CheckpointStore checkpoints;
    private final MessageQueue shipmentRequests;
    private final AuditLog audit;
    private final Clock clock;
    private final ReleaseAssembler assembler;
    private final Duration cycleLease;
    private volatile boolean lastCycleConflicted;

    public ReleasePoller(EpicorClient client, EpicorSettings settings, CheckpointStore checkpoints,
                         MessageQueue shipmentRequests, AuditLog audit, Clock clock) {
        this(client, settings, checkpoints, shipmentRequests, audit, clock, DEFAULT_CYCLE_LEASE);
    }

    public ReleasePoller(EpicorClient client, EpicorSettings settings, CheckpointStore checkpoints,
                         MessageQueue shipmentRequests, AuditLog audit, Clock clock, Duration cycleLease) {
        this.cycleLease = cycleLease;
        this.client = client;
        this.settings = settings;
        this.checkpoints = checkpoints;
        this.shipmentRequests = shipmentRequests;
        this.audit = audit;
        this.clock = clock;
        this.assembler = new ReleaseAssembler(client, settings);
    }

    public String checkpointName() {
        return "epicor-releases#" + settings.company();
    }

    /** The checkpoint item that holds the one-cycle-at-a-time lease. */
    public String leaseName() {
        return checkpointName() + "#lease";
    }

    /** Whether the last cycle stopped (or never started) because another poller was polling. */
    public boolean lastCycleConflicted() {
        return lastCycleConflicted;
    }

    @Override
    public PollSummary pollOnce(String pollId) {
        Instant started = clock.instant();
        int callsBefore = client.callCount();
        int pages = 0;
        int seen = 0;
        int enqueued = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        boolean conflict = false;
        lastCycleConflicted = false;

        CycleLease lease = new CycleLease(checkpoints, leaseName(), pollId, cycleLease, clock);
        // The cycle's lease (DynamoDB) and its fresh Epicor token do not depend on each other: one is taken while
        // the other is fetched. A token failure is raised once the lease is held, so it is released and audited.
        Concurrently.Both<Boolean, RuntimeException> start = Concurrently.both(lease::acquire, () -> {
            try {
                client.startCycle();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        if (!start.first()) {
            lastCycleConflicted = true;
            Map<String, String> at = checkpoints.load(checkpointName()).map(Checkpoint::values).orElse(Map.of());
            audit.record(new AuditEntry(pollId, clock.instant(), AuditOperation.POLL_CYCLE, AuditOutcome.SKIPPED,
                    POLL_IN_PROGRESS, "another poll cycle is running: " + lease.describeHolder(),
                    clock.millis() - started.toEpochMilli(), details(0, 0, 0, 0, at), null));
            return new PollSummary(pollId, 0, 0, 0, Map.of(), 0, at);
        }
        Checkpoint cp;
        ChangeCursor cursor;
        try {
            cp = checkpoints.load(checkpointName()).orElse(null);
            cursor = cp == null ? null : ChangeCursor.fromValues(cp.values(), settings.checkpointMode());
        } catch (RuntimeException e) {
            lease.release();
            throw e;
        }
        long version = cp == null ? 0 : cp.version();
        Map<String, String> position = cp == null ? Map.of() : cp.values();
        try {
            if (start.second() != null) {
                throw start.second();
            }
            while (true) {
                Page page = fetchPage(cursor);
                pages++;
                if (page.size() == 0) {
                    break;
                }
                seen += page.size();
                List<MappedRelease> mapped = new ArrayList<>(assembler.assemble(page.releases()));
                mapped.addAll(page.gone());
                List<String> bodies = new ArrayList<>();
                for (MappedRelease m : mapped) {
                    if (!m.isSkipped()) {
                        // Releases that need a fix are enqueued too: the creator re-reads them and fails them
                        // into the DLQ with the reason, where a redrive after the fix ships them.
                        bodies.add(toJson(new ShipmentRequestMessage(pollId, started, m.release(), m.references())));
                    }
                }
                if (!lease.renew()) {
                    conflict = true;
                    break;
                }
                if (!bodies.isEmpty()) {
                    shipmentRequests.sendAll(bodies);
                }
                enqueued += bodies.size();
                for (MappedRelease m : mapped) {
                    if (m.needsFix()) {
                        auditNeedsFix(pollId, m);
                    }
                    if (m.isSkipped()) {
                        skipped.merge(m.skipReason(), 1, Integer::sum);
                        auditSkip(pollId, m);
                    }
                }
                ChangeCursor next = page.last();
                if (!checkpoints.compareAndSet(checkpointName(), version, next.values(), clock.instant())) {
                    conflict = true;
                    break;
                }
                version++;
                cursor = next;
                position = next.values();
                if (page.size() < settings.pageSize() || pages >= settings.maxPagesPerCycle()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            lease.release();
            int calls = client.callCount() - callsBefore;
            ConnectorException ce = e instanceof ConnectorException c ? c
                    : new ConnectorException(FailureKind.TRANSIENT, "POLL_FAILED", e.getMessage(), e);
            audit.record(new AuditEntry(pollId, clock.instant(), AuditOperation.POLL_CYCLE,
                    ce.isTransient() ? AuditOutcome.RETRYING : AuditOutcome.FAILED, ce.reasonCode(),
                    "poll stopped after " + pages + " page(s): " + ce.getMessage(),
                    clock.millis() - started.toEpochMilli(),
                    details(pages, seen, enqueued, calls, position), null));
            throw ce;
        }
        lease.release();
        lastCycleConflicted = conflict;
        int calls = client.callCount() - callsBefore;
        audit.record(new AuditEntry(pollId, clock.instant(), AuditOperation.POLL_CYCLE,
                conflict ? AuditOutcome.SKIPPED : AuditOutcome.SUCCESS, conflict ? CHECKPOINT_CONFLICT : null,
                conflict ? "another poller moved checkpoint " + checkpointName() + " or took over the poll lease; this cycle "
                        + "stopped without writing it"
                        : "polled " + pages + " page(s)",
                clock.millis() - started.toEpochMilli(), details(pages, seen, enqueued, calls, position), null));
        return new PollSummary(pollId, pages, seen, enqueued, skipped, calls, position);
    }

    private Page fetchPage(ChangeCursor cursor) {
        CheckpointMode mode = settings.checkpointMode();
        if (settings.source() == EpicorSettings.Source.ORDER_RELS) {
            String filter = "(" + settings.eligibilityFilter() + ")";
            if (cursor != null) {
                filter += " and (" + cursor.afterFilter("") + ")";
            }
            List<JsonNode> rows = client.getRows(EpicorFields.ORDER_RELS, new OData.Query()
                    .select(EpicorFields.ORDER_REL)
                    .filter(filter)
                    .orderBy(String.join(",", ChangeCursor.orderColumns(mode)))
                    .top(settings.pageSize()));
            ChangeCursor last = rows.isEmpty() ? null : ChangeCursor.of(rows.get(rows.size() - 1), mode, "");
            return new Page(rows.size(), rows, List.of(), last);
        }
        List<String> columns = new ArrayList<>();
        for (String c : ChangeCursor.orderColumns(mode)) {
            columns.add(BAQ_PREFIX + c);
        }
        OData.Query q = new OData.Query().select(columns);
        if (cursor != null) {
            q.filter(cursor.afterFilter(BAQ_PREFIX));
        }
        q.orderBy(String.join(",", columns)).top(settings.pageSize());
        List<JsonNode> baqRows = client.getRows("BaqSvc/" + settings.baqId() + "/Data", q);
        if (baqRows.isEmpty()) {
            return new Page(0, List.of(), List.of(), null);
        }
        Map<ReleaseKey, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode r : baqRows) {
            byKey.put(new ReleaseKey(settings.company(), r.path(BAQ_PREFIX + "OrderNum").asInt(),
                    r.path(BAQ_PREFIX + "OrderLine").asInt(), r.path(BAQ_PREFIX + "OrderRelNum").asInt()), r);
        }
        List<JsonNode> rels = assembler.releases(byKey.keySet(), null, EpicorFields.ORDER_REL);
        Map<ReleaseKey, JsonNode> found = new HashMap<>();
        for (JsonNode rel : rels) {
            found.put(ReleaseMapper.keyOf(rel, settings.company()), rel);
        }
        List<MappedRelease> gone = new ArrayList<>();
        for (Map.Entry<ReleaseKey, JsonNode> e : byKey.entrySet()) {
            if (!found.containsKey(e.getKey())) {
                gone.add(MappedRelease.skipped(e.getKey(), e.getValue().path(BAQ_PREFIX + "SysRevID").asLong(),
                        SkipReason.RELEASE_GONE, "the BAQ lists it but OrderRels has no such release"));
            }
        }
        return new Page(baqRows.size(), rels, gone, ChangeCursor.of(baqRows.get(baqRows.size() - 1), mode, BAQ_PREFIX));
    }

    private void auditSkip(String pollId, MappedRelease m) {
        audit.record(new AuditEntry(m.key().asString(), clock.instant(), AuditOperation.RELEASE_SKIPPED,
                AuditOutcome.SKIPPED, m.skipReason(), m.detail(), 0,
                Map.of("pollId", pollId, "sysRevId", Long.toString(m.sysRevId())), null));
    }

    /** Visible at once in the audit trail, before the creator puts it in the DLQ with the same reason. */
    private void auditNeedsFix(String pollId, MappedRelease m) {
        audit.record(new AuditEntry(m.key().asString(), clock.instant(), AuditOperation.RELEASE_ENQUEUED,
                AuditOutcome.SUCCESS, m.skipReason(), "enqueued although it needs a fix (" + m.detail()
                        + "): the shipment creator will put it in the DLQ until the data is fixed", 0,
                Map.of("pollId", pollId, "sysRevId", Long.toString(m.sysRevId())), null));
    }

    private Map<String, String> details(int pages, int seen, int enqueued, int calls, Map<String, String> position) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("pages", Integer.toString(pages));
        d.put("releasesSeen", Integer.toString(seen));
        d.put("enqueued", Integer.toString(enqueued));
        d.put("epicorCalls", Integer.toString(calls));
        d.put("checkpoint", position.toString());
        return d;
    }

    private static String toJson(ShipmentRequestMessage m) {
        try {
            return Json.mapper().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a ShipmentRequestMessage", e);
        }
    }

    /** One page: how many rows the source returned, the OrderRel rows, releases already known gone, the cursor after it. */
    private record Page(int size, List<JsonNode> releases, List<MappedRelease> gone, ChangeCursor last) {
    }
}
