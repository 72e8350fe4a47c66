package com.epicorups.pipeline;

import com.epicorups.store.Checkpoint;
import com.epicorups.store.CheckpointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One poll cycle at a time per company: a lease kept as its own checkpoint item next to the change cursor (so the
 * cursor's versions are untouched), taken and renewed with compare-and-set. Without it, two pollers that start
 * together both read and enqueue the same page before either moves the cursor, so every change of that page is
 * enqueued twice. A poller that dies keeps the lease until it expires; the owner renews it before each page it
 * enqueues, so it stops rather than enqueue after another poller took over.
 *
 * <p>A resource: {@link #close()} gives a held lease back, so a cycle takes it in a try-with-resources block and
 * every way out of the cycle (done, stopped by a conflict, failed) releases it there.
 */
final class CycleLease implements AutoCloseable {
    private static final String OWNER = "owner";
    private static final String UNTIL = "leaseUntil";

    private final CheckpointStore store;
    private final String name;
    private final String owner;
    private final Duration leaseFor;
    private final Clock clock;
    private long version;
    private boolean held;
    private String otherOwner;
    private Instant otherUntil;

    CycleLease(CheckpointStore store, String name, String owner, Duration leaseFor, Clock clock) {
        this.store = store;
        this.name = name;
        this.owner = owner;
        this.leaseFor = leaseFor;
        this.clock = clock;
    }

    /** Takes the lease unless another poller holds one that has not expired; false then. */
    boolean acquire() {
        Optional<Checkpoint> current = store.load(name);
        long v = current.map(Checkpoint::version).orElse(0L);
        Map<String, String> values = current.map(Checkpoint::values).orElse(Map.of());
        Instant now = clock.instant();
        String holder = values.getOrDefault(OWNER, "");
        Instant until = Instant.ofEpochMilli(parse(values.get(UNTIL)));
        if (!holder.isEmpty() && !holder.equals(owner) && until.isAfter(now)) {
            otherOwner = holder;
            otherUntil = until;
            return false;
        }
        if (!store.compareAndSet(name, v, values(owner, now.plus(leaseFor)), now)) {
            otherOwner = "another poller";
            otherUntil = null;
            return false;
        }
        version = v + 1;
        held = true;
        return true;
    }

    /** Extends the lease; false when another poller took it (ours expired): then stop without enqueuing. */
    boolean renew() {
        Instant now = clock.instant();
        if (held && store.compareAndSet(name, version, values(owner, now.plus(leaseFor)), now)) {
            version++;
            return true;
        }
        held = false;
        return false;
    }

    /** Who holds the lease this poller could not take. */
    String describeHolder() {
        return otherOwner + (otherUntil == null ? "" : " (lease until " + otherUntil + ")");
    }

    /**
     * Gives the lease back if this poller holds it. Best effort: a lease left behind only delays the next cycle
     * until it expires, so a failed write here must not hide why the cycle ended.
     */
    @Override
    public void close() {
        if (!held) {
            return;
        }
        held = false;
        try {
            if (store.compareAndSet(name, version, values("", Instant.EPOCH), clock.instant())) {
                version++;
            }
        } catch (RuntimeException e) {
            // expires on its own
        }
    }

    private static Map<String, String> values(String owner, Instant until) {
        return Map.of(OWNER, owner, UNTIL, Long.toString(until.toEpochMilli()));
    }

    private static long parse(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
