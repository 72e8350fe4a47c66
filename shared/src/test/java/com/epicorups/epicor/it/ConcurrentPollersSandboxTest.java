package com.epicorups.epicor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.app.EpicorPolling;
import com.epicorups.core.Reason;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.pipeline.ReleasePoller;
import com.epicorups.port.PollSummary;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.sandbox.epicor.Hold;
import com.epicorups.store.CheckpointStore;
import com.epicorups.store.dynamo.DynamoCheckpointStore;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.testing.MutableClock;
import com.epicorups.testing.aws.AwsEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two pollers (say the scheduled one and an operator's "poll now") running at once on one DynamoDB checkpoint in the
 * emulator: between them every release is enqueued, and none twice for the same change. The first poller's first page
 * is held in Epicor until the second poller returned, so the two cycles overlap whatever the machine's load.
 */
class ConcurrentPollersSandboxTest extends SandboxSupport {
    private static final AwsEmulator AWS = AwsEmulator.get();

    @Test
    void twoPollersAtOnceLoseNothingAndEnqueueEachChangeOnce() throws Exception {
        start(EpicorDataset.sample());
        CheckpointStore checkpoints = new DynamoCheckpointStore(AWS.dynamoDb(),
                AWS.provision("ShipmentsTable").shipmentsTable());
        RecordingQueue queue = new RecordingQueue();
        EpicorSettings s = settings(b -> b.pageSize(5));
        List<ReleasePoller> pollers = List.of(poller(s, checkpoints, queue, new InMemoryAuditLog()),
                poller(s, checkpoints, queue, new InMemoryAuditLog()));

        List<PollSummary> round1 = runTogether(pollers, "round-1");
        assertThat(round1.get(1).enqueued()).as("the second found the first one's cycle running").isZero();
        assertThat(round1.get(0).enqueued() + round1.get(1).enqueued()).as("the two overlapping cycles together")
                .isEqualTo(ReleasePollSandboxTest.allEnqueued().size());
        sandbox.dataset().update("OrderRels", ReleasePollSandboxTest.rel(5002, 1, 2), Map.of("OurReqQty", 9));
        List<PollSummary> round2 = runTogether(pollers, "round-2");
        List<PollSummary> round3 = runTogether(pollers, "round-3");
        System.out.println("two pollers: round 1 enqueued " + round1.stream().map(PollSummary::enqueued).toList()
                + ", round 2 " + round2.stream().map(PollSummary::enqueued).toList() + ", round 3 "
                + round3.stream().map(PollSummary::enqueued).toList() + "; conflicts "
                + pollers.stream().map(ReleasePoller::lastCycleConflicted).toList());

        List<String> expected = new ArrayList<>(ReleasePollSandboxTest.allEnqueued());
        expected.add("5002/1/2");
        assertThat(queue.keys()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(queue.messages.stream().filter(m -> shortKey(m.release().key()).equals("5002/1/2"))
                .map(m -> m.release().quantity().intValue())).containsExactly(8, 9);
        assertThat(badRequests()).isEmpty();
    }

    @Test
    void aLeaseLeftByAPollerThatDiedHoldsOthersOffOnlyUntilItExpires() throws Exception {
        start(EpicorDataset.sample());
        CheckpointStore checkpoints = new DynamoCheckpointStore(AWS.dynamoDb(),
                AWS.provision("ShipmentsTable").shipmentsTable());
        RecordingQueue queue = new RecordingQueue();
        InMemoryAuditLog audit = new InMemoryAuditLog();
        EpicorSettings s = settings(b -> b.pageSize(10));
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T13:00:00Z"));
        ReleasePoller poller = EpicorPolling.poller(client(s), s, checkpoints, queue, audit, clock,
                Duration.ofSeconds(30), null);
        Instant until = clock.instant().plusMillis(600);
        assertThat(checkpoints.compareAndSet(poller.leaseName(), 0, Map.of("owner", "poll-that-died",
                "leaseUntil", Long.toString(until.toEpochMilli())), clock.instant())).isTrue();

        PollSummary held = poller.pollOnce("while-held");
        assertThat(held.enqueued()).isZero();
        assertThat(poller.lastCycleConflicted()).isTrue();
        assertThat(sandbox.requests().size()).as("no Epicor call while another cycle holds the lease").isZero();
        assertThat(audit.forSubject("while-held")).singleElement().satisfies(e -> {
            assertThat(e.reasonCode()).isEqualTo(Reason.POLL_IN_PROGRESS.code());
            assertThat(e.message()).contains("poll-that-died");
        });

        clock.advance(Duration.ofMillis(650));
        assertThat(poller.pollOnce("after-expiry").enqueued()).isEqualTo(ReleasePollSandboxTest.allEnqueued().size());
        assertThat(poller.lastCycleConflicted()).isFalse();
        assertThat(checkpoints.load(poller.leaseName()).orElseThrow().values()).as("released at the end of the cycle")
                .containsEntry("owner", "");
    }

    @Test
    void aPollerWhoseLeaseWasTakenOverStopsBeforeEnqueuingAnotherPage() {
        start(EpicorDataset.sample());
        CheckpointStore checkpoints = new DynamoCheckpointStore(AWS.dynamoDb(),
                AWS.provision("ShipmentsTable").shipmentsTable());
        InMemoryAuditLog audit = new InMemoryAuditLog();
        EpicorSettings s = settings(b -> b.pageSize(10));
        ReleasePoller[] poller = new ReleasePoller[1];
        RecordingQueue queue = new RecordingQueue().afterBatch(batch -> {
            if (batch == 1) { // as if our lease had expired and another poller had taken it
                var lease = checkpoints.load(poller[0].leaseName()).orElseThrow();
                checkpoints.compareAndSet(poller[0].leaseName(), lease.version(), Map.of("owner", "newer-poll",
                        "leaseUntil", Long.toString(System.currentTimeMillis() + 60_000)), java.time.Instant.now());
            }
        });
        poller[0] = poller(s, checkpoints, queue, audit);

        PollSummary summary = poller[0].pollOnce("older-poll");

        assertThat(poller[0].lastCycleConflicted()).isTrue();
        assertThat(queue.batchSizes).as("only the page enqueued before the takeover").hasSize(1);
        assertThat(summary.pages()).isEqualTo(2);
        assertThat(audit.forSubject("older-poll")).singleElement()
                .satisfies(e -> assertThat(e.reasonCode()).isEqualTo(Reason.CHECKPOINT_CONFLICT.code()));
        assertThat(checkpoints.load(poller[0].leaseName()).orElseThrow().values())
                .as("the newer poller's lease is left alone").containsEntry("owner", "newer-poll");
    }

    /**
     * Runs two pollers' cycles overlapping: the first poller's first page read is held in Epicor until the second
     * poller's cycle returned; then keeps polling until a cycle enqueues nothing.
     */
    private List<PollSummary> runTogether(List<ReleasePoller> pollers, String round) throws Exception {
        // The poll's first read: the default source's BAQ page.
        Hold firstPage = sandbox.faults().holdNext("/BaqSvc/ReadyToShip/Data?", 1);
        CompletableFuture<PollSummary> first = CompletableFuture.supplyAsync(() -> pollers.get(0).pollOnce(round + "-0"));
        assertThat(firstPage.awaitHeld(Duration.ofMinutes(2))).as("the first poller reads its first page").isTrue();
        PollSummary second;
        try {
            second = pollers.get(1).pollOnce(round + "-1");
        } finally {
            firstPage.release();
        }
        List<PollSummary> summaries = List.of(first.get(2, TimeUnit.MINUTES), second);
        // a poller that lost the checkpoint race stopped early: the next cycles (one poller) finish the work
        int caughtUp;
        do {
            caughtUp = pollers.get(0).pollOnce(round + "-catch-up").enqueued();
        } while (caughtUp > 0);
        return summaries;
    }
}
