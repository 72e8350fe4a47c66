package com.epicorups.cli.local;

import com.epicorups.app.ConnectorAssembly;
import com.epicorups.app.ConnectorParts;
import com.epicorups.aws.SqsMessageQueue;
import com.epicorups.aws.SqsMessageVisibility;
import com.epicorups.cli.ops.Queues;
import com.epicorups.cli.ops.ReleaseFinder;
import com.epicorups.config.ConnectorSettings;
import com.epicorups.core.Json;
import com.epicorups.function.webhook.TrackAlertWebhookHandler;
import com.epicorups.model.ReleaseKey;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.sandbox.epicor.EpicorSandbox;
import com.epicorups.sandbox.ups.UpsSandbox;
import com.epicorups.store.local.LocalDirectoryLabelStore;
import com.epicorups.store.memory.InMemoryAuditLog;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import com.epicorups.store.memory.InMemoryProcessedEventStore;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import com.epicorups.store.memory.InMemoryTokenCacheStore;
import com.epicorups.ups.UpsSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything a local run needs, in this process: the Epicor and UPS sandboxes (unless a {@link LocalConfig}
 * points at real endpoints), ElasticMQ with the four queues, in-memory stores, labels in a directory, a local
 * Track Alert webhook endpoint, and the {@link ConnectorAssembly} wired from those parts exactly as the
 * functions wire theirs on AWS. Close it to stop every server.
 *
 * <pre>{@code
 * try (LocalEnvironment env = LocalEnvironment.start(LocalEnvironment.Options.defaults())) {
 *     RunResult result = new PipelineDriver(env, System.out::println).runAll();
 * }
 * }</pre>
 */
public final class LocalEnvironment implements AutoCloseable {
    public static final String SANDBOX_UPS_CLIENT_ID = "local-ups-client";
    public static final String SANDBOX_UPS_CLIENT_SECRET = "local-ups-secret";
    public static final String SANDBOX_EPICOR_USER = "integration";
    public static final String SANDBOX_EPICOR_PASSWORD = "secret";
    public static final String SANDBOX_EPICOR_API_KEY = "sandbox-api-key";
    public static final String WEBHOOK_BEARER = "local-track-alert-bearer";

    /**
     * @param epicorData         a dataset file in the Epicor sandbox's format; empty = EpicorDataset.sample()
     * @param outputDir          where labels (and by default the report) go
     * @param config             real endpoints instead of the sandboxes; empty = sandboxes
     * @param settings           CONNECTOR_SETTINGS for the sandbox run; empty = the built-in ones for the sample data
     * @param visibilityTimeout  seconds a received message stays hidden (short locally, so retries come soon)
     */
    public record Options(Optional<Path> epicorData, Optional<EpicorDataset> epicorDataset, Path outputDir,
                          Optional<LocalConfig> config, Optional<ObjectNode> settings, int visibilityTimeout,
                          Clock clock) {
        public Options {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(epicorData, "epicorData");
            Objects.requireNonNull(epicorDataset, "epicorDataset");
            Objects.requireNonNull(outputDir, "outputDir");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(clock, "clock");
        }

        public static Options defaults() {
            return new Options(Optional.empty(), Optional.empty(), Path.of("local-run-output"), Optional.empty(),
                    Optional.empty(), 10,
                    Clock.systemUTC());
        }

        public Options withEpicorData(Path file) {
            return new Options(Optional.ofNullable(file), epicorDataset, outputDir, config, settings,
                    visibilityTimeout, clock);
        }

        /** A dataset built in memory (a benchmark's generated orders), instead of a file. */
        public Options withEpicorDataset(EpicorDataset dataset) {
            return new Options(epicorData, Optional.ofNullable(dataset), outputDir, config, settings,
                    visibilityTimeout, clock);
        }

        public Options withOutputDir(Path dir) {
            return new Options(epicorData, epicorDataset, dir, config, settings, visibilityTimeout, clock);
        }

        public Options withConfig(LocalConfig localConfig) {
            return new Options(epicorData, epicorDataset, outputDir, Optional.ofNullable(localConfig), settings,
                    visibilityTimeout, clock);
        }

        /** CONNECTOR_SETTINGS for the sandbox run instead of the built-in ones (warehouse accounts feed the UPS sandbox). */
        public Options withSettings(ObjectNode connectorSettings) {
            return new Options(epicorData, epicorDataset, outputDir, config, Optional.ofNullable(connectorSettings),
                    visibilityTimeout, clock);
        }

        /** Seconds a received message stays hidden; a transient failure comes back after it. */
        public Options withVisibilityTimeout(int seconds) {
            return new Options(epicorData, epicorDataset, outputDir, config, settings, seconds, clock);
        }
    }

