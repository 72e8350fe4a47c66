package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.app.EpicorPolling;
import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.model.ReleaseKey;
import com.epicorups.pipeline.ReleasePoller;
import com.epicorups.port.PollSummary;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.Checkpoint;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import com.epicorups.testing.MutableClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The order poller's reconciliation sweep: a release whose change committed after the changed-since poll passed
 * its SysRevID (SQL Server stamps the rowversion at write, not at commit) is found by the next due sweep.
 */
class ReleaseSweepTest extends EpicorTestSupport {
    private static final String SWEEP = "epicor-releases#EPIC06#sweep";
    private static final String KEY_ORDER = "OrderNum,OrderLine,OrderRelNum";

    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final RecordingQueue queue = new RecordingQueue();
    private final InMemoryShipmentLedger ledger = new InMemoryShipmentLedger();
    private final MutableClock now = new MutableClock(Instant.parse("2026-11-27T13:00:00Z"));

    private ReleasePoller poller(UnaryOperator<EpicorSettings.Builder> customise) {
        EpicorSettings s = settings(customise);
        return EpicorPolling.poller(client(s), s, checkpoints, queue, audit, now, ReleasePoller.DEFAULT_CYCLE_LEASE,
                ledger);
    }

    private ReleasePoller poller() {
        return poller(b -> b);
    }

    /** Sweep pages are the OrderRels reads in key order; the changed-since poll's are in SysRevID order. */
    private List<RecordedRequest> sweepPages() {
        return fake.requestsTo("/OrderRels").stream()
                .filter(r -> KEY_ORDER.equals(r.getRequestUrl().queryParameter("$orderby"))).toList();
    }

    private List<AuditEntry> sweepAudits() {
        return audit.all().stream().filter(e -> e.operation() == AuditOperation.POLL_SWEEP).toList();
    }

    /** What the shipment creator does with each message: claim the release in the ledger. */
    private void creatorClaimsEverythingQueued() {
        queue.messages().forEach(m -> ledger.claim(m.release().key(), "creator", now.instant(), Duration.ofMinutes(2)));
    }

    /**
     * A release written in a transaction that commits after the poll has passed higher SysRevIDs: it becomes
     * visible with the SysRevID it was written with, below the checkpoint.
     */
    private ObjectNode lateCommit(int orderNum, long sysRevId) {
        ObjectNode rel = fake.simpleRelease(orderNum, 100);
        rel.put("SysRevID", sysRevId);
        return rel;
    }

    private static ReleaseKey key(int orderNum) {
        return new ReleaseKey("EPIC06", orderNum, 1, 1);
    }

