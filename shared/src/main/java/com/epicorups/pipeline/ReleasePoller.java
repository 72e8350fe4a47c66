package com.epicorups.pipeline;

import com.epicorups.core.Concurrently;
import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.core.Reason;
import com.epicorups.logging.JsonLogger;
import com.epicorups.port.OrderPolling;
import com.epicorups.port.PollSummary;
import com.epicorups.port.Preflight;
import com.epicorups.port.PreflightVerdict;
import com.epicorups.port.ReleaseSource;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLines;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.Checkpoint;
import com.epicorups.store.CheckpointStore;
import com.epicorups.store.ShipmentLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The order poll: one invocation runs the changed-since cycle and, when it is due, the reconciliation sweep, both
 * through the same page loop ({@link PollPass}): pages of eligible releases from the {@link ReleaseSource}, one
 * ShipmentRequestMessage per release that is not skipped, sent with {@link MessageQueue#sendAll}; the pass's
 * checkpoint moves (compare-and-set) only after the whole page is enqueued. A failed compare-and-set means another
 * poller moved it: the pass stops without writing. One cycle runs at a time per company ({@link CycleLease}, taken
 * and given back by a try-with-resources block): a poller that finds another's cycle running does nothing (audit
 * {@code POLL_IN_PROGRESS}), so no change is enqueued twice by two pollers. Nothing is read or enqueued while the
 * {@link Preflight} says the tenant lacks something the connector needs.
 */
public final class ReleasePoller implements OrderPolling {
    private static final JsonLogger LOG = JsonLogger.getLogger(ReleasePoller.class);

    /** Longer than the order poller's Lambda timeout, so a live cycle never loses it between two pages. */
    public static final Duration DEFAULT_CYCLE_LEASE = Duration.ofMinutes(5);

    private final ReleaseSource source;
    private final PollSettings settings;
    private final CheckpointStore checkpoints;
    private final MessageQueue shipmentRequests;
    private final AuditLog audit;
    private final Clock clock;
    private final PollLedger ledger;
    private final Preflight preflight;
    private final ReleaseSource voids;
    private final String voidsCheckpoint;
    private volatile boolean lastCycleConflicted;

    /**
     * @param ledger the shipment ledger the reconciliation sweep looks releases up in; null for a poller that never
     *               sweeps (so does {@code settings.sweepEvery()} null)
     */
    public ReleasePoller(ReleaseSource source, PollSettings settings, CheckpointStore checkpoints,
                         MessageQueue shipmentRequests, AuditLog audit, Clock clock, ShipmentLedger ledger) {
        this(source, settings, checkpoints, shipmentRequests, audit, clock, ledger, Preflight.NONE);
    }

    /**
     * @param preflight whether the tenant has what the connector needs; while it says no, a cycle enqueues nothing and
     *                  fails (audited {@code POLL_CYCLE} FAILED {@code PREFLIGHT_FAILED}, logged at ERROR)
     */
    public ReleasePoller(ReleaseSource source, PollSettings settings, CheckpointStore checkpoints,
                         MessageQueue shipmentRequests, AuditLog audit, Clock clock, ShipmentLedger ledger,
                         Preflight preflight) {
        this(source, settings, checkpoints, shipmentRequests, audit, clock,
                ledger == null ? null : PollLedger.releases(ledger), preflight);
    }

    /**
     * The poll over any source (releases, or packs in pack mode) with the ledger its sweep asks.
     *
     * @param ledger what the reconciliation sweep asks the never-twice ledger; null for a poller that never sweeps
     */
    public ReleasePoller(ReleaseSource source, PollSettings settings, CheckpointStore checkpoints,
                         MessageQueue shipmentRequests, AuditLog audit, Clock clock, PollLedger ledger,
                         Preflight preflight) {
        this(source, settings, checkpoints, shipmentRequests, audit, clock, ledger, preflight, null, null);
    }

    /**
     * The poll with a void pass (pack mode): after the cycle and the sweep, the items {@code voids} lists changed
     * since its own checkpoint {@code voidsCheckpoint} (packs voided in Epicor after the connector shipped them) are
     * enqueued through the same page loop and lease, each as its own message (a void request).
     */
    public ReleasePoller(ReleaseSource source, PollSettings settings, CheckpointStore checkpoints,
                         MessageQueue shipmentRequests, AuditLog audit, Clock clock, PollLedger ledger,
                         Preflight preflight, ReleaseSource voids, String voidsCheckpoint) {
        this.voids = voids;
        this.voidsCheckpoint = voids == null ? null : Objects.requireNonNull(voidsCheckpoint, "voidsCheckpoint");
        this.preflight = Objects.requireNonNull(preflight, "preflight");
        this.source = Objects.requireNonNull(source, "source");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.shipmentRequests = Objects.requireNonNull(shipmentRequests, "shipmentRequests");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = ledger;
    }

