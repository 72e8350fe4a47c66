package com.epicorups.epicor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.app.EpicorPolling;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.pipeline.ReleasePoller;
import com.epicorups.port.PollSummary;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.store.CheckpointStore;
import com.epicorups.store.dynamo.DynamoCheckpointStore;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.testing.aws.AwsEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two pollers (say the scheduled one and an operator's "poll now") running at once on one DynamoDB checkpoint in the
 * emulator: between them every release is enqueued, and none twice for the same change.
 */
class ConcurrentPollersSandboxTest extends SandboxSupport {
    private static final AwsEmulator AWS = AwsEmulator.get();

    @Test
    void twoPollersAtOnceLoseNothingAndEnqueueEachChangeOnce() throws Exception {
        start(EpicorDataset.sample());
        sandbox.faults().latency(Duration.ofMillis(5)); // keeps the two cycles overlapping
        CheckpointStore checkpoints = new DynamoCheckpointStore(AWS.dynamoDb(),
                AWS.provision("ShipmentsTable").shipmentsTable());
        RecordingQueue queue = new RecordingQueue();
        EpicorSettings s = settings(b -> b.pageSize(5));
        List<ReleasePoller> pollers = List.of(poller(s, checkpoints, queue, new InMemoryAuditLog()),
                poller(s, checkpoints, queue, new InMemoryAuditLog()));

        List<PollSummary> round1 = runTogether(pollers, "round-1");
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
        ReleasePoller poller = EpicorPolling.poller(client(s), s, checkpoints, queue, audit, java.time.Clock.systemUTC(),
                Duration.ofSeconds(30), null);
        long until = System.currentTimeMillis() + 600;
        assertThat(checkpoints.compareAndSet(poller.leaseName(), 0, Map.of("owner", "poll-that-died",
                "leaseUntil", Long.toString(until)), java.time.Instant.now())).isTrue();

        PollSummary held = poller.pollOnce("while-held");
        assertThat(held.enqueued()).isZero();
        assertThat(poller.lastCycleConflicted()).isTrue();
        assertThat(sandbox.requests().size()).as("no Epicor call while another cycle holds the lease").isZero();
        assertThat(audit.forSubject("while-held")).singleElement().satisfies(e -> {
            assertThat(e.reasonCode()).isEqualTo(ReleasePoller.POLL_IN_PROGRESS);
            assertThat(e.message()).contains("poll-that-died");
        });

        Thread.sleep(Math.max(0, until - System.currentTimeMillis()) + 50);
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
                .satisfies(e -> assertThat(e.reasonCode()).isEqualTo(ReleasePoller.CHECKPOINT_CONFLICT));
        assertThat(checkpoints.load(poller[0].leaseName()).orElseThrow().values())
                .as("the newer poller's lease is left alone").containsEntry("owner", "newer-poll");
    }

    /** Runs pollOnce on every poller at the same moment, then keeps polling until a round enqueues nothing. */
    private static List<PollSummary> runTogether(List<ReleasePoller> pollers, String round) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(pollers.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PollSummary>> futures = new ArrayList<>();
            for (int i = 0; i < pollers.size(); i++) {
                ReleasePoller poller = pollers.get(i);
                String pollId = round + "-" + i;
                Callable<PollSummary> cycle = () -> {
                    start.await();
                    return poller.pollOnce(pollId);
                };
                futures.add(pool.submit(cycle));
            }
            start.countDown();
            List<PollSummary> summaries = new ArrayList<>();
            for (Future<PollSummary> f : futures) {
                summaries.add(f.get());
            }
            // a poller that lost the checkpoint race stopped early: the next cycle (one poller) finishes the work
            while (pollers.get(0).pollOnce(round + "-catch-up").enqueued() > 0) {
                summaries.add(null);
            }
            return summaries.stream().filter(java.util.Objects::nonNull).toList();
        } finally {
            pool.shutdownNow();
        }
    }
}
