package com.epicorups.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.logging.CorrelationId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConcurrentlyTest {

    @Test
    void bothCallsRunAtTheSameTime() {
        // Each side waits for the other at the barrier: run one after the other, they would time out.
        CyclicBarrier barrier = new CyclicBarrier(2);
        Concurrently.Both<String, Integer> both = Concurrently.both(
                () -> meet(barrier, "headers"), () -> meet(barrier, 42));

        assertThat(both.first()).isEqualTo("headers");
        assertThat(both.second()).isEqualTo(42);
    }

    @Test
    void aFailureOfTheFirstIsRethrownAsItWasThrown() {
        ConnectorException boom = new ConnectorException(Reason.EPICOR_UNAVAILABLE, "503");

        assertThatThrownBy(() -> Concurrently.both(() -> {
            throw boom;
        }, () -> "fine")).isSameAs(boom);
    }

    @Test
    void aFailureOfTheSecondWaitsForTheFirstAndKeepsItsOwnType() {
        AtomicBoolean firstFinished = new AtomicBoolean();
        IllegalArgumentException boom = new IllegalArgumentException("bad key");
        // The first finishes only once the second is failing: both() must wait for it, not return at the failure.
        CountDownLatch secondFailing = new CountDownLatch(1);

        assertThatThrownBy(() -> Concurrently.both(() -> {
            await(secondFailing);
            firstFinished.set(true);
            return "slow";
        }, () -> {
            secondFailing.countDown();
            throw boom;
        })).isSameAs(boom);
        assertThat(firstFinished).as("the pool's call finished before both() returned").isTrue();
    }

    @Test
    void thePoolThreadCarriesTheCallersCorrelationId() {
        String seen = CorrelationId.with("EPIC06#5001#1#1",
                () -> Concurrently.both(() -> CorrelationId.current().orElse("none"), () -> "x").first());

        assertThat(seen).isEqualTo("EPIC06#5001#1#1");
    }

    private static <T> T meet(CyclicBarrier barrier, T value) {
        try {
            barrier.await(60, TimeUnit.SECONDS);
            return value;
        } catch (Exception e) {
            throw new IllegalStateException("the other call never came: the two ran one after the other", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the second call never started");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
