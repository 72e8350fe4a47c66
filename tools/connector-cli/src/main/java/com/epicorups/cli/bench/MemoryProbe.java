package com.epicorups.cli.bench;

import com.epicorups.app.ConnectorAssembly;
import com.epicorups.app.ConnectorParts;
import com.epicorups.aws.SqsMessageQueue;
import com.epicorups.cli.local.EmbeddedSqs;
import com.epicorups.cli.local.PipelineDriver;
import com.epicorups.cli.local.QueueDrainer;
import com.epicorups.config.ConnectorSettings;
import com.epicorups.core.Json;
import com.epicorups.function.orderpoller.OrderPollerHandler;
import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.LogConfig;
import com.epicorups.logging.LogLevel;
import com.epicorups.store.local.LocalDirectoryLabelStore;
import com.epicorups.store.memory.InMemoryCheckpointStore;
import com.epicorups.store.memory.InMemoryProcessedEventStore;
import com.epicorups.store.memory.InMemoryShipmentLedger;
import com.epicorups.store.memory.InMemoryTokenCacheStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The child JVM of a memory measurement: runs one function (the order poller, or K shipment-creator containers)
 * against the sandboxes and queues of the bench process that started it, and writes its {@link MemoryMeter}
 * figures to a file. Only the function's own state lives here (its clients, in-memory ledger and audit), so the
 * figures are the function's, not the sandboxes'. Audit entries are not kept ({@link WriteOnlyAuditLog}: on AWS
 * they go to DynamoDB); the creator's in-memory ledger, which stands in for the ShipmentsTable, is kept (about
 * a kilobyte per release) because claims must work.
 *
 * <p>{@code java -cp connector-cli.jar com.epicorups.cli.bench.MemoryProbe CONFIG.json RESULT.json}, where the
 * config is what {@link #config} builds.
 */
public final class MemoryProbe {
    /** The EventBridge rule the bench's scheduled events name. */
    static final String BENCH_RULE = "Bench";
    public static final String POLLER = "poller";
    public static final String CREATOR = "creator";

    private MemoryProbe() {
    }

    /** The probe's input: which function, the secrets and settings, the queues to use. */
    public static ObjectNode config(String role, JsonNode epicorSecret, JsonNode upsSecret, JsonNode settings,
                                    EmbeddedSqs sqs, int containers, int batchSize, Path labelDir) {
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("role", role);
        c.set("epicorSecret", epicorSecret);
        c.set("upsSecret", upsSecret);
        c.set("settings", settings);
        c.put("sqsEndpoint", sqs.endpoint().toString());
        c.put("shipmentRequestsUrl", sqs.shipmentRequests().url());
        c.put("shipmentRequestsArn", sqs.shipmentRequests().arn());
        c.put("shipmentRequestsDlqUrl", sqs.shipmentRequests().dlqUrl());
        c.put("trackingUpdatesUrl", sqs.trackingUpdates().url());
        c.put("trackingUpdatesDlqUrl", sqs.trackingUpdates().dlqUrl());
        c.put("containers", containers);
        c.put("batchSize", batchSize);
        c.put("labelDir", labelDir.toAbsolutePath().toString());
        return c;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        JsonNode config = Json.mapper().readTree(Files.readString(Path.of(args[0])));
        JsonLogger.configure(new LogConfig(LogLevel.INFO, LogConfig.DEFAULT_SERVICE, line -> { }, Clock.systemUTC()));
        SqsClient sqs = SqsClient.builder()
                .endpointOverride(URI.create(config.path("sqsEndpoint").asText()))
                .region(Region.of(EmbeddedSqs.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        ConnectorParts parts = parts(config, sqs);
        ObjectNode result = Json.mapper().createObjectNode();
        String role = config.path("role").asText();
        long started;
        MemoryMeter.Figures figures;
        try (MemoryMeter meter = MemoryMeter.start()) {
            started = System.nanoTime();
            if (POLLER.equals(role)) {
                OrderPollerHandler poller = new OrderPollerHandler(new ConnectorAssembly(parts).orderPolling());
                Map<String, Object> summary = poller.handleRequest(PipelineDriver.scheduledEvent(BENCH_RULE), null);
                result.set("summary", Json.mapper().valueToTree(summary));
            } else if (CREATOR.equals(role)) {
                int containers = config.path("containers").asInt();
                int batchSize = config.path("batchSize").asInt();
                List<QueueDrainer> drainers = ThroughputRun.containers(containers, parts, sqs, "shipment-requests",
                        config.path("shipmentRequestsUrl").asText(), config.path("shipmentRequestsArn").asText(),
                        batchSize, ThroughputRun::creatorHandler);
                ConcurrentDrain.Totals totals = ConcurrentDrain.run(drainers, Duration.ofSeconds(5), () -> true,
                        Duration.ofMinutes(30));
                result.set("summary", Json.mapper().valueToTree(totals));
            } else {
                throw new IllegalArgumentException("role must be poller or creator, not " + role);
            }
            figures = meter.finish();
        }
        result.put("role", role);
        result.put("elapsedMillis", (System.nanoTime() - started) / 1_000_000);
        result.set("memory", Json.mapper().valueToTree(figures));
        Files.writeString(Path.of(args[1]), result.toString());
        System.exit(0);
    }

    private static ConnectorParts parts(JsonNode config, SqsClient sqs) {
        JsonNode epicorSecret = config.path("epicorSecret");
        JsonNode upsSecret = config.path("upsSecret");
        JsonNode webhookSecret = Json.mapper().createObjectNode().put("credential", "bench");
        return new ConnectorParts(ConnectorSettings.parse(config.path("settings").toString()),
                () -> epicorSecret, () -> upsSecret, () -> webhookSecret,
                new InMemoryTokenCacheStore(), new InMemoryShipmentLedger(), new InMemoryCheckpointStore(),
                new WriteOnlyAuditLog(), new InMemoryProcessedEventStore(),
                new LocalDirectoryLabelStore(Path.of(config.path("labelDir").asText())),
                new SqsMessageQueue(sqs, config.path("shipmentRequestsUrl").asText()),
                new SqsMessageQueue(sqs, config.path("shipmentRequestsDlqUrl").asText()),
                new SqsMessageQueue(sqs, config.path("trackingUpdatesUrl").asText()),
                new SqsMessageQueue(sqs, config.path("trackingUpdatesDlqUrl").asText()),
                Optional.empty(), Optional.empty(), Clock.systemUTC());
    }
}
