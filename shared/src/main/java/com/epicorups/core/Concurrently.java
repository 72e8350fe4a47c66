package com.epicorups.core;

import com.epicorups.logging.CorrelationId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Two independent blocking calls at once, so a step waits for the slower of them instead of their sum: the
 * Epicor reads that do not depend on each other (headers and lines, parts and ship-tos) are such pairs. The
 * first runs on a pool thread (with the caller's correlation id), the second on the caller's thread; both always
 * finish before this returns, and a failure is rethrown as it was thrown (typed exceptions stay typed).
 */
public final class Concurrently {
    private Concurrently() {
    }

    /** Both results. */
    public record Both<A, B>(A first, B second) {
    }

    /** Runs {@code first} and {@code second} at the same time and returns when both have finished. */
    public static <A, B> Both<A, B> both(Supplier<A> first, Supplier<B> second) {
        String correlationId = CorrelationId.current().orElse(null);
        CompletableFuture<A> pending = CompletableFuture.supplyAsync(
                () -> CorrelationId.with(correlationId, first), Pool.EXECUTOR);
        B secondResult;
        try {
            secondResult = second.get();
        } catch (RuntimeException | Error e) {
            try {
                pending.join();
            } catch (CompletionException other) {
                e.addSuppressed(other.getCause() == null ? other : other.getCause());
            }
            throw e;
        }
        return new Both<>(await(pending), secondResult);
    }

    private static <A> A await(CompletableFuture<A> pending) {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a concurrent call", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Created on first use only: a function that never pairs calls starts no thread. */
    private static final class Pool {
        static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(DaemonThreads.named("concurrent-call"));
    }
}
