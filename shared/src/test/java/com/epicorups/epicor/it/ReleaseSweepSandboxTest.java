package com.epicorups.epicor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.app.EpicorPolling;
import com.epicorups.core.Reason;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.pipeline.ReleasePoller;
import com.epicorups.port.PollSummary;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import com.epicorups.testing.MutableClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation sweep against the Epicor sandbox: a release whose transaction wrote it (and took its SysRevID)
 * before the poll but committed after the poll had passed higher SysRevIDs.
 */
class ReleaseSweepSandboxTest extends SandboxSupport {
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemoryShipmentLedger ledger = new InMemoryShipmentLedger();
    private final MutableClock clock = MutableClock.followingSystemTime();

    private ReleasePoller poller(EpicorSettings s, RecordingQueue queue) {
        return EpicorPolling.poller(client(s), s, checkpoints, queue, audit, clock, ReleasePoller.DEFAULT_CYCLE_LEASE,
                ledger);
    }

    private void creatorClaims(RecordingQueue queue) {
        queue.messages.forEach(m -> ledger.claim(m.release().key(), "creator", clock.instant(), Duration.ofMinutes(2)));
    }

    @Test
    void aLateCommitTheChangedSincePollSteppedOverIsEnqueuedOnceByTheNextDueSweep() {
        lateCommitIsFoundBySweep(b -> b.pageSize(10), 5);
    }

    @Test
    void theSweepOverABaqSourceFindsItToo() {
        lateCommitIsFoundBySweep(b -> b.pageSize(10).source(EpicorSettings.Source.BAQ).baqId("ReadyToShip"), -1);
    }

    private void lateCommitIsFoundBySweep(UnaryOperator<EpicorSettings.Builder> customise, int expectedSweepPages) {
        start(EpicorDataset.sample());
        EpicorSettings s = settings(customise);
        RecordingQueue queue = new RecordingQueue();
        // A transaction writes release 5001/1/2 (taking the next SysRevID) and stays open; another edit commits.
        long writtenEarly = sandbox.dataset().reserveRevision();
        sandbox.dataset().update("OrderRels", ReleasePollSandboxTest.rel(5030, 1, 1), Map.of("OurReqQty", 3));

        PollSummary first = poller(s, queue).pollOnce("poll-1");
        assertThat(first.enqueued()).isEqualTo(40);
        assertThat(first.sweepPages()).as("first poll ever: the sweep only records the time").isZero();
        creatorClaims(queue);
        queue.messages.clear();

        // Now it commits, below the checkpoint.
        Map<String, Object> late = new LinkedHashMap<>(sandbox.dataset().find("OrderRels",
                ReleasePollSandboxTest.rel(5001, 1, 1)).orElseThrow());
        late.put("OrderRelNum", 2);
        late.keySet().removeAll(java.util.Set.of("SysRevID", "SysRowID", "RowMod"));
        sandbox.dataset().insertCommittedLate("OrderRels", late, writtenEarly);

        PollSummary regular = poller(s, queue).pollOnce("poll-2");
        assertThat(regular.enqueued()).as("the changed-since poll steps over it").isZero();
        assertThat(queue.messages).isEmpty();

        clock.advance(Duration.ofHours(24));
        PollSummary swept = poller(s, queue).pollOnce("poll-3");

        assertThat(swept.enqueued()).isZero();
        assertThat(swept.sweepEnqueued()).isEqualTo(1);
        if (expectedSweepPages > 0) {
            assertThat(swept.sweepPages()).as("44 eligible releases in pages of 10").isEqualTo(expectedSweepPages);
        }
        assertThat(queue.keys()).containsExactly("5001/1/2");
        assertThat(audit.forSubject(queue.messages.get(0).release().key().asString())).singleElement()
                .satisfies(e -> {
                    assertThat(e.operation()).isEqualTo(AuditOperation.RELEASE_ENQUEUED);
                    assertThat(e.reasonCode()).isEqualTo(Reason.SWEEP_FOUND.code());
                });
        assertThat(badRequests()).as("the strict OData parser accepted the sweep's queries").isEmpty();

        creatorClaims(queue);
        queue.messages.clear();
        clock.advance(Duration.ofHours(24));
        PollSummary again = poller(s, queue).pollOnce("poll-4");
        assertThat(again.sweepPages()).isPositive();
        assertThat(again.sweepEnqueued()).as("now in the ledger").isZero();
        assertThat(queue.messages).isEmpty();
    }
}
