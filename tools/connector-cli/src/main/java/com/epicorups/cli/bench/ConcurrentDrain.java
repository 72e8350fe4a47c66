package com.epicorups.cli.bench;

import com.epicorups.cli.local.QueueDrainer;
import com.epicorups.core.DaemonThreads;
import com.epicorups.cli.local.QueueDrainer.DrainResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Lambda's SQS event-source mapping with MaximumConcurrency K: K pollers, each receiving a batch and invoking its
 * own container's handler (one {@link QueueDrainer} per container), until the queue is empty. With an upstream
 * ({@code upstreamDone}), the pollers keep going while the upstream still produces, as the tracking-writer does
 * while shipment-creator is still sending updates.
 */
public final class ConcurrentDrain {
    /**
     * What K invocations did together. {@code lastInvocationEndNanos}: {@link System#nanoTime()} when the last
     * invocation that handled messages returned (0 when none did); the pollers' final empty long polls come after.
     */
    public record Totals(int containers, int invocations, int received, int deleted, int reportedFailures,
                         int pending, long elapsedMillis, long lastInvocationEndNanos) {
    }

    private ConcurrentDrain() {
    }

    public static Totals run(List<QueueDrainer> containers, Duration retryWait, BooleanSupplier upstreamDone,
                             Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(containers.size(), DaemonThreads.named("bench-invoker"));
        AtomicInteger invocations = new AtomicInteger();
        AtomicInteger received = new AtomicInteger();
        AtomicInteger deleted = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger pending = new AtomicInteger();
        AtomicLong lastInvocationEnd = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        for (QueueDrainer drainer : containers) {
            futures.add(pool.submit(() -> {
                while (true) {
                    DrainResult r = drainer.drain(retryWait, deadline);
                    invocations.addAndGet(r.invocations());
                    received.addAndGet(r.received());
                    deleted.addAndGet(r.deleted());
                    failures.addAndGet(r.reportedFailures());
                    if (r.lastInvocationEndNanos() != 0) {
                        lastInvocationEnd.accumulateAndGet(r.lastInvocationEndNanos(),
                                (a, b) -> a == 0 ? b : (b - a > 0 ? b : a));
                    }
                    boolean upstreamFinished = upstreamDone.getAsBoolean();
                    if ((upstreamFinished && drainer.depth() == 0) || System.nanoTime() > deadline) {
                        pending.accumulateAndGet(r.pending(), Math::max);
                        return null;
                    }
                    if (upstreamFinished && r.pending() > 0) {
                        pending.accumulateAndGet(r.pending(), Math::max);
                        return null;
                    }
                    if (r.received() == 0) {
                        Thread.sleep(5);
                    }
                }
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while draining", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("an invocation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Totals(containers.size(), invocations.get(), received.get(), deleted.get(), failures.get(),
                pending.get(), Duration.ofNanos(System.nanoTime() - started).toMillis(), lastInvocationEnd.get());
    }
}
