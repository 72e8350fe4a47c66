package com.epicorups.epicor;

import com.epicorups.core.Concurrently;
import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Json;
import com.epicorups.epicor.EpicorSettings.CheckpointMode;
import com.epicorups.epicor.release.ChangeCursor;
import com.epicorups.epicor.release.KeyCursor;
import com.epicorups.epicor.release.MappedRelease;
import com.epicorups.epicor.release.ReleaseAssembler;
import com.epicorups.epicor.release.ReleaseMapper;
import com.epicorups.epicor.release.SkipReason;
import com.epicorups.logging.JsonLogger;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.port.OrderPolling;
import com.epicorups.port.PollSummary;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLines;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.Checkpoint;
import com.epicorups.store.CheckpointStore;
import com.epicorups.store.ShipmentLedger;
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
import java.util.function.Function;

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
    private static final JsonLogger LOG = JsonLogger.getLogger(ReleasePoller.class);

    public static final String CHECKPOINT_CONFLICT = "CHECKPOINT_CONFLICT";
    /** Another poller's cycle holds the lease: this cycle did nothing. */
    public static final String POLL_IN_PROGRESS = "POLL_IN_PROGRESS";
    /** Longer than the order poller's Lambda timeout, so a live cycle never loses it between two pages. */
    public static final Duration DEFAULT_CYCLE_LEASE = Duration.ofMinutes(5);
    /** A release the reconciliation sweep found eligible with no shipment ledger record: enqueued by the sweep. */
    public static final String SWEEP_FOUND = "SWEEP_FOUND";
    private static final String BAQ_PREFIX = "OrderRel_";
    private static final String LAST_COMPLETED = "lastCompletedAt";
    private static final String PASS_STARTED = "passStartedAt";

    private final EpicorClient client;
    private final EpicorSettings settings;
    private final CheckpointStore checkpoints;
    private final MessageQueue shipmentRequests;
    private final AuditLog audit;
    private final Clock clock;
    private final ReleaseAssembler assembler;
    private final Duration cycleLease;
    private final ShipmentLedger ledger;
    private volatile boolean lastCycleConflicted;

    /** A poller without the reconciliation sweep (it needs the shipment ledger). */
    public ReleasePoller(EpicorClient client, EpicorSettings settings, CheckpointStore checkpoints,
                         MessageQueue shipmentRequests, AuditLog audit, Clock clock) {
        this(client, settings, checkpoints, shipmentRequests, audit, clock, DEFAULT_CYCLE_LEASE, null);
    }

    /** A poller without the reconciliation sweep (it needs the shipment ledger). */
    public ReleasePoller(EpicorClient client, EpicorSettings settings, CheckpointStore checkpoints,
                         MessageQueue shipmentRequests, AuditLog audit, Clock clock, Duration cycleLease) {
        this(client, settings, checkpoints, shipmentRequests, audit, clock, cycleLease, null);
    }

    /**
     * The production poller: with a {@code ledger}, a poll invocation that finds the reconciliation sweep due
     * ({@link EpicorSettings#sweepEvery()}) runs sweep pages after the changed-since cycle.
     */
    public ReleasePoller(EpicorClient client, EpicorSettings settings, CheckpointStore checkpoints,
                         MessageQueue shipmentRequests, AuditLog audit, Clock clock, Duration cycleLease,
                         ShipmentLedger ledger) {
        this.ledger = ledger;
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

    /** The checkpoint item of the reconciliation sweep: the last completed pass, and the cursor of one under way. */
    public String sweepCheckpointName() {
        return checkpointName() + "#sweep";
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
        boolean caughtUp = false;
        try {
            if (start.second() != null) {
                throw start.second();
            }
            while (true) {
                ChangeCursor after = cursor;
                Page page = fetchPage(ChangeCursor.orderColumns(mode()), after == null ? null : after::afterFilter);
                pages++;
                if (page.size() == 0) {
                    caughtUp = true;
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
                ChangeCursor next = ChangeCursor.of(page.lastRow(), mode(), page.prefix());
                if (!checkpoints.compareAndSet(checkpointName(), version, next.values(), clock.instant())) {
                    conflict = true;
                    break;
                }
                version++;
                cursor = next;
                position = next.values();
                if (page.size() < settings.pageSize()) {
                    caughtUp = true;
                    break;
                }
                if (pages >= settings.maxPagesPerCycle()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            lease.release();
            throw failed(pollId, AuditOperation.POLL_CYCLE, e, "POLL_FAILED", "poll stopped after " + pages
                    + " page(s): ", started,
                    details(pages, seen, enqueued, client.callCount() - callsBefore, position));
        }
        lastCycleConflicted = conflict;
        int calls = client.callCount() - callsBefore;
        audit.record(new AuditEntry(pollId, clock.instant(), AuditOperation.POLL_CYCLE,
                conflict ? AuditOutcome.SKIPPED : AuditOutcome.SUCCESS, conflict ? CHECKPOINT_CONFLICT : null,
                conflict ? "another poller moved checkpoint " + checkpointName() + " or took over the poll lease; this cycle "
                        + "stopped without writing it"
                        : "polled " + pages + " page(s)",
                clock.millis() - started.toEpochMilli(), details(pages, seen, enqueued, calls, position), null));
        SweepResult sweep = SweepResult.NONE;
        if (!conflict && ledger != null && settings.sweepEvery() != null) {
            // The sweep waits while the changed-since cycle has a backlog (it stopped at the page budget): new
            // changes come first; it gets what the cycle left of the budget, at least one page.
            int budget = caughtUp ? Math.max(1, settings.maxPagesPerCycle() - pages) : 0;
            try {
                sweep = sweep(pollId, started, lease, budget);
            } catch (RuntimeException e) {
                lease.release();
                throw e;
            }
        }
        lease.release();
        if (sweep.conflicted()) {
            lastCycleConflicted = true;
        }
        return new PollSummary(pollId, pages, seen, enqueued, skipped, client.callCount() - callsBefore, position,
                sweep.pages(), sweep.enqueued());
    }

    private CheckpointMode mode() {
        return settings.checkpointMode();
    }

    // ------------------------------------------------------------------------------------ reconciliation sweep

    /**
     * The reconciliation sweep: every release the eligibility filter (or the BAQ) lists, in key order, whatever its
     * change marker; those that would be enqueued and have no shipment ledger record at all were never enqueued
     * by the changed-since poll (a transaction that committed after the poll passed its SysRevID) and are
     * enqueued now. Runs only when due; a pass larger than {@code budget} pages goes on from its cursor next time.
     */
    private SweepResult sweep(String pollId, Instant pollStarted, CycleLease lease, int budget) {
        Instant now = clock.instant();
        Checkpoint cp = checkpoints.load(sweepCheckpointName()).orElse(null);
        if (cp == null) {
            // A fresh install: the changed-since poll starts from the beginning anyway; sweeping now would read
            // every release twice. The first pass is due one interval from now.
            checkpoints.compareAndSet(sweepCheckpointName(), 0, Map.of(LAST_COMPLETED, now.toString()), now);
            return SweepResult.NONE;
        }
        Map<String, String> state = new LinkedHashMap<>(cp.values());
        boolean underWay = state.containsKey(PASS_STARTED);
        if (!underWay) {
            Instant last = parseInstant(state.get(LAST_COMPLETED));
            if (last != null && now.isBefore(last.plus(settings.sweepEvery()))) {
                return SweepResult.NONE;
            }
        }
        if (budget <= 0) {
            return SweepResult.NONE;
        }
        if (!underWay) {
            Map<String, String> fresh = new LinkedHashMap<>();
            if (state.containsKey(LAST_COMPLETED)) {
                fresh.put(LAST_COMPLETED, state.get(LAST_COMPLETED));
            }
            fresh.put(PASS_STARTED, now.toString());
            state = fresh;
        }
        long version = cp.version();
        KeyCursor cursor = KeyCursor.fromValues(state);
        int callsBefore = client.callCount();
        int pages = 0;
        int seen = 0;
        int inLedger = 0;
        int enqueued = 0;
        boolean complete = false;
        boolean conflict = false;
        try {
            while (pages < budget) {
                KeyCursor after = cursor;
                Page page = fetchPage(KeyCursor.COLUMNS, after == null ? null : after::afterFilter);
                pages++;
                List<MappedRelease> wanted = new ArrayList<>();
                if (page.size() > 0) {
                    List<MappedRelease> mapped = new ArrayList<>(assembler.assemble(page.releases()));
                    mapped.addAll(page.gone());
                    for (MappedRelease m : mapped) {
                        if (!m.isSkipped()) {
                            wanted.add(m);
                        }
                    }
                }
                Map<com.epicorups.model.ReleaseKey, ?> known = wanted.isEmpty() ? Map.of()
                        : ledger.getAll(wanted.stream().map(MappedRelease::key).toList());
                List<MappedRelease> missing = wanted.stream().filter(m -> !known.containsKey(m.key())).toList();
                if (!lease.renew()) {
                    conflict = true;
                    break;
                }
                if (!missing.isEmpty()) {
                    List<String> bodies = new ArrayList<>();
                    for (MappedRelease m : missing) {
                        bodies.add(toJson(
                                new ShipmentRequestMessage(pollId, pollStarted, m.release(), m.references())));
                    }
                    shipmentRequests.sendAll(bodies);
                    missing.forEach(m -> auditSweepFound(pollId, m));
                }
                seen += page.size();
                inLedger += known.size();
                enqueued += missing.size();
                state.merge("seen", Integer.toString(page.size()), ReleasePoller::plus);
                state.merge("inLedger", Integer.toString(known.size()), ReleasePoller::plus);
                state.merge("enqueued", Integer.toString(missing.size()), ReleasePoller::plus);
                state.merge("pages", "1", ReleasePoller::plus);
                complete = page.size() < settings.pageSize();
                Map<String, String> next;
                if (complete) {
                    next = new LinkedHashMap<>();
                    next.put(LAST_COMPLETED, clock.instant().toString());
                } else {
                    cursor = KeyCursor.of(page.lastRow(), page.prefix());
                    next = new LinkedHashMap<>(state);
                    next.putAll(cursor.values());
                }
                if (!checkpoints.compareAndSet(sweepCheckpointName(), version, next, clock.instant())) {
                    conflict = true;
                    break;
                }
                version++;
                if (complete) {
                    break;
                }
                state = next;
            }
        } catch (RuntimeException e) {
            throw failed(pollId, AuditOperation.POLL_SWEEP, e, "SWEEP_FAILED", "reconciliation sweep stopped after "
                    + pages + " page(s); it resumes from its cursor on the next poll: ", now,
                    sweepDetails(pages, seen, inLedger, enqueued, client.callCount() - callsBefore, state));
        }
        Map<String, String> d = sweepDetails(pages, seen, inLedger, enqueued, client.callCount() - callsBefore, state);
        String pass = "pass started " + state.get(PASS_STARTED) + " (so far: " + state.getOrDefault("seen", "0")
                + " seen, " + state.getOrDefault("inLedger", "0") + " already in the ledger, "
                + state.getOrDefault("enqueued", "0") + " enqueued)";
        audit.record(new AuditEntry(pollId, clock.instant(), AuditOperation.POLL_SWEEP,
                conflict ? AuditOutcome.SKIPPED : AuditOutcome.SUCCESS, conflict ? CHECKPOINT_CONFLICT : null,
                conflict ? "another poller took over the poll lease or moved " + sweepCheckpointName()
                        + "; the sweep stopped without writing it"
                        : (complete ? "reconciliation sweep complete: " : "reconciliation sweep under way, resumes "
                        + "from its cursor on the next poll: ") + pages + " page(s), " + seen + " release(s) seen, "
                        + inLedger + " already in the shipment ledger, " + enqueued + " enqueued; " + pass,
                clock.millis() - now.toEpochMilli(), d, null));
        return new SweepResult(pages, enqueued, conflict);
    }

    private void auditSweepFound(String pollId, MappedRelease m) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("pollId", pollId);
        d.put("sysRevId", Long.toString(m.sysRevId()));
        String fix = "";
        if (m.needsFix()) {
            d.put("needsFix", m.skipReason());
            fix = "; it needs a fix (" + m.skipReason() + ": " + m.detail() + "), so the shipment creator will put "
                    + "it in the DLQ until the data is fixed";
        }
        audit.record(new AuditEntry(m.key().asString(), clock.instant(), AuditOperation.RELEASE_ENQUEUED,
                AuditOutcome.SUCCESS, SWEEP_FOUND, "enqueued by the reconciliation sweep: eligible with no shipment "
                        + "ledger record, so the changed-since poll had not enqueued it (its change committed after "
                        + "the poll had passed its change marker)" + fix, 0, d, null));
    }

    /**
     * A cycle or sweep that stopped on {@code e}: audited RETRYING or FAILED with its reason and logged beside it
     * ({@link AuditLines}); returns what to throw (an exception that is not a ConnectorException is a transient
     * {@code fallbackCode}).
     */
    private ConnectorException failed(String pollId, AuditOperation operation, RuntimeException e, String fallbackCode,
                                      String stopped, Instant since, Map<String, String> details) {
        ConnectorException ce = e instanceof ConnectorException c ? c
                : new ConnectorException(FailureKind.TRANSIENT, fallbackCode, e.getMessage(), e);
        AuditEntry entry = new AuditEntry(pollId, clock.instant(), operation,
                ce.isTransient() ? AuditOutcome.RETRYING : AuditOutcome.FAILED, ce.reasonCode(),
                stopped + ce.getMessage(), clock.millis() - since.toEpochMilli(), details, null);
        AuditLines.log(LOG, entry);
        audit.record(entry);
        return ce;
    }

    private static Map<String, String> sweepDetails(int pages, int seen, int inLedger, int enqueued, int calls,
                                                    Map<String, String> state) {
        Map<String, String> d = counts(pages, seen, enqueued, calls);
        d.put("alreadyInLedger", Integer.toString(inLedger));
        d.put("sweep", state.toString());
        return d;
    }

    private static String plus(String a, String b) {
        return Integer.toString(Integer.parseInt(a) + Integer.parseInt(b));
    }

    private static Instant parseInstant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** What the sweep did in one invocation. */
    private record SweepResult(int pages, int enqueued, boolean conflicted) {
        static final SweepResult NONE = new SweepResult(0, 0, false);
    }

    // ------------------------------------------------------------------------------------ paging

    /**
     * One page of the source in {@code orderColumns} order after the keyset cursor ({@code afterFilter} turns a
     * column prefix into the cursor's filter; null on the first page).
     */
    private Page fetchPage(List<String> orderColumns, Function<String, String> afterFilter) {
        if (settings.source() == EpicorSettings.Source.ORDER_RELS) {
            String filter = "(" + settings.eligibilityFilter() + ")";
            if (afterFilter != null) {
                filter += " and (" + afterFilter.apply("") + ")";
            }
            List<JsonNode> rows = client.getRows(EpicorFields.ORDER_RELS, new OData.Query()
                    .select(EpicorFields.ORDER_REL)
                    .filter(filter)
                    .orderBy(String.join(",", orderColumns))
                    .top(settings.pageSize()));
            return new Page(rows.size(), rows, List.of(), rows.isEmpty() ? null : rows.get(rows.size() - 1), "");
        }
        // The change marker is always selected: a BAQ row without its release is audited with it.
        List<String> columns = new ArrayList<>();
        for (String c : ChangeCursor.orderColumns(mode())) {
            columns.add(BAQ_PREFIX + c);
        }
        OData.Query q = new OData.Query().select(columns);
        if (afterFilter != null) {
            q.filter(afterFilter.apply(BAQ_PREFIX));
        }
        q.orderBy(String.join(",", orderColumns.stream().map(c -> BAQ_PREFIX + c).toList())).top(settings.pageSize());
        List<JsonNode> baqRows = client.getRows("BaqSvc/" + settings.baqId() + "/Data", q);
        if (baqRows.isEmpty()) {
            return new Page(0, List.of(), List.of(), null, BAQ_PREFIX);
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
        return new Page(baqRows.size(), rels, gone, baqRows.get(baqRows.size() - 1), BAQ_PREFIX);
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

    private static Map<String, String> details(int pages, int seen, int enqueued, int calls,
                                               Map<String, String> position) {
        Map<String, String> d = counts(pages, seen, enqueued, calls);
        d.put("checkpoint", position.toString());
        return d;
    }

    /** What a cycle and a sweep both report: pages, releases seen and enqueued, Epicor calls. */
    private static Map<String, String> counts(int pages, int seen, int enqueued, int calls) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("pages", Integer.toString(pages));
        d.put("releasesSeen", Integer.toString(seen));
        d.put("enqueued", Integer.toString(enqueued));
        d.put("epicorCalls", Integer.toString(calls));
        return d;
    }

    private static String toJson(ShipmentRequestMessage m) {
        try {
            return Json.mapper().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a ShipmentRequestMessage", e);
        }
    }

    /**
     * One page: how many rows the source returned, the OrderRel rows, releases already known gone, and the source's
     * last row (with its column prefix) that the next page's cursor is taken from.
     */
    private record Page(int size, List<JsonNode> releases, List<MappedRelease> gone, JsonNode lastRow, String prefix) {
    }
}
