package com.epicorups.core;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The time one piece of work may still spend on outside calls: the Lambda invocation's remaining time less a
 * reserve for its failure path (dead-letter with a reason, the audit). Epicor and UPS calls read the
 * {@link #current()} deadline of their thread: each attempt's timeout is capped by what remains, a retry is only
 * started when it still fits, and once nothing fits the work fails with {@link Reason#DEADLINE} through the normal
 * failure path, so the last receive of a message is still dead-lettered with its reason before Lambda stops it.
 *
 * <p>Immutable; the ticker (nanoseconds, {@link System#nanoTime} in production) is injectable for tests.
 */
public final class Deadline {
    private static final Deadline NONE = new Deadline(Long.MAX_VALUE, System::nanoTime, Duration.ZERO);
    /** What {@link #remaining()} says without a deadline: longer than any timeout or backoff. */
    private static final Duration UNBOUNDED = Duration.ofDays(365);
    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

    private final long endNanos;
    private final LongSupplier ticker;
    private final Duration budget;

    private Deadline(long endNanos, LongSupplier ticker, Duration budget) {
        this.endNanos = endNanos;
        this.ticker = ticker;
        this.budget = budget;
    }

    /** No deadline: calls keep their configured timeouts and attempts (the local run, the CLI, tests). */
    public static Deadline none() {
        return NONE;
    }

    /** A deadline {@code budget} from now (a zero or negative budget is already spent). */
    public static Deadline after(Duration budget) {
        return after(budget, System::nanoTime);
    }

    public static Deadline after(Duration budget, LongSupplier ticker) {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(ticker, "ticker");
        Duration kept = budget.isNegative() ? Duration.ZERO : budget;
        return new Deadline(ticker.getAsLong() + kept.toNanos(), ticker, kept);
    }

    /**
     * The deadline of an invocation: what Lambda says remains, less the reserve for the failure path.
     *
     * @param remainingMillis the Lambda context's {@code getRemainingTimeInMillis()}
     */
    public static Deadline ofInvocation(long remainingMillis, Duration reserve) {
        return after(Duration.ofMillis(remainingMillis).minus(reserve));
    }

    public boolean isBounded() {
        return this != NONE;
    }

    /** What was granted at the start. */
    public Duration budget() {
        return budget;
    }

    /** What remains; zero once spent; a very long time when unbounded. */
    public Duration remaining() {
        if (!isBounded()) {
            return UNBOUNDED;
        }
        long left = endNanos - ticker.getAsLong();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Whether {@code needed} still fits before the deadline. */
    public boolean allows(Duration needed) {
        return remaining().compareTo(needed) >= 0;
    }

    /** The shorter of {@code timeout} and what remains. */
    public Duration cap(Duration timeout) {
        Duration left = remaining();
        return left.compareTo(timeout) < 0 ? left : timeout;
    }

    /** The failure to raise when a call no longer fits: transient, so the normal retry and dead-letter path runs. */
    public ConnectorException spent(String what, String lastFailure) {
        return new ConnectorException(Reason.DEADLINE, what + ": the invocation's time budget ("
                + budget.toMillis() + " ms after the failure-path reserve) is spent with " + remaining().toMillis()
                + " ms left" + (lastFailure == null ? "" : "; last failure: " + lastFailure));
    }

    /** The deadline of the work running on this thread ({@link #none()} outside {@link #within}). */
    public static Deadline current() {
        Deadline d = CURRENT.get();
        return d == null ? NONE : d;
    }

    /** Runs {@code work} on this thread under {@code deadline}, restoring the previous one afterwards. */
    public static <T> T within(Deadline deadline, Supplier<T> work) {
        Deadline previous = CURRENT.get();
        CURRENT.set(Objects.requireNonNull(deadline, "deadline"));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    public static void within(Deadline deadline, Runnable work) {
        within(deadline, () -> {
            work.run();
            return null;
        });
    }

    @Override
    public String toString() {
        return isBounded() ? "Deadline[" + remaining().toMillis() + " ms left]" : "Deadline[none]";
    }
}
