package com.epicorups.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ReleaseReferences;
import com.epicorups.model.ShippableRelease;
import com.epicorups.port.PollSummary;
import com.epicorups.port.PolledRelease;
import com.epicorups.port.ReleaseSource;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.Checkpoint;
import com.epicorups.store.CheckpointStore;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import com.epicorups.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The poll lease is a resource: whichever way a poll invocation ends (done, a failed page, a refused token, a
 * checkpoint that cannot be read, a failed sweep), the lease it took is given back, and one it could not take is
 * left to its owner. The source here is a list of releases served in pages, so each way out can be forced.
 */
class ReleasePollerLeaseTest {
    private static final String CHECKPOINT = "releases#TEST";
    private static final String LEASE = CHECKPOINT + "#lease";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T13:00:00Z"));
    private final InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final TestDoubles.RecordingQueue queue = new TestDoubles.RecordingQueue();
    private final InMemoryShipmentLedger ledger = new InMemoryShipmentLedger();
    private final ListedReleases source = new ListedReleases(2, 5001, 5002, 5003);

    private ReleasePoller poller(CheckpointStore store) {
        return new ReleasePoller(source, new PollSettings(CHECKPOINT, 10, Duration.ofHours(24), Duration.ofMinutes(5)),
                store, queue, audit, clock, ledger);
    }

    private ReleasePoller poller() {
        return poller(checkpoints);
    }

    private String leaseOwner() {
        return checkpoints.load(LEASE).map(c -> c.values().get("owner")).orElse(null);
    }

    private List<AuditEntry> audited(AuditOperation operation) {
        return audit.all().stream().filter(e -> e.operation() == operation).toList();
    }

    @Test
    void aCycleHoldsTheLeaseWhileItPagesAndGivesItBackAtTheEnd() {
        PollSummary summary = poller().pollOnce("p1");

        assertThat(summary.enqueued()).isEqualTo(3);
        assertThat(summary.pages()).isEqualTo(2);
        assertThat(source.leaseOwnerAtEachRead).as("held by this poll at every page").containsOnly("p1");
        assertThat(leaseOwner()).as("given back").isEmpty();
    }

