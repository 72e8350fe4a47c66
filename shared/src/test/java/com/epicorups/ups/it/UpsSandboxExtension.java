package com.epicorups.ups.it;

import com.epicorups.core.Backoff;
import com.epicorups.store.TokenCacheStore;
import com.epicorups.store.memory.InMemoryTokenCacheStore;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.UpsSecret;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.service.ShipViaService;
import com.epicorups.testing.MutableClock;
import com.epicorups.ups.UpsTestSupport.RecordingSleeper;
import com.epicorups.ups.auth.TokenMetrics;
import com.epicorups.ups.auth.UpsTokenProvider;
import com.epicorups.ups.transport.Sleeper;
import com.epicorups.ups.transport.UpsHttp;
import com.epicorups.sandbox.ups.Environment;
import com.epicorups.sandbox.ups.UpsSandbox;
import com.epicorups.sandbox.ups.ValidationFailure;
import com.epicorups.sandbox.ups.spec.UpsSpec;
import com.epicorups.sandbox.ups.spec.UpsSpecs;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the real UPS client against the real UPS sandbox. One {@link UpsSandbox} per test class (register as
 * {@code @RegisterExtension static final UpsSandboxExtension ups = new UpsSandboxExtension();}), with response
 * self-validation on. After EACH test the test fails if the sandbox recorded a request that does not validate
 * against UPS's official OpenAPI spec (the sandbox is strict: undeclared fields fail) or an answer of its own
 * that does not match the spec; the failures are printed.
 *
 * <p>Sandbox and client share one {@link MutableClock}, so token expiry and tracking dates move together.
 * Each call of {@link #clients()} builds a fresh client (new HttpClient, token provider and in-memory token
 * store), as a cold Lambda container would.
 */
