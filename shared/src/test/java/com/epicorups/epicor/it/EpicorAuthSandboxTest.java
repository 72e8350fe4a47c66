package com.epicorups.epicor.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.EpicorSecret.AuthMode;
import com.epicorups.pipeline.ReleasePoller;
import com.epicorups.port.PollSummary;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.sandbox.epicor.RecordedRequest;
import com.epicorups.sandbox.epicor.RequestKind;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each identity the client supports, against the sandbox's TokenResource, OAuth2 token endpoint and Basic check. */
class EpicorAuthSandboxTest extends SandboxSupport {

    @ParameterizedTest
    @EnumSource(AuthMode.class)
    void aPollCycleSucceedsWithEachIdentity(AuthMode mode) {
        start(EpicorDataset.sample());
        RecordingQueue queue = new RecordingQueue();
        ReleasePoller poller = poller(secret(mode, b -> b), settings(b -> b.pageSize(20)), new InMemoryCheckpointStore(),
                queue, new InMemoryAuditLog());

        PollSummary first = poller.pollOnce("poll-1");
        sandbox.dataset().update("OrderRels", ReleasePollSandboxTest.rel(5001, 1, 1), java.util.Map.of("OurReqQty", 41));
        PollSummary second = poller.pollOnce("poll-2");

        assertThat(first.enqueued()).isEqualTo(40);
        assertThat(second.enqueued()).isEqualTo(1);
        List<RecordedRequest> apiCalls = sandbox.requests().all().stream()
                .filter(r -> r.kind() == RequestKind.READ_SET).toList();
        assertThat(apiCalls).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("x-api-key")).isEqualTo(API_KEY);
            assertThat(r.header("authorization")).isEqualTo(mode == AuthMode.BASIC ? "Basic" : "Bearer");
        });
        long tokenResource = sandbox.requests().count(RequestKind.TOKEN_RESOURCE);
        long oauth = sandbox.requests().count(RequestKind.OAUTH_TOKEN);
        switch (mode) {
            case BASIC -> assertThat(tokenResource + oauth).isZero();
            // a fresh TokenResource token at the start of every cycle
            case TOKEN -> assertThat(List.of(tokenResource, oauth)).containsExactly(2L, 0L);
            // the OAuth2 token is reused until shortly before it expires
            case OAUTH2 -> assertThat(List.of(tokenResource, oauth)).containsExactly(0L, 1L);
        }
        if (mode == AuthMode.OAUTH2) {
            RecordedRequest tokenCall = sandbox.requests().all().stream()
                    .filter(r -> r.kind() == RequestKind.OAUTH_TOKEN).findFirst().orElseThrow();
            assertThat(tokenCall.header("x-api-key")).as("the API key is Epicor's, not the IdP's").isNull();
        }
        assertThat(first.epicorCalls() + second.epicorCalls()).isEqualTo(sandbox.requests().size());
        assertThat(badRequests()).isEmpty();
    }

    @Test
    void anExpiredTokenIsRenewedOnceMidCycle() {
        start(EpicorDataset.sample());
        RecordingQueue queue = new RecordingQueue().afterBatch(batch -> {
            if (batch == 1) {
                sandbox.faults().expireAllTokens();
            }
        });
        PollSummary summary = poller(secret(AuthMode.OAUTH2, b -> b), settings(b -> b.pageSize(10)), queue, new InMemoryAuditLog())
                .pollOnce("poll");

        assertThat(summary.enqueued()).isEqualTo(40);
        assertThat(sandbox.requests().count(RequestKind.OAUTH_TOKEN)).isEqualTo(2);
        assertThat(sandbox.requests().all().stream().filter(r -> r.status() == 401)).hasSize(1);
    }
}
