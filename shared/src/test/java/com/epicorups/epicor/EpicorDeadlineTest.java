package com.epicorups.epicor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Deadline;
import com.epicorups.core.Reason;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Epicor calls inside the invocation's {@link Deadline}: an Epicor that accepts the connection and never answers
 * (a server socket that reads nothing back) costs at most the budget, not attempts x read timeout.
 */
class EpicorDeadlineTest extends EpicorTestSupport {
    private ServerSocket silent;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSilentEpicor() throws IOException {
        silent = new ServerSocket(0);
        Thread.ofPlatform().daemon().start(() -> {
            while (!silent.isClosed()) {
                try {
                    accepted.add(silent.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    @AfterEach
    void stopSilentEpicor() throws IOException {
        silent.close();
        for (Socket s : accepted) {
            s.close();
        }
    }

    private EpicorClient silentClient(int maxAttempts) {
        EpicorSecret secret = secret(b -> b.baseUrl("http://127.0.0.1:" + silent.getLocalPort() + "/EpicorLive"));
        return client(secret, settings(b -> b.readTimeout(Duration.ofSeconds(60)).maxAttempts(maxAttempts)));
    }

    @Test
    void aNeverAnsweringEpicorFailsWithDeadlineOnceTheBudgetIsSpentNotAfterThreeReadTimeouts() {
        EpicorClient c = silentClient(3);
        // The 60 s read timeout x 3 attempts would be 180 s; the budget is 2 s.
        Deadline deadline = Deadline.after(Duration.ofSeconds(2));
        assertThatThrownBy(() -> Deadline.within(deadline, () -> c.getRows(EpicorFields.SALES_ORDERS, null)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.DEADLINE);
                    assertThat(e.isTransient()).as("through the normal retry and dead-letter path").isTrue();
                    assertThat(e.getMessage()).contains("GET " + EpicorFields.SALES_ORDERS)
                            .contains("time budget (2000 ms")
                            .contains("last failure").contains("did not answer within");
                });
        assertThat(c.callCount()).as("one capped attempt; no second one without a second left").isEqualTo(1);
    }

    @Test
    void noAttemptStartsWithLessThanASecondLeft() {
        EpicorClient c = silentClient(3);
        Deadline spent = Deadline.after(Duration.ofMillis(500));
        assertThatThrownBy(() -> Deadline.within(spent, () -> c.getRows(EpicorFields.SALES_ORDERS, null)))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.DEADLINE));
        assertThat(c.callCount()).isZero();
        assertThat(accepted).isEmpty();
    }

    @Test
    void aRetryIsOnlyStartedWhenItsBackoffAndAnAttemptStillFit() {
        fake.interceptors.add(r -> new okhttp3.mockwebserver.MockResponse().setResponseCode(503));
        AtomicLong now = new AtomicLong();
        // Virtual time: the budget is 10 s, the backoff at least 8 s; after the first 503 the pause and a second
        // would not fit once the clock has moved 2 s.
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), now::get);
        EpicorClient c = new EpicorClient(secret(), settings(b -> b.maxAttempts(5).backoffBase(Duration.ofSeconds(16))
                .backoffMax(Duration.ofSeconds(16))), HttpExchange.defaultClient(Duration.ofSeconds(5)), clock,
                d -> now.addAndGet(d.toNanos()));
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThatThrownBy(() -> Deadline.within(deadline, () -> c.getRows(EpicorFields.SALES_ORDERS, null)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.DEADLINE);
                    assertThat(e.getMessage()).contains("503");
                });
        assertThat(c.callCount()).isEqualTo(1);
    }

    @Test
    void withoutADeadlineTheSettingsAloneDecide() {
        fake.interceptors.add(r -> new okhttp3.mockwebserver.MockResponse().setResponseCode(503));
        EpicorClient c = client(settings(b -> b.maxAttempts(3)));
        assertThatThrownBy(() -> c.getRows(EpicorFields.SALES_ORDERS, null))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.EPICOR_UNAVAILABLE));
        assertThat(c.callCount()).isEqualTo(3);
    }
}
