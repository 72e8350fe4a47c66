package com.epicorups.epicor;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer running {@link FakeEpicor}, and settings/clients pointing at it. */
abstract class EpicorTestSupport {
    protected MockWebServer server;
    protected FakeEpicor fake;
    protected final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    protected final Clock clock = Clock.fixed(Instant.parse("2026-11-27T13:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void startServer() throws IOException {
        fake = new FakeEpicor();
        server = new MockWebServer();
        server.setDispatcher(fake);
        server.start();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.shutdown();
    }

    protected String baseUrl() {
        return server.url("/EpicorLive").toString();
    }

    /** The EpicorSecret for the fake (Basic identity), customised. */
    protected EpicorSecret secret(UnaryOperator<EpicorSecret.Builder> customise) {
        EpicorSecret.Builder b = EpicorSecret.builder()
                .baseUrl(baseUrl())
                .company(FakeEpicor.COMPANY)
                .apiKey(FakeEpicor.API_KEY)
                .username(FakeEpicor.USER)
                .password(FakeEpicor.PASSWORD);
        return customise.apply(b).build();
    }

    protected EpicorSecret secret() {
        return secret(b -> b);
    }

    /**
     * Settings for {@link FakeEpicor}, which filters child sets by their own columns as OData says: the ORDER_RELS
     * source (whose eligibility filter needs that reading) unless a test chooses the BAQ source.
     */
    protected EpicorSettings settings(UnaryOperator<EpicorSettings.Builder> customise) {
        EpicorSettings.Builder b = EpicorSettings.builder()
                .source(EpicorSettings.Source.ORDER_RELS)
                .readTimeout(Duration.ofSeconds(60))
                .backoffBase(Duration.ofMillis(1))
                .backoffMax(Duration.ofMillis(2));
        return customise.apply(b).build();
    }

    protected EpicorSettings settings() {
        return settings(b -> b);
    }

    protected EpicorClient client(EpicorSettings s) {
        return client(secret(), s);
    }

    protected EpicorClient client(EpicorSecret secret, EpicorSettings s) {
        return new EpicorClient(secret, s, HttpExchange.defaultClient(s.connectTimeout()), clock, sleeps::add);
    }
}
