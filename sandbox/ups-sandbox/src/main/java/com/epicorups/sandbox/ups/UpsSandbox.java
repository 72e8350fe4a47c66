package com.epicorups.sandbox.ups;

import com.epicorups.sandbox.ups.spec.UpsSpecs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server that behaves like UPS's REST APIs on every path the connector uses. Every request is
 * validated against the official spec of its path; requests that do not conform are answered 400 with a
 * UPS error body and recorded in {@link #validationFailures()}.
 *
 * <pre>{@code
 * UpsSandbox ups = UpsSandbox.builder().client("id", "secret").shipperNumber("A1B2C3").build().start();
 * String base = ups.baseUrl();   // token at base + "/security/v1/oauth/token", APIs under base + "/api/..."
 * }</pre>
 */
public final class UpsSandbox implements AutoCloseable {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private record Route(String method, Pattern path, Operation operation) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route("POST", Pattern.compile("/security/v1/oauth/token"), Operation.TOKEN),
            new Route("POST", Pattern.compile("/api/addressvalidation/(v[0-9]+)/([0-9]+)"), Operation.ADDRESS_VALIDATION),
            new Route("POST", Pattern.compile("/api/shipments/(v[0-9]+)/ship"), Operation.SHIP),
            new Route("DELETE", Pattern.compile("/api/shipments/(v[0-9]+)/void/cancel/([^/]+)"), Operation.VOID),
            new Route("POST", Pattern.compile("/api/labels/(v[0-9]+)/recovery"), Operation.LABEL_RECOVERY),
            new Route("GET", Pattern.compile("/api/track/v1/details/([^/]+)"), Operation.TRACK),
            new Route("GET", Pattern.compile("/api/track/v1/reference/details/([^/]+)"), Operation.TRACK_BY_REFERENCE),
            new Route("POST", Pattern.compile("/api/quantumview/(v[0-9]+)/events"), Operation.QUANTUM_VIEW),
            new Route("POST", Pattern.compile("/api/track/(v[12])/subscription/(standard|enhanced)/package"),
                    Operation.TRACK_ALERT_SUBSCRIBE),
            new Route("POST", Pattern.compile("/api/rating/(v[0-9]+)/([A-Za-z]+)"), Operation.RATING));

    private final Clock clock;
    private final int requestedPort;
    private final Set<String> shipperNumbers;
    private final TokenService tokens;
    private final Faults faults;
    private final Shipments shipments;
    private final QuantumViewFeed quantumView;
    private final TrackAlert trackAlert;
    private final Environment environment;
    private final AddressRules addresses;
    private final TokenEndpoint tokenEndpoint;
    private final Rating rating;
    private final List<ValidationFailure> validationFailures = new CopyOnWriteArrayList<>();
    private final List<ValidationFailure> responseValidationFailures = new CopyOnWriteArrayList<>();
    private volatile boolean validateResponses;
    private volatile int requestValidationEvery = 1;
    private final java.util.concurrent.atomic.AtomicLong receivedForValidation = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong validatedRequests = new java.util.concurrent.atomic.AtomicLong();
    private final Map<Operation, Integer> requests = new EnumMap<>(Operation.class);
    private HttpServer server;
    private ExecutorService executor;

    private UpsSandbox(Builder b) {
        this.clock = b.clock;
        this.requestedPort = b.port;
        this.shipperNumbers = Set.copyOf(b.shipperNumbers);
        this.tokens = new TokenService(b.clients, b.clock, b.tokenLifetime, b.dailyTokenQuota);
        this.faults = new Faults(b.latency);
        this.shipments = new Shipments(b.clock, b.shipperNumbers);
        this.quantumView = new QuantumViewFeed(b.clock, "SANDBOX" + (b.shipperNumbers.isEmpty() ? "" : b.shipperNumbers.iterator().next()));
        this.environment = b.environment;
        this.addresses = new AddressRules(b.environment);
        this.trackAlert = new TrackAlert(b.clock, b.environment);
        this.tokenEndpoint = new TokenEndpoint(tokens, faults, shipperNumbers, this::validate);
        this.rating = new Rating(shipperNumbers, b.clock);
        shipments.addListener(quantumView);
        shipments.addListener(trackAlert);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds 127.0.0.1 on the configured (default: ephemeral) port and starts serving; starts loading the specs in the background. */
    public synchronized UpsSandbox start() {
        if (server != null) {
            return this;
        }
        UpsSpecs.preloadInBackground();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ups-sandbox-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("UpsSandbox not started");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    /** The UPS host this sandbox plays (production unless built with {@code environment(Environment.CIE)}). */
    public Environment environment() {
        return environment;
    }

    public Shipments shipments() {
        return shipments;
    }

    public TrackAlert trackAlert() {
        return trackAlert;
    }

    public QuantumViewFeed quantumView() {
        return quantumView;
    }

    public AddressRules addresses() {
        return addresses;
    }

    public List<ValidationFailure> validationFailures() {
        return List.copyOf(validationFailures);
    }

    /**
     * Self-check: also validate the sandbox's own successful answers against the spec's response schemas
     * (off by default; costs a few ms per call). Findings go to {@link #responseValidationFailures()}.
     */
    public UpsSandbox validateResponses(boolean enabled) {
        this.validateResponses = enabled;
        return this;
    }

    /**
     * Checks one request in {@code every} against the spec (1, the default: every request). For load runs on a
     * small machine, where the schema validation costs more CPU than the client under test; the requests not
     * checked are answered as if they conformed. The first request is always checked.
     */
    public UpsSandbox requestValidationEvery(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1");
        }
        this.requestValidationEvery = every;
        return this;
    }

    /** How many requests were checked against the spec (see {@link #requestValidationEvery}). */
    public long validatedRequests() {
        return validatedRequests.get();
    }

    public List<ValidationFailure> responseValidationFailures() {
        return List.copyOf(responseValidationFailures);
    }

    public void clearValidationFailures() {
        validationFailures.clear();
    }

    public void clearResponseValidationFailures() {
        responseValidationFailures.clear();
    }

    /** The {@code x-merchant-id} of every token issued so far, in order ("" when the request had none). */
    public List<String> issuedTokenMerchantIds() {
        return tokenEndpoint.issuedTokenMerchantIds();
    }

    /** Requests received so far, counted by operation (including rejected ones). */
    public synchronized Map<Operation, Integer> requests() {
        return Map.copyOf(requests);
    }

    public synchronized int requests(Operation operation) {
        return requests.getOrDefault(operation, 0);
    }

    public int tokenRequests() {
        return requests(Operation.TOKEN);
    }

    /** Invalidates every issued token now, as if they had all expired. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    public UpsSandbox tokenLifetime(Duration lifetime) {
        tokens.lifetime(lifetime);
        return this;
    }

    public UpsSandbox dailyTokenQuota(int quota) {
        tokens.dailyQuota(quota);
        return this;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    // ---------------------------------------------------------------- dispatch

    private void handle(HttpExchange exchange) {
        try {
            HttpCall call = new HttpCall(exchange);
            dispatch(call);
            if (!call.answered()) {
                call.respond(500, Json.error("10004", "Something went wrong while processing your request, please try again later"));
            }
        } catch (IOException e) {
            exchange.close();
        } catch (RuntimeException e) {
            try {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                byte[] body = Json.write(Json.error("10004", "Sandbox error: " + e)).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, body.length);
                exchange.getResponseBody().write(body);
            } catch (IOException ignored) {
                // client gone
            } finally {
                exchange.close();
            }
        }
    }

    private void dispatch(HttpCall call) {
        Optional<Route> matched = Optional.empty();
        for (Route route : ROUTES) {
            Matcher m = route.path().matcher(call.path());
            if (m.matches() && route.method().equals(call.method())) {
                List<String> params = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    params.add(URLDecoder.decode(m.group(i), StandardCharsets.UTF_8));
                }
                call.pathParams(params);
                matched = Optional.of(route);
                break;
            }
        }
        if (matched.isEmpty()) {
            call.respond(404, Json.error("404", "The requested resource was not found."));
            return;
        }
        Operation operation = matched.get().operation();
        synchronized (this) {
            requests.merge(operation, 1, Integer::sum);
        }
        sleep(faults.latency());
        if (operation == Operation.TOKEN) {
            tokenEndpoint.issue(call);
            return;
        }
        switch (tokens.check(call.header("Authorization"))) {
            case MISSING, UNKNOWN -> {
                call.respond(401, Json.error("250002", "Invalid Authentication Information."));
                return;
            }
            case EXPIRED -> {
                call.respond(401, Json.error("251004", "Bearer Token expired"));
                return;
            }
            case OK -> { }
        }
        Optional<Faults.Fault> fault = faults.takeFor(operation);
        if (fault.isPresent()) {
            switch (fault.get().kind()) {
                case TOO_MANY_REQUESTS -> call.respond(429, Json.error("10429", "Too Many Requests"));
                case SERVER_ERROR -> call.respond(500, Json.error("10004",
                        "Something went wrong while processing your request, please try again later"));
                case TIMEOUT -> call.withhold(fault.get().hold());
            }
            return;
        }
        if (!validate(call)) {
            return;
        }
        JsonNode body;
        try {
            body = call.body().isBlank() ? Json.object() : Json.parse(call.body());
        } catch (IllegalArgumentException e) {
            call.respond(400, Json.error("10002", "The request body is not well-formed JSON"));
            return;
        }
        Reply reply = switch (operation) {
            case ADDRESS_VALIDATION -> addresses.validate(body, call.pathParam(1), call.query("maximumcandidatelistsize"));
            case SHIP -> ship(call, body);
            case VOID -> voidShipment(call);
            case LABEL_RECOVERY -> shipments.recoverLabels(body);
            case TRACK -> shipments.track(call.pathParam(0));
            case TRACK_BY_REFERENCE -> shipments.trackByReference(call.pathParam(0));
            case QUANTUM_VIEW -> quantumView.respond(body);
            case TRACK_ALERT_SUBSCRIBE -> trackAlert.subscribe(call.pathParam(0), body);
            case RATING -> rating.rate(body, call.pathParam(1), call.query("additionalinfo"));
            case TOKEN -> throw new IllegalStateException();
        };
        if (reply != null) {
            if (validateResponses && reply.status() == 200) {
                List<String> problems = SpecValidation.validateResponse(call, reply.status(), Json.write(reply.body()));
                if (!problems.isEmpty()) {
                    responseValidationFailures.add(new ValidationFailure(clock.instant(), call.method(), call.path(), problems));
                }
            }
            call.respond(reply.status(), reply.body());
        }
    }

    private boolean validate(HttpCall call) {
        if ((receivedForValidation.getAndIncrement() % requestValidationEvery) != 0) {
            return true;
        }
        validatedRequests.incrementAndGet();
        List<String> messages = SpecValidation.validate(call);
        if (messages.isEmpty()) {
            return true;
        }
        validationFailures.add(new ValidationFailure(clock.instant(), call.method(), call.path(), messages));
        call.respond(400, Json.error("10001", "The request is not valid: " + String.join("; ", messages)));
        return false;
    }

    private Reply voidShipment(HttpCall call) {
        Reply reply = shipments.voidShipment(call.pathParam(1), call.query("trackingnumber"));
        if (reply.status() == 200) {
            Optional<Duration> withhold = faults.takeVoidTimeoutAfterVoid();
            if (withhold.isPresent()) {
                call.withhold(withhold.get());
                return null;
            }
        }
        return reply;
    }

    private Reply ship(HttpCall call, JsonNode body) {
        Shipments.ShipOutcome outcome = shipments.ship(body);
        if (outcome.shipment() != null) {
            Optional<Duration> withhold = faults.takeShipTimeoutAfterCreate();
            if (withhold.isPresent()) {
                call.withhold(withhold.get());
                return null;
            }
        }
        return outcome.reply();
    }

    private static void sleep(Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- builder

    public static final class Builder {
        private final Map<String, String> clients = new LinkedHashMap<>();
        private final Set<String> shipperNumbers = new LinkedHashSet<>();
        private Duration tokenLifetime = Duration.ofHours(1);
        private int dailyTokenQuota = 250;
        private Clock clock = Clock.systemUTC();
        private Duration latency = Duration.ZERO;
        private Environment environment = Environment.PRODUCTION;
        private int port;

        private Builder() {
        }

        /** OAuth client credentials the token endpoint accepts (call again for more clients). */
        public Builder client(String clientId, String clientSecret) {
            clients.put(clientId, clientSecret);
            return this;
        }

        /** A UPS account (6 characters) Ship accepts as ShipperNumber / BillShipper account (call again for more). */
        public Builder shipperNumber(String shipperNumber) {
            if (shipperNumber == null || shipperNumber.length() != 6) {
                throw new IllegalArgumentException("A UPS shipper number has 6 characters: " + shipperNumber);
            }
            shipperNumbers.add(shipperNumber.toUpperCase(Locale.ROOT));
            return this;
        }

        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = lifetime;
            return this;
        }

        public Builder dailyTokenQuota(int quota) {
            this.dailyTokenQuota = quota;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder latency(Duration latency) {
            this.latency = latency;
            return this;
        }

        /** Which UPS host to play: {@link Environment#PRODUCTION} (default) or {@link Environment#CIE}. */
        public Builder environment(Environment environment) {
            this.environment = environment;
            return this;
        }

        /** Fixed port (default 0: ephemeral). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public UpsSandbox build() {
            return new UpsSandbox(this);
        }
    }
}