    private final List<AutoCloseable> closeables = new ArrayList<>();
    /** Labels written before this (an earlier run into the same output folder) are not this run's. */
    private final FileTime startedAt = FileTime.from(
            Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private EpicorSandbox epicorSandbox;
    private UpsSandbox upsSandbox;
    private EmbeddedSqs sqs;
    private WebhookEndpoint webhook;
    private RecordingQueue shipmentRequests;
    private InMemoryShipmentLedger ledger;
    private InMemoryAuditLog auditLog;
    private InMemoryTokenCacheStore tokenCache;
    private ConnectorParts parts;
    private ConnectorAssembly assembly;
    private ObjectNode settingsJson;
    private Path labelDir;

    private LocalEnvironment() {
    }

    public static LocalEnvironment start(Options options) {
        LocalEnvironment env = new LocalEnvironment();
        try {
            env.startAll(options);
            return env;
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
    }

    private void startAll(Options options) {
        JsonNode epicorSecret;
        JsonNode upsSecret;
        JsonNode webhookSecret;
        webhook = track(WebhookEndpoint.start());
        settingsJson = options.config().map(c -> c.settings().deepCopy())
                .or(() -> options.settings().map(ObjectNode::deepCopy))
                .orElseGet(LocalConfig::defaultSettings);
        localRetryBackoff(settingsJson);
        section(settingsJson, "ups").filter(ups -> !ups.hasNonNull("trackAlertWebhookUrl"))
                .ifPresent(ups -> ups.put("trackAlertWebhookUrl", webhook.url()));
        // Checked before any sandbox starts: a wrong key ends the run at once, as it stops a function's start.
        ConnectorSettings settings = ConnectorSettings.fromJson(settingsJson);
        if (options.config().isPresent()) {
            LocalConfig config = options.config().get();
            epicorSecret = config.epicorSecret();
            upsSecret = config.upsSecret();
            webhookSecret = config.webhookSecret();
        } else {
            EpicorDataset dataset = options.epicorDataset()
                    .or(() -> options.epicorData().map(EpicorDataset::load))
                    .orElseGet(EpicorDataset::sample);
            epicorSandbox = track(EpicorSandbox.builder()
                    .dataset(dataset)
                    .apiKey(SANDBOX_EPICOR_API_KEY)
                    .user(SANDBOX_EPICOR_USER, SANDBOX_EPICOR_PASSWORD)
                    .clock(options.clock())
                    .build()
                    .start());
            UpsSandbox.Builder ups = UpsSandbox.builder()
                    .client(SANDBOX_UPS_CLIENT_ID, SANDBOX_UPS_CLIENT_SECRET)
                    .clock(options.clock());
            shipperAccounts(settings.ups()).forEach(ups::shipperNumber);
            upsSandbox = track(ups.build().start());
            upsSandbox.trackAlert().webhookV2(webhook.url(), WEBHOOK_BEARER, SANDBOX_UPS_CLIENT_ID);
            String company = dataset.companies().stream().sorted().findFirst().orElse("EPIC06");
            epicorSecret = Json.mapper().createObjectNode()
                    .put("baseUrl", epicorSandbox.rootUrl())
                    .put("company", company)
                    .put("apiKey", SANDBOX_EPICOR_API_KEY)
                    .put("authMode", "TOKEN")
                    .put("username", SANDBOX_EPICOR_USER)
                    .put("password", SANDBOX_EPICOR_PASSWORD)
                    .put("plant", "MfgSys");
            upsSecret = Json.mapper().createObjectNode()
                    .put("baseUrl", upsSandbox.baseUrl())
                    .put("clientId", SANDBOX_UPS_CLIENT_ID)
                    .put("clientSecret", SANDBOX_UPS_CLIENT_SECRET);
            ObjectNode webhookNode = Json.mapper().createObjectNode()
                    .put("credential", "local-track-alert-v1-credential")
                    .put("apiKey", SANDBOX_UPS_CLIENT_ID);
            webhookNode.putArray("bearerTokens").add(WEBHOOK_BEARER);
            webhookSecret = webhookNode;
        }

        sqs = track(EmbeddedSqs.start(options.visibilityTimeout()));
        shipmentRequests = new RecordingQueue(new SqsMessageQueue(sqs.sqs(), sqs.shipmentRequests().url()));
        ledger = new InMemoryShipmentLedger();
        auditLog = new InMemoryAuditLog();
        tokenCache = new InMemoryTokenCacheStore();
        labelDir = options.outputDir().resolve("labels"); // LabelPaths start every key with labels/
        parts = new ConnectorParts(settings, constant(epicorSecret), constant(upsSecret), constant(webhookSecret),
                tokenCache, ledger, new InMemoryCheckpointStore(), auditLog, new InMemoryProcessedEventStore(),
                new LocalDirectoryLabelStore(options.outputDir()),
                shipmentRequests,
                new SqsMessageQueue(sqs.sqs(), sqs.shipmentRequests().dlqUrl()),
                new SqsMessageQueue(sqs.sqs(), sqs.trackingUpdates().url()),
                new SqsMessageQueue(sqs.sqs(), sqs.trackingUpdates().dlqUrl()),
                // Retries follow the pipeline's backoff (pipeline.retryBaseSeconds...), as on AWS.
                Optional.of(new SqsMessageVisibility(sqs.sqs(), sqs.shipmentRequests().url())),
                Optional.of(new SqsMessageVisibility(sqs.sqs(), sqs.trackingUpdates().url())),
                options.clock(),
                // The queues' redrive policy: on the last receive a transient failure is dead-lettered with why.
                EmbeddedSqs.MAX_RECEIVE_COUNT);
        assembly = new ConnectorAssembly(parts);
        webhook.handler(new TrackAlertWebhookHandler(assembly.trackAlertIntake()));
    }

    /**
     * Retries follow the pipeline's visibility backoff as on AWS, but a local run should not wait the production
     * 30 s..15 min: unless the settings say otherwise, 1 s doubling up to 4 s.
     */
    private static void localRetryBackoff(ObjectNode settings) {
        section(settings, "pipeline").ifPresent(pipeline -> {
            if (!pipeline.has("retryBaseSeconds")) {
                pipeline.put("retryBaseSeconds", 1);
            }
            if (!pipeline.has("retryMaxSeconds")) {
                pipeline.put("retryMaxSeconds", Math.max(4, pipeline.path("retryBaseSeconds").asInt(1)));
            }
        });
    }

    /** The settings' section to adjust, created when absent; empty when it is not an object (reported by the parse). */
    private static Optional<ObjectNode> section(ObjectNode settings, String name) {
        JsonNode section = settings.get(name);
        if (section == null || section.isNull()) {
            return Optional.of(settings.putObject(name));
        }
        return section instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
    }

    /**
     * The UPS accounts the settings ship with, which the UPS sandbox must know to accept their shipments and
     * tokens: every warehouse's accountNumber (its ShipperNumber) and its own merchantId (a token's x-merchant-id).
     */
    static Set<String> shipperAccounts(UpsSettings settings) {
        Set<String> accounts = new LinkedHashSet<>();
        for (UpsSettings.Warehouse warehouse : settings.warehouses().values()) {
            accounts.add(warehouse.accountNumber());
            if (warehouse.merchantId() != null) {
                accounts.add(warehouse.merchantId());
            }
        }
        return accounts;
    }

    private static Supplier<JsonNode> constant(JsonNode node) {
        return () -> node;
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    /** True when the sandboxes run (no --config): the carrier can be simulated and request logs read. */
    public boolean sandboxed() {
        return epicorSandbox != null;
    }

    public Optional<EpicorSandbox> epicorSandbox() {
        return Optional.ofNullable(epicorSandbox);
    }

    public Optional<UpsSandbox> upsSandbox() {
        return Optional.ofNullable(upsSandbox);
    }

    public EmbeddedSqs sqs() {
        return sqs;
    }

    public WebhookEndpoint webhook() {
        return webhook;
    }

    public RecordingQueue shipmentRequests() {
        return shipmentRequests;
    }

    public InMemoryShipmentLedger ledger() {
        return ledger;
    }

    public InMemoryAuditLog auditLog() {
        return auditLog;
    }

    public InMemoryTokenCacheStore tokenCache() {
        return tokenCache;
    }

    public ConnectorParts parts() {
        return parts;
    }

    public ConnectorAssembly assembly() {
        return assembly;
    }

    public ObjectNode settingsJson() {
        return settingsJson;
    }

    public Path labelDir() {
        return labelDir;
    }

    /** When this environment started, to a whole second (what file systems keep at least). */
    public FileTime startedAt() {
        return startedAt;
    }

    /** The queues as the operator commands see them. */
    public Queues queues() {
        return Queues.of(sqs.sqs(), sqs.shipmentRequests().url(), sqs.shipmentRequests().dlqUrl(),
                sqs.trackingUpdates().url(), sqs.trackingUpdates().dlqUrl());
    }

    /** Finds an order's releases in this run's audit trail (every release the poll saw is audited or enqueued). */
    public ReleaseFinder releaseFinder() {
        return (company, orderNum) -> {
            java.util.Set<ReleaseKey> keys = new java.util.LinkedHashSet<>(RunReport.enqueuedKeys(this));
            auditLog.all().forEach(e -> {
                ReleaseKey key = ReleaseFinder.parseOrNull(e.subjectKey());
                if (key != null) {
                    keys.add(key);
                }
            });
            return keys.stream().filter(k -> ReleaseFinder.matches(k, company, orderNum))
                    .sorted(java.util.Comparator.comparing(ReleaseKey::orderLine).thenComparing(ReleaseKey::orderRelNum))
                    .toList();
        };
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        closeables.clear();
    }
}
