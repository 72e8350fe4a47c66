package com.epicorups.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CorrelationIdTest {
    @AfterEach
    void clear() {
        CorrelationId.clear();
    }

    @Test
    void scopeRestoresThePreviousId() {
        CorrelationId.set("poll-7");
        try (CorrelationId.Scope ignored = CorrelationId.open("EPIC06#5001#1#1")) {
            assertThat(CorrelationId.current()).contains("EPIC06#5001#1#1");
        }
        assertThat(CorrelationId.current()).contains("poll-7");
    }

    @Test
    void clearAndBlankRemoveTheId() {
        CorrelationId.set("x");
        CorrelationId.clear();
        assertThat(CorrelationId.current()).isEmpty();

        CorrelationId.set("y");
        CorrelationId.set(" ");
        assertThat(CorrelationId.current()).isEmpty();
    }

    @Test
    void isPerThread() throws Exception {
        CorrelationId.set("main-thread");

        String seenElsewhere = CompletableFuture.supplyAsync(() -> CorrelationId.current().orElse("none")).get();

        assertThat(seenElsewhere).isEqualTo("none");
        assertThat(CorrelationId.current()).contains("main-thread");
    }
}
