package com.epicorups.epicor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.epicor.EpicorReleaseReader;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.EpicorSecret.AuthMode;
import com.epicorups.epicor.error.EpicorAuthException;
import com.epicorups.epicor.error.EpicorLicenceException;
import com.epicorups.epicor.error.EpicorTransientException;
import com.epicorups.model.ReleaseKey;
import com.epicorups.pipeline.ReleasePoller;
import com.epicorups.port.PollSummary;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.sandbox.epicor.RequestKind;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox's injected faults, and how the real client classifies and survives them. */
class EpicorFaultsSandboxTest extends SandboxSupport {
    private static final ReleaseKey KEY = new ReleaseKey(COMPANY, 5001, 1, 1);

    @BeforeEach
    void startSandbox() {
        start(EpicorDataset.sample());
    }

    @Test
    void a401MidCycleRenewsTheTokenOnceAndTheCycleCompletes() {
        RecordingQueue queue = new RecordingQueue().afterBatch(batch -> {
            if (batch == 1) {
                sandbox.faults().failNextWith401(1);
            }
        });
        PollSummary summary = poller(secret(AuthMode.TOKEN, b -> b), settings(b -> b.pageSize(10)), queue, new InMemoryAuditLog())
                .pollOnce("poll");

        assertThat(summary.enqueued()).isEqualTo(40);
        assertThat(sandbox.requests().count(RequestKind.TOKEN_RESOURCE)).as("cycle start + one renewal").isEqualTo(2);
        assertThat(sandbox.requests().all().stream().filter(r -> r.status() == 401)).hasSize(1);
    }

    @Test
    void a401ThatPersistsAfterTheRenewalIsPermanent() {
        EpicorReleaseReader reader = new EpicorReleaseReader(client(secret(AuthMode.TOKEN, b -> b), settings()),
                settings());
        sandbox.faults().failNextWith401(2);
        assertThatThrownBy(() -> reader.recheck(KEY))
                .isInstanceOfSatisfying(EpicorAuthException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                    assertThat(e.reasonCode()).isEqualTo("EPICOR_AUTH");
                });
        assertThat(sandbox.requests().count(RequestKind.TOKEN_RESOURCE)).as("renewed once, not in a loop").isEqualTo(2);
    }

    @Test
    void licenceExhaustionIsTransientEpicorLicence() {
        EpicorSettings s = settings(b -> b.maxAttempts(2));
        sandbox.faults().licenceExhaustion(2);
        assertThatThrownBy(() -> new EpicorReleaseReader(client(s), s).recheck(KEY))
                .isInstanceOfSatisfying(EpicorLicenceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(e.reasonCode()).isEqualTo("EPICOR_LICENCE");
                    assertThat(e.getMessage()).contains("Maximum users exceeded");
                });
        assertThat(sleeps).as("retried with backoff").hasSize(1);

        sandbox.faults().licenceExhaustion(1);
        ReleaseRecheck recheck = new EpicorReleaseReader(client(s), s).recheck(KEY);
        assertThat(recheck.isShippable()).as("a seat freed on the retry").isTrue();
    }

    @Test
    void aServerErrorIsTransientAndAFailedCycleLosesNothing() {
        InMemoryCheckpointStore checkpoints = new InMemoryCheckpointStore();
        InMemoryAuditLog audit = new InMemoryAuditLog();
        RecordingQueue queue = new RecordingQueue().afterBatch(batch -> {
            if (batch == 2) {
                sandbox.faults().serverError(3);
            }
        });
        ReleasePoller poller = poller(settings(b -> b.pageSize(10).maxAttempts(3)), checkpoints, queue, audit);

        assertThatThrownBy(() -> poller.pollOnce("poll-1"))
                .isInstanceOfSatisfying(EpicorTransientException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(e.reasonCode()).isEqualTo("EPICOR_UNAVAILABLE");
                    assertThat(e.httpStatus()).isEqualTo(500);
                });
        AuditEntry failed = audit.forSubject("poll-1").get(0);
        assertThat(failed.operation()).isEqualTo(AuditOperation.POLL_CYCLE);
        assertThat(failed.outcome()).isEqualTo(AuditOutcome.RETRYING);

        int beforeFailure = queue.messages.size();
        assertThat(beforeFailure).as("pages 1 and 2 were enqueued before page 3 failed").isEqualTo(17);

        PollSummary next = poller.pollOnce("poll-2");
        assertThat(next.enqueued()).as("resumes after page 2").isEqualTo(40 - beforeFailure);
        assertThat(queue.keys()).doesNotHaveDuplicates().hasSize(40);
    }

    @Test
    void aReplySlowerThanTheReadTimeoutIsTransient() {
        // The reply is held far longer than the client waits, and would be a 200: a failure can only be the client
        // giving up at its own read timeout (2 s: short enough to wait for, long for the calls that are not held).
        EpicorSettings s = settings(b -> b.readTimeout(Duration.ofSeconds(2)).maxAttempts(1));
        sandbox.faults().timeoutHold(Duration.ofMinutes(2)).timeoutNext(1);
        assertThatThrownBy(() -> new EpicorReleaseReader(client(s), s).recheck(KEY))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(e.reasonCode()).isEqualTo("EPICOR_UNAVAILABLE");
                    assertThat(e.getMessage()).contains("did not answer within PT2S");
                });

        EpicorSettings retrying = settings(b -> b.readTimeout(Duration.ofSeconds(2)).maxAttempts(2));
        sandbox.faults().timeoutNext(1);
        assertThat(new EpicorReleaseReader(client(retrying), retrying).recheck(KEY).isShippable()).isTrue();
    }
}
