package com.epicorups.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void anInvocationsDeadlineIsItsRemainingTimeLessTheReserveAndCapsTimeouts() {
        Deadline d = Deadline.after(Duration.ofMillis(60_000).minus(Duration.ofSeconds(10)), now::get);
        assertThat(d.budget()).isEqualTo(Duration.ofSeconds(50));
        assertThat(d.cap(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(50));
        assertThat(d.cap(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(20));
        now.addAndGet(Duration.ofSeconds(45).toNanos());
        assertThat(d.remaining()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.allows(Duration.ofSeconds(5))).isTrue();
        assertThat(d.allows(Duration.ofSeconds(6))).isFalse();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(d.remaining()).as("never negative").isZero();
    }

    @Test
    void aReserveLargerThanTheRemainingTimeIsSpentAtOnce() {
        Deadline d = Deadline.ofInvocation(3_000, Duration.ofSeconds(10));
        assertThat(d.budget()).isZero();
        assertThat(d.allows(Duration.ofMillis(1))).isFalse();
    }

    @Test
    void spentIsATransientDeadlineFailureNamingTheCallAndTheLastFailure() {
        ConnectorException e = Deadline.after(Duration.ofSeconds(2), now::get).spent("GET x", "HTTP 503");
        assertThat(e.reason()).isEqualTo(Reason.DEADLINE);
        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).startsWith("GET x: the invocation's time budget (2000 ms")
                .endsWith("last failure: HTTP 503");
    }

    @Test
    void withinSetsTheThreadsDeadlineAndRestoresThePreviousOne() {
        Deadline outer = Deadline.after(Duration.ofSeconds(30), now::get);
        Deadline inner = Deadline.after(Duration.ofSeconds(5), now::get);
        assertThat(Deadline.current()).isSameAs(Deadline.none());
        Deadline.within(outer, () -> {
            assertThat(Deadline.current()).isSameAs(outer);
            Deadline.within(inner, () -> assertThat(Deadline.current()).isSameAs(inner));
            assertThat(Deadline.current()).isSameAs(outer);
        });
        assertThat(Deadline.current()).isSameAs(Deadline.none());
        assertThat(Deadline.none().isBounded()).isFalse();
        assertThat(Deadline.none().allows(Duration.ofHours(1))).as("no deadline: the settings alone decide").isTrue();
    }
}
