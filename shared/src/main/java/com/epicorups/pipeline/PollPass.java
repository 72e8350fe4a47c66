package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.logging.JsonLogger;
import com.epicorups.port.PolledItem;
import com.epicorups.port.ReleaseSource;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLines;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one page loop of an order poll, shared by the changed-since cycle and the reconciliation sweep: read the page
 * after the pass's cursor, choose what to enqueue, renew the lease, enqueue it with one
 * {@link com.epicorups.queue.MessageQueue#sendAll}, audit, then move the pass's checkpoint with compare-and-set, only
 * once the whole page is enqueued. It ends at a short page, when the page budget is spent, or when another poller
 * took over (the lease could not be renewed or the checkpoint moved under it: nothing more is enqueued or written).
 * The passes differ in their query and cursor, what they enqueue and audit, and what their checkpoint holds.
 */
abstract class PollPass {
    private static final JsonLogger LOG = JsonLogger.getLogger(ReleasePoller.class);

    /** Why a pass stopped paging. */
    enum End {
        /** A short page: nothing follows it yet. */
        REACHED_END,
        /** The page budget was spent first; the pass goes on from its checkpoint next time. */
        BUDGET_SPENT,
        /** Another poller took over the lease or moved the checkpoint; this pass wrote nothing more. */
        CONFLICT
    }

    final PollContext poll;
    final String checkpointName;
    private final Instant since;
    private final int callsBefore;
    private long version;
    int pages;
    int seen;
    int enqueued;

    /**
     * @param version     the checkpoint's version as loaded (0: none yet)
     * @param since       when the pass began, for the audited duration
     * @param callsBefore the source's call count when the pass began
     */
    PollPass(PollContext poll, String checkpointName, long version, Instant since, int callsBefore) {
        this.poll = poll;
        this.checkpointName = checkpointName;
        this.version = version;
        this.since = since;
        this.callsBefore = callsBefore;
    }

    /** The next page after the pass's cursor. */
    abstract ReleaseSource.Page read();

    /** Whether an empty page ends the pass at once, with nothing to enqueue or write. */
    abstract boolean endsOnEmptyPage();

    /** What of the page's releases to enqueue. */
    abstract List<PolledItem> select(List<PolledItem> mapped);

    /** Audits the page's releases once those {@code sent} are enqueued. */
    abstract void audit(List<PolledItem> mapped, List<PolledItem> sent);

    /** The pass's checkpoint values once this page is enqueued. */
    abstract Map<String, String> checkpointAfter(ReleaseSource.Page page, List<PolledItem> sent);

    /** The checkpoint now holds {@code values}. */
    abstract void moved(Map<String, String> values);

    /** The reason code of a failure that is not a ConnectorException (a bug, a store or queue error). */
    abstract Reason failureReason();

    /** The start of the failure's audit message: where the pass stopped and what happens next. */
    abstract String stoppedAfter();

    /** The audit details: the counts and the pass's position. */
    abstract Map<String, String> details();

    abstract AuditOperation operation();

    /** The pass's audit entry once it stopped paging. */
    abstract void record(End end);

    /**
     * Pages through the source until a short page, the budget of {@code budget} pages, or a conflict, and audits how
     * it ended; a failure is audited and thrown (see {@link #failed}).
     */
    final End run(int budget) {
        End end;
        try {
            end = pageThrough(budget);
        } catch (RuntimeException e) {
            throw failed(e);
        }
        record(end);
        return end;
    }

    private End pageThrough(int budget) {
        while (pages < budget) {
            ReleaseSource.Page page = read();
            pages++;
            if (page.rows() == 0 && endsOnEmptyPage()) {
                return End.REACHED_END;
            }
            seen += page.rows();
            List<PolledItem> mapped = List.copyOf(page.mapReleases());
            List<PolledItem> wanted = select(mapped);
            if (!poll.lease().renew()) {
                return End.CONFLICT;
            }
            send(wanted);
            enqueued += wanted.size();
            audit(mapped, wanted);
            Map<String, String> next = checkpointAfter(page, wanted);
            if (!poll.checkpoints().compareAndSet(checkpointName, version, next, poll.clock().instant())) {
                return End.CONFLICT;
            }
            version++;
            moved(next);
            if (page.isLast()) {
                return End.REACHED_END;
            }
        }
        return End.BUDGET_SPENT;
    }

    private void send(List<PolledItem> releases) {
        if (releases.isEmpty()) {
            return;
        }
        List<String> bodies = new ArrayList<>();
        for (PolledItem m : releases) {
            bodies.add(toJson(m.message(poll.pollId(), poll.started())));
        }
        poll.shipmentRequests().sendAll(bodies);
    }

    /** Calls made to the source since the pass began. */
    final int calls() {
        return poll.source().callCount() - callsBefore;
    }

    /** Milliseconds since the pass began. */
    final long elapsedMillis() {
        return poll.clock().millis() - since.toEpochMilli();
    }

    /**
     * A pass that stopped on {@code e}: audited RETRYING or FAILED with its reason and logged beside it
     * ({@link AuditLines}); returns what to throw (an exception that is not a ConnectorException is a transient
     * {@link #failureReason()}).
     */
    final ConnectorException failed(RuntimeException e) {
        ConnectorException ce = e instanceof ConnectorException c ? c
                : new ConnectorException(failureReason(), e.getMessage(), e);
        AuditEntry entry = new AuditEntry(poll.pollId(), poll.clock().instant(), operation(),
                ce.isTransient() ? AuditOutcome.RETRYING : AuditOutcome.FAILED, ce.reasonCode(),
                stoppedAfter() + ce.getMessage(), elapsedMillis(), details(), null);
        AuditLines.log(LOG, entry);
        poll.audit().record(entry);
        return ce;
    }

    /** What a cycle and a sweep both report: pages, releases seen and enqueued, source calls. */
    static Map<String, String> counts(int pages, int seen, int enqueued, int calls) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("pages", Integer.toString(pages));
        d.put("releasesSeen", Integer.toString(seen));
        d.put("enqueued", Integer.toString(enqueued));
        d.put("epicorCalls", Integer.toString(calls));
        return d;
    }

    private static String toJson(Object m) {
        try {
            return Json.mapper().writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a shipment request " + m.getClass().getSimpleName(), e);
        }
    }
}
