package com.epicorups.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.logging.CorrelationId;
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
        ConnectorException boom = new ConnectorException(FailureKind.TRANSIENT, "EPICOR_UNAVAILABLE", "503");

        assertThatThrownBy(() -> Concurrently.both(() -> {
            throw boom;
        }, () -> "fine")).isSameAs(boom);
    }

    @Test
    void aFailureOfTheSecondWaitsForTheFirstAndKeepsItsOwnType() {
        AtomicBoolean firstFinished = new AtomicBoolean();
        IllegalArgumentException boom = new IllegalArgumentException("bad key");

        assertThatThrownBy(() -> Concurrently.both(() -> {
            sleep(100);
            firstFinished.set(true);
            return "slow";
        }, () -> {
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
            barrier.await(5, TimeUnit.SECONDS);
            return value;
        } catch (Exception e) {
            throw new IllegalStateException("the other call never came: the two ran one after the other", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