public final class UpsSandboxExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    public static final String CLIENT_ID = "epicor-ups-it-client";
    public static final String CLIENT_SECRET = "it-secret-never-logged";
    public static final String CHI_ACCOUNT = "C1H2I3";
    public static final String ATL_ACCOUNT = "A7T8L9";
    public static final String RNO_ACCOUNT = "R4N5O6";
    public static final String QV_SUBSCRIPTION = "OutboundShipments";

    private final Environment environment;
    private MutableClock clock;
    private UpsSandbox sandbox;
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private final List<String> metricLines = new CopyOnWriteArrayList<>();

    /** A sandbox playing UPS production (onlinetools.ups.com). */
    public UpsSandboxExtension() {
        this(Environment.PRODUCTION);
    }

    /** A sandbox playing {@code environment}: {@link Environment#CIE} answers as UPS's test host does. */
    public UpsSandboxExtension(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        sandbox = UpsSandbox.builder()
                .client(CLIENT_ID, CLIENT_SECRET)
                .shipperNumber(CHI_ACCOUNT).shipperNumber(ATL_ACCOUNT).shipperNumber(RNO_ACCOUNT)
                .tokenLifetime(Duration.ofHours(1)).dailyTokenQuota(250)
                .clock(clock).latency(Duration.ZERO)
                .environment(environment)
                .build().start()
                .validateResponses(true);
        sandbox.quantumView().subscriptionName(QV_SUBSCRIPTION);
        // Parsing Shipping.yaml takes seconds on a busy machine: pay for it here, not in the first test's ship call
        // (which would time out against the clients' short test timeouts).
        UpsSpecs.validator(UpsSpec.SHIPPING);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<ValidationFailure> requests = sandbox.validationFailures();
        List<ValidationFailure> responses = sandbox.responseValidationFailures();
        sandbox.clearValidationFailures();
        sandbox.clearResponseValidationFailures();
        sandbox.faults().reset();
        sleeper.sleeps.clear();
        if (!requests.isEmpty() || !responses.isEmpty()) {
            List<String> lines = new ArrayList<>();
            requests.forEach(f -> lines.add("REQUEST  " + f));
            responses.forEach(f -> lines.add("RESPONSE " + f));
            String report = context.getDisplayName() + ": UPS spec validation failures:\n  " + String.join("\n  ", lines);
            System.err.println(report);
            throw new AssertionError(report);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    public UpsSandbox sandbox() {
        return sandbox;
    }

    public MutableClock clock() {
        return clock;
    }

    /** Backoff delays the clients asked for (they never really sleep). */
    public RecordingSleeper sleeper() {
        return sleeper;
    }

    public List<String> metricLines() {
        return metricLines;
    }

    /**
     * A realistic three-warehouse configuration pointing at the sandbox: Chicago, Atlanta and Reno, each with
     * its own UPS account (requested as the token's merchant id), a ShipVia service map, ZPL labels, Track
     * Alert v2 and the Quantum View subscription.
     */
    /** The UpsSecret for the sandbox's app. */
    public UpsSecret.Builder secretBuilder() {
        return UpsSecret.builder().baseUrl(sandbox.baseUrl()).clientId(CLIENT_ID).clientSecret(CLIENT_SECRET);
    }

    public UpsSecret secret() {
        return secretBuilder().build();
    }

    public UpsSettings.Builder settingsBuilder() {
        return UpsSettings.builder()
                .warehouse(new UpsSettings.Warehouse("CHI", "ACME DISTRIBUTION CHICAGO", "SHIPPING DESK", CHI_ACCOUNT,
                        CHI_ACCOUNT, "(312) 555-0140", List.of("2400 W 35TH ST", "DOCK 4"), "CHICAGO", "IL",
                        "60609", "US"))
                .warehouse(new UpsSettings.Warehouse("ATL", "ACME DISTRIBUTION ATLANTA", "SHIPPING DESK", ATL_ACCOUNT,
                        ATL_ACCOUNT, "404-555-0177", List.of("100 WAREHOUSE PKWY"), "ATLANTA", "GA", "30336", "US"))
                .warehouse(new UpsSettings.Warehouse("RNO", "ACME DISTRIBUTION RENO", null, RNO_ACCOUNT,
                        RNO_ACCOUNT, "+1 775 555 0101", List.of("4850 MILL ST"), "RENO", "NV", "89502", "US"))
                .service("UPS GROUND", new ShipViaService("03", "11", "11", "65")).service("UPS 2DAY", "02").service("UPS NDA", "01")
                .service("UPS STANDARD", "11").service("UPS SAVER", "65")
                .defaultServiceCode("03")
                .labelFormat(UpsSettings.LabelFormat.ZPL)
                .groupReleasesByOrder(true)
                .trackAlertVersion(UpsSettings.TrackAlertVersion.V2)
                .quantumViewSubscription(QV_SUBSCRIPTION)
                .requestTimeout(Duration.ofSeconds(60))
                .shipTimeout(Duration.ofSeconds(60));
    }

    public UpsSettings settings() {
        return settingsBuilder().build();
    }

    public UpsClients clients() {
        return clients(settings());
    }

    public UpsClients clients(UpsSettings settings) {
        return clients(secret(), settings);
    }

    public UpsClients clients(UpsSecret secret, UpsSettings settings) {
        return new UpsClients(http(secret, settings, new InMemoryTokenCacheStore()));
    }

    public UpsHttp http(UpsSettings settings, TokenCacheStore store) {
        return http(secret(), settings, store);
    }

    public UpsHttp http(UpsSecret secret, UpsSettings settings, TokenCacheStore store) {
        HttpClient client = UpsHttp.newHttpClient(settings);
        return new UpsHttp(secret, settings, client, tokenProvider(secret, settings, client, store, sleeper), sleeper,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), 3);
    }

    public UpsTokenProvider tokenProvider(UpsSettings settings, HttpClient client, TokenCacheStore store,
                                         Sleeper tokenSleeper) {
        return tokenProvider(secret(), settings, client, store, tokenSleeper);
    }

    public UpsTokenProvider tokenProvider(UpsSecret secret, UpsSettings settings, HttpClient client,
                                         TokenCacheStore store, Sleeper tokenSleeper) {
        return new UpsTokenProvider(secret, settings, client, store, clock, tokenSleeper, new TokenMetrics(metricLines::add),
                new UpsTokenProvider.Tuning(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMillis(20), 3,
                        new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), Duration.ofHours(1)));
    }
}
