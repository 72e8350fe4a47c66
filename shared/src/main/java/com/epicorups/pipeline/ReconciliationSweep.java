package com.epicorups.pipeline;

import com.epicorups.core.Reason;
import com.epicorups.port.PolledItem;
import com.epicorups.port.ReleaseSource;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reconciliation sweep: every release the source lists as eligible, in key order, whatever its change marker;
 * those that would be enqueued and have no shipment ledger record at all were never enqueued by the changed-since
 * poll (a transaction that committed after the poll passed its SysRevID) and are enqueued now. Runs only when due;
 * a pass larger than its page budget goes on from its cursor next time. Its checkpoint holds the last completed pass
 * ({@code lastCompletedAt}) and, while a pass is under way, its start, cursor and running counts.
 */
final class ReconciliationSweep extends PollPass {
    private static final String LAST_COMPLETED = "lastCompletedAt";
    private static final String PASS_STARTED = "passStartedAt";

    private final PollLedger ledger;
    private Map<String, String> state;
    private int inLedger;
    private int inLedgerOfPage;

    private ReconciliationSweep(PollContext poll, String checkpointName, Checkpoint checkpoint,
                                Map<String, String> state, Instant now, PollLedger ledger) {
        super(poll, checkpointName, checkpoint.version(), now, poll.source().callCount());
        this.state = state;
        this.ledger = ledger;
    }

    /**
     * The sweep pass to run now, if one is due (every {@code every}, or a pass under way) and the invocation left it
     * {@code budget} pages. A fresh install (no sweep checkpoint) only records now as the last completed pass: the
     * changed-since poll starts from the beginning anyway, and sweeping now would read every release twice.
     */
    static Optional<ReconciliationSweep> due(PollContext poll, String checkpointName, PollLedger ledger,
                                             Duration every, int budget) {
        Instant now = poll.clock().instant();
        Checkpoint cp = poll.checkpoints().load(checkpointName).orElse(null);
        if (cp == null) {
            poll.checkpoints().compareAndSet(checkpointName, 0, Map.of(LAST_COMPLETED, now.toString()), now);
            return Optional.empty();
        }
        Map<String, String> state = new LinkedHashMap<>(cp.values());
        boolean underWay = state.containsKey(PASS_STARTED);
        if (!underWay) {
            Instant last = parseInstant(state.get(LAST_COMPLETED));
            if (last != null && now.isBefore(last.plus(every))) {
                return Optional.empty();
            }
        }
        if (budget <= 0) {
            return Optional.empty();
        }
        if (!underWay) {
            Map<String, String> fresh = new LinkedHashMap<>();
            if (state.containsKey(LAST_COMPLETED)) {
                fresh.put(LAST_COMPLETED, state.get(LAST_COMPLETED));
            }
            fresh.put(PASS_STARTED, now.toString());
            state = fresh;
        }
        return Optional.of(new ReconciliationSweep(poll, checkpointName, cp, state, now, ledger));
    }

    @Override
    ReleaseSource.Page read() {
        return poll.source().inKeyOrderAfter(state);
    }

    @Override
    boolean endsOnEmptyPage() {
        return false;
    }

    /** The releases the poll would enqueue that the shipment ledger has never seen, in any state. */
    @Override
    List<PolledItem> select(List<PolledItem> mapped) {
        List<PolledItem> wanted = mapped.stream().filter(m -> !m.isSkipped()).toList();
        Set<String> known = wanted.isEmpty() ? Set.of() : ledger.recorded(wanted);
        inLedgerOfPage = known.size();
        return wanted.stream().filter(m -> !known.contains(m.subject())).toList();
    }

    @Override
    void audit(List<PolledItem> mapped, List<PolledItem> sent) {
        sent.forEach(this::auditFound);
    }

    /** The running counts of the pass, with the cursor after this page; only the completion once the pass ends. */
    @Override
    Map<String, String> checkpointAfter(ReleaseSource.Page page, List<PolledItem> sent) {
        inLedger += inLedgerOfPage;
        state.merge("seen", Integer.toString(page.rows()), ReconciliationSweep::plus);
        state.merge("inLedger", Integer.toString(inLedgerOfPage), ReconciliationSweep::plus);
        state.merge("enqueued", Integer.toString(sent.size()), ReconciliationSweep::plus);
        state.merge("pages", "1", ReconciliationSweep::plus);
        Map<String, String> next = new LinkedHashMap<>();
        if (page.isLast()) {
            next.put(LAST_COMPLETED, poll.clock().instant().toString());
        } else {
            next.putAll(state);
            next.putAll(page.position());
        }
        return next;
    }

    /** A completed pass keeps its counts for its audit entry; a pass under way resumes from what it wrote. */
    @Override
    void moved(Map<String, String> values) {
        if (!values.containsKey(PASS_STARTED)) {
            return;
        }
        state = new LinkedHashMap<>(values);
    }

    @Override
    Reason failureReason() {
        return Reason.SWEEP_FAILED;
    }

    @Override
    String stoppedAfter() {
        return "reconciliation sweep stopped after " + pages + " page(s); it resumes from its cursor on the next poll: ";
    }

    @Override
    Map<String, String> details() {
        Map<String, String> d = counts(pages, seen, enqueued, calls());
        d.put("alreadyInLedger", Integer.toString(inLedger));
        d.put("sweep", state.toString());
        return d;
    }

    @Override
    AuditOperation operation() {
        return AuditOperation.POLL_SWEEP;
    }

    /** The sweep's POLL_SWEEP entry: complete, under way, or stopped by another poller without writing. */
    @Override
    void record(End end) {
        boolean conflict = end == End.CONFLICT;
        String pass = "pass started " + state.get(PASS_STARTED) + " (so far: " + state.getOrDefault("seen", "0")
                + " seen, " + state.getOrDefault("inLedger", "0") + " already in the ledger, "
                + state.getOrDefault("enqueued", "0") + " enqueued)";
        poll.audit().record(new AuditEntry(poll.pollId(), poll.clock().instant(), AuditOperation.POLL_SWEEP,
                conflict ? AuditOutcome.SKIPPED : AuditOutcome.SUCCESS,
                conflict ? Reason.CHECKPOINT_CONFLICT.code() : null,
                conflict ? "another poller took over the poll lease or moved " + checkpointName
                        + "; the sweep stopped without writing it"
                        : (end == End.REACHED_END ? "reconciliation sweep complete: " : "reconciliation sweep under way, "
                        + "resumes from its cursor on the next poll: ") + pages + " page(s), " + seen
                        + " release(s) seen, " + inLedger + " already in the shipment ledger, " + enqueued
                        + " enqueued; " + pass,
                elapsedMillis(), details(), null));
    }

    private void auditFound(PolledItem m) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("pollId", poll.pollId());
        d.put("sysRevId", Long.toString(m.sysRevId()));
        String fix = "";
        if (m.needsFix()) {
            d.put("needsFix", m.skipReason().code());
            fix = "; it needs a fix (" + m.skipReason() + ": " + m.detail() + "), so the shipment creator will put "
                    + "it in the DLQ until the data is fixed";
        }
        poll.audit().record(new AuditEntry(m.subject(), poll.clock().instant(), AuditOperation.RELEASE_ENQUEUED,
                AuditOutcome.SUCCESS, Reason.SWEEP_FOUND.code(), "enqueued by the reconciliation sweep: eligible with "
                        + "no shipment ledger record, so the changed-since poll had not enqueued it (its change "
                        + "committed after the poll had passed its change marker)" + fix, 0, d, null));
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
}
