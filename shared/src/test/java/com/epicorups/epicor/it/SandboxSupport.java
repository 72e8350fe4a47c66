package com.epicorups.epicor.it;

import com.epicorups.app.EpicorPolling;
import com.epicorups.core.Json;
import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorSecret;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.HttpExchange;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.pipeline.ReleasePoller;
import com.epicorups.queue.MessageQueue;
import com.epicorups.sandbox.epicor.ChildSetFilter;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.sandbox.epicor.EpicorSandbox;
import com.epicorups.sandbox.epicor.RecordedRequest;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.CheckpointStore;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;

/** A started EpicorSandbox and the real Epicor client classes pointed at it. */
abstract class SandboxSupport {
    static final String COMPANY = "EPIC06";
    static final String API_KEY = "sandbox-api-key";
    static final String USER = "integration";
    static final String PASSWORD = "secret";
    static final String CLIENT_ID = "connector-client";
    static final String CLIENT_SECRET = "connector-client-secret";

    protected EpicorSandbox sandbox;
    protected final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    /** The sandbox as it starts by default: a filter on a child set bound to the parent table (ChildSetFilter.PARENT). */
    protected EpicorSandbox start(EpicorDataset dataset) {
        return start(dataset, ChildSetFilter.configuredDefault());
    }

    /**
     * A sandbox that filters child sets by their own columns, as OData says (ChildSetFilter.CHILD): what the
     * ORDER_RELS source needs, for the tests of that source.
     */
    protected EpicorSandbox startOData(EpicorDataset dataset) {
        return start(dataset, ChildSetFilter.CHILD);
    }

    private EpicorSandbox start(EpicorDataset dataset, ChildSetFilter childSets) {
        sandbox = EpicorSandbox.builder().dataset(dataset).company(COMPANY).apiKey(API_KEY).user(USER, PASSWORD)
                .oauthClient(CLIENT_ID, CLIENT_SECRET).childSetFilter(childSets).build().start();
        return sandbox;
    }

    /** Settings of the ORDER_RELS source (the eligibility filter on OrderRels), for a sandbox from {@link #startOData}. */
    protected EpicorSettings orderRelsSettings(UnaryOperator<EpicorSettings.Builder> customise) {
        return settings(b -> customise.apply(b.source(EpicorSettings.Source.ORDER_RELS)));
    }

    @AfterEach
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** The EpicorSecret for the sandbox with the given identity, customised. */
    protected EpicorSecret secret(EpicorSecret.AuthMode mode, UnaryOperator<EpicorSecret.Builder> customise) {
        EpicorSecret.Builder b = EpicorSecret.builder()
                .baseUrl(sandbox.rootUrl())
                .company(COMPANY)
                .apiKey(API_KEY)
                .authMode(mode);
        if (mode == EpicorSecret.AuthMode.OAUTH2) {
            b.clientId(CLIENT_ID).clientSecret(CLIENT_SECRET).tokenUrl(sandbox.oauthTokenUrl());
        } else {
            b.username(USER).password(PASSWORD);
        }
        return customise.apply(b).build();
    }

    protected EpicorSecret secret() {
        return secret(EpicorSecret.AuthMode.BASIC, b -> b);
    }

    protected EpicorSettings settings(UnaryOperator<EpicorSettings.Builder> customise) {
        EpicorSettings.Builder b = EpicorSettings.builder()
                .readTimeout(Duration.ofSeconds(60))
                .backoffBase(Duration.ofMillis(1))
                .backoffMax(Duration.ofMillis(2));
        return customise.apply(b).build();
    }

    protected EpicorClient client(EpicorSettings s) {
        return client(secret(), s);
    }

    protected EpicorClient client(EpicorSecret secret, EpicorSettings s) {
        return new EpicorClient(secret, s, HttpExchange.defaultClient(s.connectTimeout()),
                Clock.systemUTC(), sleeps::add);
    }

    protected EpicorSettings settings() {
        return settings(b -> b);
    }

    protected ReleasePoller poller(EpicorSettings s, CheckpointStore checkpoints, MessageQueue queue,
                                   InMemoryAuditLog audit) {
        return poller(secret(), s, checkpoints, queue, audit);
    }

    protected ReleasePoller poller(EpicorSecret secret, EpicorSettings s, CheckpointStore checkpoints,
                                   MessageQueue queue, InMemoryAuditLog audit) {
        return EpicorPolling.poller(client(secret, s), s, checkpoints, queue, audit, Clock.systemUTC(),
                ReleasePoller.DEFAULT_CYCLE_LEASE, null);
    }

    protected ReleasePoller poller(EpicorSettings s, MessageQueue queue, InMemoryAuditLog audit) {
        return poller(s, new InMemoryCheckpointStore(), queue, audit);
    }

    protected ReleasePoller poller(EpicorSecret secret, EpicorSettings s, MessageQueue queue, InMemoryAuditLog audit) {
        return poller(secret, s, new InMemoryCheckpointStore(), queue, audit);
    }

    /** Requests the sandbox answered with 400 (a query or body its strict parser refused). */
    protected List<RecordedRequest> badRequests() {
        return sandbox.requests().all().stream().filter(r -> r.status() == 400).toList();
    }

    /** Skip reason by release ("order/line/rel"), from the RELEASE_SKIPPED audit entries. */
    static Map<String, String> skips(InMemoryAuditLog audit) {
        Map<String, String> skips = new TreeMap<>();
        for (AuditEntry e : audit.all()) {
            if (e.operation() == AuditOperation.RELEASE_SKIPPED) {
                skips.put(shortKey(ReleaseKey.parse(e.subjectKey())), e.reasonCode());
            }
        }
        return skips;
    }

    static String shortKey(ReleaseKey key) {
        return key.orderNum() + "/" + key.orderLine() + "/" + key.orderRelNum();
    }

    /** Collects what the poller enqueues; an optional hook runs after each page's batch (to edit Epicor mid-poll). */
    static final class RecordingQueue implements MessageQueue {
        final List<ShipmentRequestMessage> messages = new CopyOnWriteArrayList<>();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        private volatile Consumer<Integer> afterBatch = n -> { };

        RecordingQueue afterBatch(Consumer<Integer> hook) {
            this.afterBatch = hook;
            return this;
        }

        @Override
        public String send(String body, Map<String, String> attributes) {
            sendAll(List.of(body));
            return "m-" + messages.size();
        }

        @Override
        public void sendAll(List<String> bodies) {
            for (String body : bodies) {
                try {
                    messages.add(Json.mapper().readValue(body, ShipmentRequestMessage.class));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
            batchSizes.add(bodies.size());
            afterBatch.accept(batchSizes.size());
        }

        List<String> keys() {
            List<String> keys = new ArrayList<>();
            messages.forEach(m -> keys.add(shortKey(m.release().key())));
            return keys;
        }
    }
}