    @Test
    void aCycleThatFailsOnAPageGivesTheLeaseBackAndAuditsWhereItStopped() {
        source.failOnRead = 2;

        assertThatThrownBy(() -> poller().pollOnce("p1")).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("source down");

        assertThat(leaseOwner()).isEmpty();
        assertThat(audited(AuditOperation.POLL_CYCLE)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.RETRYING);
            assertThat(e.reasonCode()).isEqualTo("POLL_FAILED");
            assertThat(e.message()).startsWith("poll stopped after 1 page(s): ");
            assertThat(e.details()).containsEntry("pages", "1").containsEntry("enqueued", "2");
        });
        assertThat(checkpoints.load(CHECKPOINT).orElseThrow().values()).containsEntry("rev", "5002");
        assertThat(poller().pollOnce("p2").enqueued()).as("the next cycle is not held off").isEqualTo(1);
    }

    @Test
    void aRefusedStartGivesTheLeaseBackAndIsAuditedFailed() {
        source.startFailure = TestDoubles.permanent("EPICOR_AUTH");

        assertThatThrownBy(() -> poller().pollOnce("p1")).isSameAs(source.startFailure);

        assertThat(leaseOwner()).isEmpty();
        assertThat(source.reads).isZero();
        assertThat(audited(AuditOperation.POLL_CYCLE)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(e.reasonCode()).isEqualTo("EPICOR_AUTH");
        });
    }

    @Test
    void aChangeCheckpointThatCannotBeReadGivesTheLeaseBack() {
        CheckpointStore unreadable = new CheckpointStore() {
            @Override
            public Optional<Checkpoint> load(String name) {
                if (name.equals(CHECKPOINT)) {
                    throw new IllegalStateException("checkpoint table unavailable");
                }
                return checkpoints.load(name);
            }

            @Override
            public boolean compareAndSet(String name, long expectedVersion, Map<String, String> values, Instant now) {
                return checkpoints.compareAndSet(name, expectedVersion, values, now);
            }
        };

        assertThatThrownBy(() -> poller(unreadable).pollOnce("p1")).hasMessageContaining("checkpoint table unavailable");

        assertThat(checkpoints.load(LEASE)).as("it was taken").isPresent();
        assertThat(leaseOwner()).as("and given back").isEmpty();
    }

    @Test
    void aSweepThatFailsGivesTheLeaseBackAfterTheCycleWasAudited() {
        poller().pollOnce("p1");
        clock.advance(Duration.ofHours(24));
        source.failOnRead = source.reads + 2; // the cycle's empty page, then the sweep's first page

        assertThatThrownBy(() -> poller().pollOnce("p2")).hasMessageContaining("source down");

        assertThat(leaseOwner()).isEmpty();
        assertThat(audited(AuditOperation.POLL_CYCLE)).last().satisfies(e -> assertThat(e.outcome())
                .isEqualTo(AuditOutcome.SUCCESS));
        assertThat(audited(AuditOperation.POLL_SWEEP)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.RETRYING);
            assertThat(e.reasonCode()).isEqualTo("SWEEP_FAILED");
        });
    }

    @Test
    void aLeaseAnotherPollerHoldsIsLeftToItAndNothingIsRead() {
        assertThat(checkpoints.compareAndSet(LEASE, 0, Map.of("owner", "other-poll",
                "leaseUntil", Long.toString(clock.instant().plusSeconds(60).toEpochMilli())), clock.instant())).isTrue();

        PollSummary summary = poller().pollOnce("p1");

        assertThat(summary.enqueued()).isZero();
        assertThat(source.reads).isZero();
        assertThat(leaseOwner()).isEqualTo("other-poll");
        assertThat(audited(AuditOperation.POLL_CYCLE)).singleElement().satisfies(e -> {
            assertThat(e.reasonCode()).isEqualTo(Reason.POLL_IN_PROGRESS.code());
            assertThat(e.message()).contains("other-poll");
        });

        clock.advance(Duration.ofSeconds(61));
        assertThat(poller().pollOnce("p2").enqueued()).as("once it expired").isEqualTo(3);
    }

    /**
     * Releases 1..n of one order line each, served {@code pageSize} at a time; the change marker is the order number
     * ({@code rev}), so the changed-since and key-order pages are the same. Records the lease's owner at each read.
     */
    private final class ListedReleases implements ReleaseSource {
        private final int pageSize;
        private final List<PolledRelease> releases = new ArrayList<>();
        final List<String> leaseOwnerAtEachRead = new CopyOnWriteArrayList<>();
        int reads;
        int failOnRead = -1;
        RuntimeException startFailure;

        ListedReleases(int pageSize, int... orderNums) {
            this.pageSize = pageSize;
            for (int n : orderNums) {
                ReleaseKey key = new ReleaseKey("TEST", n, 1, 1);
                releases.add(new Listed(key, n, TestDoubles.release(key, n, TestDoubles.usAddress("1 Main St"))));
            }
            releases.sort(Comparator.comparingLong(PolledRelease::sysRevId));
        }

        @Override
        public void startCycle() {
            if (startFailure != null) {
                throw startFailure;
            }
        }

        @Override
        public int callCount() {
            return reads;
        }

        @Override
        public Page changedAfter(Map<String, String> position) {
            return after(position);
        }

        @Override
        public Page inKeyOrderAfter(Map<String, String> position) {
            return after(position);
        }

        private Page after(Map<String, String> position) {
            reads++;
            leaseOwnerAtEachRead.add(leaseOwner());
            if (reads == failOnRead) {
                throw new IllegalStateException("source down");
            }
            long after = Long.parseLong(position.getOrDefault("rev", "0"));
            List<PolledRelease> page = releases.stream().filter(r -> r.sysRevId() > after).limit(pageSize).toList();
            return new Page() {
                @Override
                public int rows() {
                    return page.size();
                }

                @Override
                public boolean isLast() {
                    return page.size() < pageSize;
                }

                @Override
                public Map<String, String> position() {
                    return page.isEmpty() ? Map.of() : Map.of("rev", Long.toString(page.getLast().sysRevId()));
                }

                @Override
                public List<PolledRelease> mapReleases() {
                    return page;
                }
            };
        }
    }

    private record Listed(ReleaseKey key, long sysRevId, ShippableRelease release) implements PolledRelease {
        @Override
        public ReleaseReferences references() {
            return null;
        }

        @Override
        public Reason skipReason() {
            return null;
        }

        @Override
        public String detail() {
            return null;
        }
    }
}