    public String checkpointName() {
        return settings.checkpointName();
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
        int callsBefore = source.callCount();
        lastCycleConflicted = false;
        try (CycleLease lease = new CycleLease(checkpoints, leaseName(), pollId, settings.cycleLease(), clock)) {
            // The cycle's lease (DynamoDB) and its fresh source token do not depend on each other: one is taken while
            // the other is fetched. A token failure is raised once the lease is held, so it is audited.
            Concurrently.Both<Boolean, RuntimeException> start = Concurrently.both(lease::acquire, this::startCycle);
            if (!start.first()) {
                lastCycleConflicted = true;
                return inProgress(pollId, started, lease);
            }
            PollContext poll = new PollContext(pollId, started, source, checkpoints, shipmentRequests, audit, clock,
                    lease);
            ChangedSinceCycle cycle = new ChangedSinceCycle(poll, checkpointName(),
                    checkpoints.load(checkpointName()).orElse(null), callsBefore);
            if (start.second() != null) {
                throw cycle.failed(start.second());
            }
            PreflightVerdict verdict;
            try {
                verdict = preflight.verdict();
            } catch (RuntimeException e) {
                throw cycle.failed(e);
            }
            if (!verdict.passed()) {
                throw preflightFailed(pollId, started, verdict, callsBefore);
            }
            PollPass.End cycleEnd = cycle.run(settings.maxPagesPerCycle());
            SweepResult sweep = SweepResult.NONE;
            if (cycleEnd != PollPass.End.CONFLICT) {
                // The sweep waits while the changed-since cycle has a backlog (it stopped at the page budget): new
                // changes come first; it gets what the cycle left of the budget, at least one page.
                sweep = sweep(poll, cycleEnd == PollPass.End.REACHED_END
                        ? Math.max(1, settings.maxPagesPerCycle() - cycle.pages) : 0);
            }
            lastCycleConflicted = cycleEnd == PollPass.End.CONFLICT || sweep.conflicted();
            int voided = 0;
            if (voids != null && !lastCycleConflicted) {
                // Voids come last and get what is left of the budget, at least one page: a void waits a cycle at most.
                ChangedSinceCycle voidPass = new ChangedSinceCycle(new PollContext(pollId, started, voids, checkpoints,
                        shipmentRequests, audit, clock, lease), voidsCheckpoint,
                        checkpoints.load(voidsCheckpoint).orElse(null), voids.callCount());
                lastCycleConflicted = voidPass.run(Math.max(1, settings.maxPagesPerCycle() - cycle.pages
                        - sweep.pages())) == PollPass.End.CONFLICT;
                voided = voidPass.enqueued;
            }
            return new PollSummary(pollId, cycle.pages, cycle.seen, cycle.enqueued, cycle.skippedByReason(),
                    source.callCount() - callsBefore, cycle.position(), sweep.pages(), sweep.enqueued(), voided);
        }
    }

    /** Starts the source's cycle; what it threw, to raise once the lease is known to be held. */
    private RuntimeException startCycle() {
        try {
            source.startCycle();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** The reconciliation sweep's pages in this invocation, if this poller sweeps and a pass is due. */
    private SweepResult sweep(PollContext poll, int budget) {
        if (ledger == null || settings.sweepEvery() == null) {
            return SweepResult.NONE;
        }
        Optional<ReconciliationSweep> due = ReconciliationSweep.due(poll, sweepCheckpointName(), ledger,
                settings.sweepEvery(), budget);
        if (due.isEmpty()) {
            return SweepResult.NONE;
        }
        PollPass.End end = due.get().run(budget);
        return new SweepResult(due.get().pages, due.get().enqueued, end == PollPass.End.CONFLICT);
    }

    /** What the sweep did in one invocation. */
    private record SweepResult(int pages, int enqueued, boolean conflicted) {
        static final SweepResult NONE = new SweepResult(0, 0, false);
    }

    /**
     * The tenant lacks something the connector needs: nothing is enqueued, the cycle is audited FAILED with every
     * failed check (what is missing and what to do) and logged at ERROR beside it, and the invocation fails so that
     * the poller's Errors alarm fires. The next poll checks again.
     */
    private ConnectorException preflightFailed(String pollId, Instant started, PreflightVerdict verdict,
                                               int callsBefore) {
        String message = "Epicor preflight failed: nothing is enqueued until it passes: " + verdict.summary();
        Map<String, String> details = ChangedSinceCycle.details(0, 0, 0, source.callCount() - callsBefore,
                checkpoints.load(checkpointName()).map(Checkpoint::values).orElse(Map.of()));
        details.put("preflightRanAt", String.valueOf(verdict.ranAt()));
        AuditEntry entry = new AuditEntry(pollId, clock.instant(), AuditOperation.POLL_CYCLE, AuditOutcome.FAILED,
                Reason.PREFLIGHT_FAILED.code(), message, clock.millis() - started.toEpochMilli(), details, null);
        AuditLines.log(LOG, entry);
        audit.record(entry);
        return new ConnectorException(Reason.PREFLIGHT_FAILED, FailureKind.PERMANENT, message, null);
    }

    private PollSummary inProgress(String pollId, Instant started, CycleLease lease) {
        Map<String, String> at = checkpoints.load(checkpointName()).map(Checkpoint::values).orElse(Map.of());
        audit.record(new AuditEntry(pollId, clock.instant(), AuditOperation.POLL_CYCLE, AuditOutcome.SKIPPED,
                 Reason.POLL_IN_PROGRESS.code(), "another poll cycle is running: " + lease.describeHolder(),
                clock.millis() - started.toEpochMilli(), ChangedSinceCycle.details(0, 0, 0, 0, at), null));
        return new PollSummary(pollId, 0, 0, 0, Map.of(), 0, at);
    }
}
