package com.epicorups.pipeline;

import com.epicorups.core.Reason;
import com.epicorups.port.PolledItem;
import com.epicorups.port.ReleaseSource;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.Checkpoint;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The changed-since cycle: the releases changed after the change checkpoint, in change order; every release that is
 * not skipped is enqueued (one that needs a fix too, its reason audited at once), each skip is audited with its
 * reason, and the checkpoint moves to the page's last row once the page is enqueued.
 */
final class ChangedSinceCycle extends PollPass {
    private final Map<String, Integer> skipped = new TreeMap<>();
    private Map<String, String> position;

    ChangedSinceCycle(PollContext poll, String checkpointName, Checkpoint checkpoint, int callsBefore) {
        super(poll, checkpointName, checkpoint == null ? 0 : checkpoint.version(), poll.started(), callsBefore);
        this.position = checkpoint == null ? Map.of() : checkpoint.values();
    }

    /** The checkpoint values the cycle started from, or those it last wrote. */
    Map<String, String> position() {
        return position;
    }

    Map<String, Integer> skippedByReason() {
        return skipped;
    }

    @Override
    ReleaseSource.Page read() {
        return poll.source().changedAfter(position);
    }

    @Override
    boolean endsOnEmptyPage() {
        return true;
    }

    /**
     * Releases that need a fix are enqueued too: the creator re-reads them and fails them into the DLQ with the
     * reason, where a redrive after the fix ships them.
     */
    @Override
    List<PolledItem> select(List<PolledItem> mapped) {
        return mapped.stream().filter(m -> !m.isSkipped()).toList();
    }

    @Override
    void audit(List<PolledItem> mapped, List<PolledItem> sent) {
        for (PolledItem m : mapped) {
            if (m.needsFix()) {
                auditNeedsFix(m);
            }
            if (m.isSkipped()) {
                skipped.merge(m.skipReason().code(), 1, Integer::sum);
                auditSkip(m);
            }
        }
    }

    @Override
    Map<String, String> checkpointAfter(ReleaseSource.Page page, List<PolledItem> sent) {
        return page.position();
    }

    @Override
    void moved(Map<String, String> values) {
        position = values;
    }

    @Override
    Reason failureReason() {
        return Reason.POLL_FAILED;
    }

    @Override
    String stoppedAfter() {
        return "poll stopped after " + pages + " page(s): ";
    }

    @Override
    Map<String, String> details() {
        return details(pages, seen, enqueued, calls(), position);
    }

    @Override
    AuditOperation operation() {
        return AuditOperation.POLL_CYCLE;
    }

    /** The cycle's POLL_CYCLE entry: polled, or stopped by another poller without writing. */
    @Override
    void record(End end) {
        boolean conflict = end == End.CONFLICT;
        poll.audit().record(new AuditEntry(poll.pollId(), poll.clock().instant(), AuditOperation.POLL_CYCLE,
                conflict ? AuditOutcome.SKIPPED : AuditOutcome.SUCCESS,
                conflict ? Reason.CHECKPOINT_CONFLICT.code() : null,
                conflict ? "another poller moved checkpoint " + checkpointName + " or took over the poll lease; this "
                        + "cycle stopped without writing it"
                        : "polled " + pages + " page(s)",
                elapsedMillis(), details(), null));
    }

    static Map<String, String> details(int pages, int seen, int enqueued, int calls, Map<String, String> position) {
        Map<String, String> d = counts(pages, seen, enqueued, calls);
        d.put("checkpoint", position.toString());
        return d;
    }

    private void auditSkip(PolledItem m) {
        poll.audit().record(new AuditEntry(m.subject(), poll.clock().instant(), AuditOperation.RELEASE_SKIPPED,
                AuditOutcome.SKIPPED, m.skipReason().code(), m.detail(), 0,
                Map.of("pollId", poll.pollId(), "sysRevId", Long.toString(m.sysRevId())), null));
    }

    /** Visible at once in the audit trail, before the creator puts it in the DLQ with the same reason. */
    private void auditNeedsFix(PolledItem m) {
        poll.audit().record(new AuditEntry(m.subject(), poll.clock().instant(), AuditOperation.RELEASE_ENQUEUED,
                AuditOutcome.SUCCESS, m.skipReason().code(), "enqueued although it needs a fix (" + m.detail()
                        + "): the shipment creator will put it in the DLQ until the data is fixed", 0,
                Map.of("pollId", poll.pollId(), "sysRevId", Long.toString(m.sysRevId())), null));
    }
}