    @Test
    void theFirstPollEverOnlyRecordsTheSweepTimeAndASweepNotDueMakesNoCall() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);

        PollSummary first = poller().pollOnce("p1");

        assertThat(first.enqueued()).isEqualTo(1);
        assertThat(first.sweepPages()).isZero();
        assertThat(sweepPages()).isEmpty();
        assertThat(sweepAudits()).isEmpty();
        Checkpoint sweep = checkpoints.load(SWEEP).orElseThrow();
        assertThat(sweep.values()).isEqualTo(Map.of("lastCompletedAt", "2026-11-27T13:00:00Z"));

        now.advance(Duration.ofHours(23).plusMinutes(59));
        PollSummary notDue = poller().pollOnce("p2");
        assertThat(notDue.sweepPages()).isZero();
        assertThat(sweepPages()).isEmpty();
        assertThat(sweepAudits()).isEmpty();
        assertThat(checkpoints.load(SWEEP).orElseThrow().version()).as("nothing written").isEqualTo(1);

        now.advance(Duration.ofMinutes(1));
        creatorClaimsEverythingQueued();
        PollSummary due = poller().pollOnce("p3");
        assertThat(due.sweepPages()).isEqualTo(1);
        assertThat(due.sweepEnqueued()).isZero();
        assertThat(sweepPages()).hasSize(1);
    }

    @Test
    void aSweepThatIsOffNeverReadsNorWritesItsCheckpoint() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        poller(b -> b.sweepEveryHours(0)).pollOnce("p1");
        now.advance(Duration.ofDays(3));
        poller(b -> b.sweepEveryHours(0)).pollOnce("p2");
        assertThat(checkpoints.load(SWEEP)).isEmpty();
        assertThat(sweepPages()).isEmpty();
    }

    @Test
    void aLateCommitBelowTheCheckpointIsEnqueuedOnceByTheNextDueSweepAndNeverByTheRegularCycle() {
        fake.customer(100);
        fake.simpleRelease(5001, 100);
        long writtenEarly = fake.sysRev.incrementAndGet(); // the late transaction's write takes this rowversion
        fake.simpleRelease(5002, 100);
        fake.touch(fake.simpleRelease(5003, 100), r -> r.put("DropShip", true));
        poller().pollOnce("p1");
        creatorClaimsEverythingQueued();
        String checkpointRev = checkpoints.load("epicor-releases#EPIC06").orElseThrow().values().get("sysRevId");

        lateCommit(5000, writtenEarly);
        assertThat(writtenEarly).isLessThan(Long.parseLong(checkpointRev));
        queue.bodies.clear();

        PollSummary regular = poller().pollOnce("p2");
        assertThat(regular.enqueued()).as("the changed-since poll steps over it").isZero();
        assertThat(queue.keys()).isEmpty();
        long skipsBefore = audit.all().stream().filter(e -> e.operation() == AuditOperation.RELEASE_SKIPPED).count();

        now.advance(Duration.ofHours(24));
        PollSummary swept = poller().pollOnce("p3");

        assertThat(swept.enqueued()).isZero();
        assertThat(swept.sweepEnqueued()).isEqualTo(1);
        assertThat(swept.sweepPages()).isEqualTo(1);
        assertThat(queue.keys()).containsExactly("EPIC06#5000#1#1");
        assertThat(queue.messages().get(0).pollId()).isEqualTo("p3");
        RecordedRequest page = sweepPages().get(0);
        assertThat(page.getRequestUrl().queryParameter("$filter"))
                .as("the eligibility filter without the changed-since predicate")
                .isEqualTo("(" + EpicorSettings.DEFAULT_ELIGIBILITY_FILTER + ")");
        assertThat(page.getRequestUrl().queryParameter("$select")).isEqualTo(String.join(",", EpicorFields.ORDER_REL));
        assertThat(audit.forSubject("EPIC06#5000#1#1")).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo(AuditOperation.RELEASE_ENQUEUED);
            assertThat(e.reasonCode()).isEqualTo(Reason.SWEEP_FOUND.code());
            assertThat(e.message()).contains("changed-since poll had not enqueued it");
        });
        assertThat(audit.all().stream().filter(e -> e.operation() == AuditOperation.RELEASE_SKIPPED).count())
                .as("the drop-ship release is not audited again").isEqualTo(skipsBefore);
        assertThat(sweepAudits()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(e.message()).startsWith("reconciliation sweep complete");
            assertThat(e.details()).containsEntry("releasesSeen", "4").containsEntry("alreadyInLedger", "2")
                    .containsEntry("enqueued", "1");
        });
        assertThat(checkpoints.load(SWEEP).orElseThrow().values())
                .isEqualTo(Map.of("lastCompletedAt", now.instant().toString()));

        // Once: the next polls (sweep not due) do not enqueue it again, and after the creator claimed it the
        // next due sweep leaves it alone.
        queue.bodies.clear();
        assertThat(poller().pollOnce("p4").sweepEnqueued()).isZero();
        assertThat(queue.keys()).isEmpty();
        ledger.claim(key(5000), "creator", now.instant(), Duration.ofMinutes(2));
        now.advance(Duration.ofHours(24));
        PollSummary nextSweep = poller().pollOnce("p5");
        assertThat(nextSweep.sweepPages()).isEqualTo(1);
        assertThat(nextSweep.sweepEnqueued()).isZero();
        assertThat(queue.keys()).isEmpty();
    }

    @Test
    void releasesTheLedgerHasInAnyStateAreNotEnqueuedByTheSweep() {
        fake.customer(100);
        for (int i = 5001; i <= 5005; i++) {
            fake.simpleRelease(i, 100);
        }
        poller().pollOnce("p1");
        Instant t = now.instant();
        Duration lease = Duration.ofMinutes(2);
        ledger.claim(key(5001), "creator", t, lease);                                     // CLAIMED, lease live
        ledger.claim(key(5002), "creator", t, lease);
        ledger.markShipped(key(5002), "creator", "S2", List.of("1Z2"), null, t);          // SHIPPED
        ledger.claim(key(5003), "creator", t, lease);
        ledger.markShipped(key(5003), "creator", "S3", List.of("1Z3"), null, t);
        ledger.markWritten(key(5003), t);                                                  // WRITTEN
        ledger.claim(key(5004), "creator", t, lease);
        ledger.markNeedsAttention(key(5004), "creator", "NO_WEIGHT", t);                  // NEEDS_ATTENTION
        ledger.claim(key(5005), "creator", t, lease);
        ledger.releaseClaim(key(5005), "creator");                                         // claim given up
        queue.bodies.clear();

        now.advance(Duration.ofDays(1));
        PollSummary s = poller().pollOnce("p2");

        assertThat(s.sweepPages()).isEqualTo(1);
        assertThat(s.sweepEnqueued()).isZero();
        assertThat(queue.keys()).isEmpty();
        assertThat(sweepAudits()).singleElement().satisfies(e -> assertThat(e.details())
                .containsEntry("releasesSeen", "5").containsEntry("alreadyInLedger", "5").containsEntry("enqueued", "0"));
        assertThat(audit.all()).noneMatch(e -> Reason.SWEEP_FOUND.code().equals(e.reasonCode()));
    }

    @Test
    void aSweepLargerThanThePageBudgetResumesFromItsCursorAndThenRecordsCompletion() {
        fake.customer(100);
        long writtenEarly = fake.sysRev.incrementAndGet();
        for (int i = 5001; i <= 5005; i++) {
            fake.simpleRelease(i, 100);
        }
        UnaryOperator<EpicorSettings.Builder> small = b -> b.pageSize(2).maxPagesPerCycle(2);
        poller(small).pollOnce("p1");  // pages of 2, 2: stopped at the budget
        poller(small).pollOnce("p2");  // 1: caught up
        creatorClaimsEverythingQueued();
        lateCommit(5006, writtenEarly);
        queue.bodies.clear();
        now.advance(Duration.ofDays(1));

        // 6 releases in pages of 2 = 3 full pages + the empty one that proves the end; the changed-since cycle
        // (one empty page) leaves one page of the budget of 2 to the sweep.
        PollSummary a = poller(small).pollOnce("a");
        assertThat(a.sweepPages()).isEqualTo(1);
        assertThat(checkpoints.load(SWEEP).orElseThrow().values()).containsEntry("orderNum", "5002")
                .containsEntry("passStartedAt", now.instant().toString());
        assertThat(sweepAudits()).last().satisfies(e -> assertThat(e.message()).contains("under way"));
        now.advance(Duration.ofMinutes(5));
        PollSummary b = poller(small).pollOnce("b");
        assertThat(b.sweepPages()).isEqualTo(1);
        assertThat(sweepPages().get(1).getRequestUrl().queryParameter("$filter")).isEqualTo("("
                + EpicorSettings.DEFAULT_ELIGIBILITY_FILTER + ") and (OrderNum gt 5002 or (OrderNum eq 5002 and "
                + "(OrderLine gt 1 or (OrderLine eq 1 and (OrderRelNum gt 1)))))");
        now.advance(Duration.ofMinutes(5));
        PollSummary c = poller(small).pollOnce("c");
        assertThat(c.sweepEnqueued()).isEqualTo(1);
        assertThat(queue.keys()).containsExactly("EPIC06#5006#1#1");
        assertThat(checkpoints.load(SWEEP).orElseThrow().values()).containsEntry("orderNum", "5006")
                .containsEntry("enqueued", "1").containsEntry("seen", "6");
        now.advance(Duration.ofMinutes(5));
        Instant completedAt = now.instant();
        PollSummary d = poller(small).pollOnce("d");
        assertThat(d.sweepPages()).isEqualTo(1);
        assertThat(checkpoints.load(SWEEP).orElseThrow().values())
                .isEqualTo(Map.of("lastCompletedAt", completedAt.toString()));
        assertThat(sweepAudits()).last().satisfies(e -> {
            assertThat(e.message()).startsWith("reconciliation sweep complete")
                    .contains("6 seen, 5 already in the ledger, 1 enqueued");
        });

        now.advance(Duration.ofMinutes(5));
        assertThat(poller(small).pollOnce("e").sweepPages()).as("done until the next interval").isZero();
        assertThat(sweepPages()).hasSize(4);
        assertThat(queue.keys()).containsExactly("EPIC06#5006#1#1");
    }

    @Test
    void aCycleStoppedByThePageBudgetLeavesTheDueSweepForLater() {
        fake.customer(100);
        for (int i = 5001; i <= 5005; i++) {
            fake.simpleRelease(i, 100);
        }
        UnaryOperator<EpicorSettings.Builder> small = b -> b.pageSize(2).maxPagesPerCycle(2);
        poller(small).pollOnce("p1");
        now.advance(Duration.ofDays(1));
        for (int i = 5011; i <= 5015; i++) {
            fake.simpleRelease(i, 100);
        }
        PollSummary backlog = poller(small).pollOnce("p2");
        assertThat(backlog.pages()).isEqualTo(2);
        assertThat(backlog.sweepPages()).isZero();
        assertThat(sweepPages()).isEmpty();
    }

    @Test
    void aFailedSweepPageKeepsTheRegularCyclesProgressAndItsOwnCursorAndIsAudited() {
        fake.customer(100);
        long writtenEarly = fake.sysRev.incrementAndGet();
        for (int i = 5001; i <= 5003; i++) {
            fake.simpleRelease(i, 100);
        }
        UnaryOperator<EpicorSettings.Builder> small = b -> b.pageSize(2).maxAttempts(2);
        poller(small).pollOnce("p1");
        creatorClaimsEverythingQueued();
        lateCommit(5004, writtenEarly);
        queue.bodies.clear();
        now.advance(Duration.ofDays(1));
        fake.simpleRelease(5010, 100);  // a new change the regular cycle enqueues
        // Epicor fails the sweep's second page.
        fake.interceptors.add(r -> r.getPath().contains("/OrderRels") && String.valueOf(r.getRequestUrl()
                .queryParameter("$filter")).contains("OrderNum gt 5002")
                ? FakeEpicor.error(503, "Service Unavailable", "server busy", "Ice.Common.ServerException") : null);

        assertThatThrownBy(() -> poller(small).pollOnce("p2")).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("server busy");

        assertThat(queue.keys()).containsExactly("EPIC06#5010#1#1");
        assertThat(checkpoints.load("epicor-releases#EPIC06").orElseThrow().values()).containsEntry("orderNum", "5010");
        assertThat(audit.all()).filteredOn(e -> e.operation() == AuditOperation.POLL_CYCLE).last()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCESS));
        assertThat(sweepAudits()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.RETRYING);
            assertThat(e.reasonCode()).isEqualTo("EPICOR_UNAVAILABLE");
            assertThat(e.message()).contains("resumes from its cursor");
        });
        assertThat(checkpoints.load(SWEEP).orElseThrow().values()).containsEntry("orderNum", "5002");

        fake.interceptors.clear();
        creatorClaimsEverythingQueued();
        queue.bodies.clear();
        now.advance(Duration.ofMinutes(5));
        PollSummary resumed = poller(small).pollOnce("p3");
        assertThat(resumed.sweepEnqueued()).as("the lease was released and the cursor kept").isEqualTo(1);
        assertThat(queue.keys()).containsExactly("EPIC06#5004#1#1");
        assertThat(sweepPages().get(sweepPages().size() - 2).getRequestUrl().queryParameter("$filter"))
                .contains("OrderNum gt 5002");
    }
}
