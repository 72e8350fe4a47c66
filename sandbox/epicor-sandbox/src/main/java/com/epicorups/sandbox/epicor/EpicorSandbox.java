package com.epicorups.sandbox.epicor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server that answers like Epicor Kinetic REST v2 on the paths the connector uses
 * (SalesOrderSvc, CustomerSvc, PartSvc, CustShipSvc, WarehseSvc, ShipViaSvc, CountrySvc entity sets and
 * $metadata, BaqSvc, TokenResource.svc) and an OAuth2 client-credentials token endpoint at {root}/connect/token.
 */
public final class EpicorSandbox implements AutoCloseable {

  static {
    // Without it every small response waits on Nagle + delayed ACK (~40 ms per call).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final EpicorDataset dataset;
  private final Settings settings;
  private final Faults faults;
  private final Sleeper sleeper;
  private final TokenIssuer tokens;
  private final RecordedRequests requests = new RecordedRequests();
  private final RecordedWrites writes = new RecordedWrites();
  private HttpServer server;
  private ExecutorService executor;

  /** How the sandbox waits out latency and held replies; a test may give one that records or coordinates. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Credentials and limits the server enforces. */
  record Settings(
      String instance,
      int port,
      String apiKey,
      Map<String, String> users,
      Map<String, String> oauthClients,
      int defaultTopCap,
      Clock clock,
      ChildSetFilter childSetFilter,
      Set<String> childSetFilterSets) {}

  private EpicorSandbox(Builder b) {
    this.dataset = Objects.requireNonNull(b.dataset, "dataset");
    dataset.useClock(b.clock);
    b.companies.forEach(dataset::addCompany);
    this.settings = new Settings(b.instance, b.port, b.apiKey, Map.copyOf(b.users), Map.copyOf(b.oauthClients),
        b.defaultTopCap, b.clock, b.childSetFilter, Set.copyOf(b.childSetFilterSets));
    b.childSetFilterSets.forEach(set -> {
      EntitySetSchema served = dataset.schema().entitySet(set)
          .orElseThrow(() -> new IllegalArgumentException("childSetFilter: no entity set " + set));
      if (dataset.schema().primarySetOf(served.service()).equals(served)) {
        throw new IllegalArgumentException("childSetFilter: " + set + " is the primary set of " + served.service());
      }
    });
    this.tokens = new TokenIssuer(b.clock, b.tokenLifetime);
    this.faults = new Faults(b.latency, tokens::expireAll);
    this.sleeper = b.sleeper;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds 127.0.0.1 (ephemeral port unless one was set) and starts serving. */
  public synchronized EpicorSandbox start() {
    if (server != null) {
      return this;
    }
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind epicor sandbox", e);
    }
    executor = Executors.newCachedThreadPool(daemonThreads());
    server.setExecutor(executor);
    server.createContext("/", new EpicorHttpHandler(this));
    server.start();
    return this;
  }

  /** The {root}, e.g. http://127.0.0.1:PORT/EpicorSandbox (API under {root}/api/v2/odata/{Company}/...). */
  public String rootUrl() {
    if (server == null) {
      throw new IllegalStateException("sandbox not started");
    }
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + settings.instance();
  }

  /** The OAuth2 token URL (client credentials), {root}/connect/token. */
  public String oauthTokenUrl() {
    return rootUrl() + "/connect/token";
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public Faults faults() {
    return faults;
  }

  public EpicorDataset dataset() {
    return dataset;
  }

  public RecordedWrites writes() {
    return writes;
  }

  public RecordedRequests requests() {
    return requests;
  }

  /** What the API key/user may not read or write (the dataset's AccessDenied rules; changeable while running). */
  public AccessRules access() {
    return dataset.access();
  }

  /** How a $filter on a child set (OrderRels, OrderDtls, ShipToes, ...) is answered. */
  public ChildSetFilter childSetFilter() {
    return settings.childSetFilter();
  }

  public String apiKey() {
    return settings.apiKey();
  }

  Settings settings() {
    return settings;
  }

  Sleeper sleeper() {
    return sleeper;
  }

  TokenIssuer tokens() {
    return tokens;
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "epicor-sandbox-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Configures a sandbox; every setting has a default usable in tests. */
  public static final class Builder {
    private EpicorDataset dataset;
    private final Set<String> companies = new LinkedHashSet<>();
    private String apiKey = "sandbox-api-key";
    private final Map<String, String> users = new LinkedHashMap<>(Map.of("integration", "secret"));
    private final Map<String, String> oauthClients = new LinkedHashMap<>();
    private Duration tokenLifetime = Duration.ofMinutes(60);
    private int defaultTopCap = 100;
    private Duration latency = Duration.ZERO;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());
    private String instance = "EpicorSandbox";
    private int port;
    private boolean usersCustomised;
    private ChildSetFilter childSetFilter = ChildSetFilter.configuredDefault();
    private final Set<String> childSetFilterSets = new LinkedHashSet<>();

    private Builder() {}

    public Builder dataset(EpicorDataset dataset) {
      this.dataset = dataset;
      return this;
    }

    /** Adds a company the path may name, besides those the dataset's rows carry. */
    public Builder company(String company) {
      companies.add(company);
      return this;
    }

    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey);
      return this;
    }

    /** A user for Basic auth and TokenResource.svc; the first call replaces the default integration/secret. */
    public Builder user(String username, String password) {
      if (!usersCustomised) {
        users.clear();
        usersCustomised = true;
      }
      users.put(username, password);
      return this;
    }

    /** An OAuth2 client accepted at {root}/connect/token. */
    public Builder oauthClient(String clientId, String clientSecret) {
      oauthClients.put(clientId, clientSecret);
      return this;
    }

    public Builder tokenLifetime(Duration lifetime) {
      this.tokenLifetime = Objects.requireNonNull(lifetime);
      return this;
    }

    /** Rows returned by a set read without $top. */
    public Builder defaultTopCap(int cap) {
      if (cap < 1) {
        throw new IllegalArgumentException("defaultTopCap must be >= 1");
      }
      this.defaultTopCap = cap;
      return this;
    }

    public Builder latency(Duration latency) {
      this.latency = Objects.requireNonNull(latency);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** How latency and held replies are waited out ({@code Thread.sleep} by default). */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper);
      return this;
    }

    /** The app-server instance segment of {root}, "EpicorSandbox" by default. */
    public Builder instance(String instance) {
      this.instance = Objects.requireNonNull(instance);
      return this;
    }

    /**
     * How a {@code $filter} on a child set is answered (see {@link ChildSetFilter} and the README): on every child
     * set, or only on the named ones (e.g. "OrderRels", "OrderDtls"). Default {@link ChildSetFilter#PARENT}, or the
     * system property {@value ChildSetFilter#PROPERTY}.
     */
    public Builder childSetFilter(ChildSetFilter mode, String... entitySets) {
      this.childSetFilter = Objects.requireNonNull(mode);
      childSetFilterSets.clear();
      childSetFilterSets.addAll(List.of(entitySets));
      return this;
    }

    /** A fixed port (0, the default, picks a free one). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public EpicorSandbox build() {
      return new EpicorSandbox(this);
    }
  }
}
