package com.epicorups.cli.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.epicorups.app.ConnectorAssembly;
import com.epicorups.app.ConnectorParts;
import com.epicorups.cli.local.EmbeddedSqs;
import com.epicorups.cli.local.LocalConfig;
import com.epicorups.cli.local.LocalEnvironment;
import com.epicorups.cli.local.PipelineDriver;
import com.epicorups.cli.local.QueueDrainer;
import com.epicorups.cli.local.RunReport;
import com.epicorups.core.Json;
import com.epicorups.function.orderpoller.OrderPollerHandler;
import com.epicorups.function.renewer.SubscriptionRenewerHandler;
import com.epicorups.function.shipmentcreator.ShipmentCreatorHandler;
import com.epicorups.function.trackingwriter.TrackingWriterHandler;
import com.epicorups.model.PackKey;
import com.epicorups.model.ReleaseKey;
import com.epicorups.port.PreflightVerdict;
import com.epicorups.sandbox.epicor.EpicorSandbox;
import com.epicorups.sandbox.epicor.RecordedWrite;
import com.epicorups.sandbox.ups.UpsSandbox;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ShipmentRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One measurement of N releases: the real handlers in this process over the local-run engine, with latency in
 * both sandboxes. Phases: one scheduled poll (all pages); ship and write back (K shipment-creator containers and
 * K tracking-writer containers draining their queues at once, each container with its own clients, sharing the
 * token cache, ledger and queues as Lambda containers share DynamoDB and SQS); one renewer run subscribing the
 * shipped packages. Calls are counted from the sandboxes' request logs around each phase.
 */
public final class ThroughputRun {
    /** What one N measured. */
    public record Result(int releases, int seen, int enqueued, int shipped, int writtenBack, int upsShipments,
                         int deadLettered, long pollMillis, long shipWriteMillis, long shipWriteCpuMillis,
                         long subscribeMillis,
                         CallCounts preflight, CallCounts poll, CallCounts shipWrite, CallCounts subscribe,
                         ConcurrentDrain.Totals creators, ConcurrentDrain.Totals writers,
                         Optional<ProbeResult> pollerMemory, Optional<ProbeResult> creatorMemory) {
        /** Every phase's calls, the preflight's included: a deployment makes them once before its first poll. */
        public CallCounts total() {
            return preflight.plus(poll).plus(shipWrite).plus(subscribe);
        }

        /** Releases shipped and written back per second of the ship+write phase. */
        public double throughput() {
            return shipWriteMillis == 0 ? 0 : writtenBack * 1000.0 / shipWriteMillis;
        }

        /**
         * The bench process's CPU time (every thread: connector, sandboxes, queue) in the ship+write phase per release
         * written back, in milliseconds: what the throughput costs in the one JVM, much less moved by other work on
         * the machine than the throughput is.
         */
        public double cpuMillisPerRelease() {
            return writtenBack == 0 ? 0 : (double) shipWriteCpuMillis / writtenBack;
        }

        /** Epicor and UPS calls (tokens excluded) of the ship+write phase per release written back. */
        public double callsPerRelease() {
            long calls = shipWrite.epicorTotal() - epicorTokenCalls(shipWrite) + shipWrite.upsApiCalls();
            return writtenBack == 0 ? 0 : (double) calls / writtenBack;
        }

        /**
         * All Epicor calls per shipped release. When the ship phase stopped early (a time limit), the poll's calls
         * are counted for the share of the polled releases that shipped.
         */
        public double epicorCallsPerShipped() {
            if (shipped == 0) {
                return 0;
            }
            double pollShare = seen == 0 ? 0 : (preflight.epicorTotal() + poll.epicorTotal())
                    * Math.min(1.0, (double) shipped / seen);
            return (pollShare + shipWrite.epicorTotal() + subscribe.epicorTotal()) / shipped;
        }

        public double upsCallsPerShipped() {
            return shipped == 0 ? 0 : (double) total().upsApiCalls() / shipped;
        }
    }

    /** A child JVM's memory figures and how long its work took. */
    public record ProbeResult(MemoryMeter.Figures memory, long elapsedMillis, JsonNode summary) {
    }

    static long epicorTokenCalls(CallCounts counts) {
        return counts.epicor().getOrDefault("TOKEN_RESOURCE", 0L) + counts.epicor().getOrDefault("OAUTH_TOKEN", 0L);
    }

    /**
     * ReceiveMessage WaitTimeSeconds of the simulated event-source mappings: Lambda's pollers long-poll (up to 20 s);
     * 1 s keeps the idle pollers' requests few and the end of a drain prompt.
     */
    static final int LONG_POLL_SECONDS = 1;
    /**
     * The UPS sandbox checks one request in this many against the OpenAPI spec: on two cores the schema
     * validation costs more CPU than the connector under test (the tests check every request).
     */
    static final int UPS_REQUEST_VALIDATION_EVERY = 20;

    private final BenchOptions options;
    private final Consumer<String> progress;

    public ThroughputRun(BenchOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
    }

    public ObjectNode settings() {
        ObjectNode settings = LocalConfig.defaultSettings();
        ((ObjectNode) settings.with("pipeline")).put("batchConcurrency", options.batchConcurrency());
        for (String shipVia : options.bestWayShipVias()) {
            ((ObjectNode) settings.with("ups")).with("bestWay").putObject(shipVia);
        }
        if (options.packs()) {
            ObjectNode epicor = (ObjectNode) settings.with("epicor");
            epicor.put("source", "PACKS");
            epicor.remove("baqId");
        }
        return settings;
    }

    private String dataset(int units) {
        return options.packs() ? SyntheticDataset.packsJson(units) : SyntheticDataset.json(units);
    }

    /**
     * Runs {@code releases} through once and forgets the figures: the JIT compiles the handlers', clients' and
     * sandboxes' hot paths, so the measured runs show the steady state a warm Lambda container has.
     */
    public void warmUp(int releases) {
        try (LocalEnvironment env = start(dataset(releases), options.outputDir().resolve("warm-up"))) {
            Result r = measure(env, releases);
            progress.accept("warm-up: " + r.writtenBack() + " of " + releases + " releases shipped and written back in "
                    + r.shipWriteMillis() + " ms (not reported)");
        }
    }

    public Result run(int releases) {
        Path dir = options.outputDir().resolve(options.unit() + "s-" + releases);
        String dataset = dataset(releases);
        Result measured;
        try (LocalEnvironment env = start(dataset, dir.resolve("throughput"))) {
            measured = measure(env, releases);
        }
        Optional<ProbeResult> pollerMemory = Optional.empty();
        Optional<ProbeResult> creatorMemory = Optional.empty();
        if (options.memoryProbes()) {
            try (LocalEnvironment env = start(dataset, dir.resolve("memory"))) {
                pollerMemory = Optional.of(probe(env, MemoryProbe.POLLER, dir.resolve("memory")));
                progress.accept(releases + " releases: poller child JVM " + describe(pollerMemory.get()));
                if (releases <= options.creatorProbeMax()) {
                    creatorMemory = Optional.of(probe(env, MemoryProbe.CREATOR, dir.resolve("memory")));
                    progress.accept(releases + " releases: creator child JVM " + describe(creatorMemory.get()));
                }
            }
        }
        return new Result(measured.releases(), measured.seen(), measured.enqueued(), measured.shipped(),
                measured.writtenBack(), measured.upsShipments(), measured.deadLettered(), measured.pollMillis(),
                measured.shipWriteMillis(), measured.shipWriteCpuMillis(), measured.subscribeMillis(), measured.preflight(), measured.poll(),
                measured.shipWrite(),
                measured.subscribe(), measured.creators(), measured.writers(), pollerMemory, creatorMemory);
    }

    private LocalEnvironment start(String dataset, Path dir) {
        LocalEnvironment env = LocalEnvironment.start(LocalEnvironment.Options.defaults()
                .withEpicorDataset(com.epicorups.sandbox.epicor.EpicorDataset.fromJson(dataset))
                .withOutputDir(dir)
                .withSettings(settings())
                .withVisibilityTimeout(30));
        env.epicorSandbox().orElseThrow().faults().latency(options.latency());
        env.upsSandbox().orElseThrow().faults().latency(options.latency());
        env.upsSandbox().orElseThrow().requestValidationEvery(UPS_REQUEST_VALIDATION_EVERY);
        return env;
    }

    private Result measure(LocalEnvironment env, int releases) {
        EpicorSandbox epicor = env.epicorSandbox().orElseThrow();
        UpsSandbox ups = env.upsSandbox().orElseThrow();
        EmbeddedSqs sqs = env.sqs();

        // The Epicor preflight, as a deployment's first poll runs it: measured on its own, so that the poll phase shows
        // what a poll costs once a passed verdict is stored.
        CallCounts beforePreflight = CallCounts.of(epicor, ups);
        PreflightVerdict verdict = env.assembly().epicorPreflight().verdict();
        CallCounts preflight = CallCounts.of(epicor, ups).minus(beforePreflight);
        if (!verdict.passed()) {
            throw new IllegalStateException("the bench's dataset fails the Epicor preflight: " + verdict.summary());
        }
        progress.accept(releases + " releases: preflight passed in " + preflight.epicorTotal() + " Epicor calls "
                + preflight.epicor() + "; the poll below finds the stored verdict");

        CallCounts start = CallCounts.of(epicor, ups);
        long t0 = System.nanoTime();
        Map<String, Object> poll = new OrderPollerHandler(env.assembly().orderPolling())
                .handleRequest(PipelineDriver.scheduledEvent(MemoryProbe.BENCH_RULE), null);
        long pollMillis = millisSince(t0);
        CallCounts afterPoll = CallCounts.of(epicor, ups);
        progress.accept(releases + " releases: poll " + poll.get("releasesSeen") + " seen, " + poll.get("enqueued")
                + " enqueued in " + pollMillis + " ms");

        AtomicBoolean creatorsDone = new AtomicBoolean();
        List<QueueDrainer> creators = containers(options.invocations(), env.parts(), sqs.sqs(),
                sqs.shipmentRequests().name(), sqs.shipmentRequests().url(), sqs.shipmentRequests().arn(),
                options.creatorBatchSize(), ThroughputRun::creatorHandler).stream().map(QueueDrainer::pipelined).toList();
        List<QueueDrainer> writers = containers(options.writerInvocations(), env.parts(), sqs.sqs(),
                sqs.trackingUpdates().name(), sqs.trackingUpdates().url(), sqs.trackingUpdates().arn(),
                options.writerBatchSize(), ThroughputRun::writerHandler).stream().map(QueueDrainer::pipelined).toList();
        Duration timeout = options.shipPhaseLimit();
        long cpu1 = processCpuNanos();
        long t1 = System.nanoTime();
        var writerTotals = new java.util.concurrent.CompletableFuture<ConcurrentDrain.Totals>();
        Thread writerThread = new Thread(() -> {
            try {
                writerTotals.complete(ConcurrentDrain.run(writers, Duration.ofSeconds(5), creatorsDone::get, timeout));
            } catch (RuntimeException e) {
                writerTotals.completeExceptionally(e);
            }
        }, "bench-writers");
        writerThread.start();
        ConcurrentDrain.Totals creatorTotals;
        try {
            creatorTotals = ConcurrentDrain.run(creators, Duration.ofSeconds(5), () -> true, timeout);
        } finally {
            creatorsDone.set(true);
        }
        ConcurrentDrain.Totals writerResult = writerTotals.join();
        // The phase ends when the last invocation that did work returned, not when the idle pollers' last long
        // polls ran out.
        long phaseEnd = latest(System.nanoTime(), creatorTotals.lastInvocationEndNanos(),
                writerResult.lastInvocationEndNanos());
        long shipWriteMillis = (phaseEnd - t1) / 1_000_000;
        long shipWriteCpuMillis = (processCpuNanos() - cpu1) / 1_000_000;
        CallCounts afterShipWrite = CallCounts.of(epicor, ups);

        long t2 = System.nanoTime();
        Map<String, Object> renewal = new SubscriptionRenewerHandler(env.assembly().subscriptionRenewal())
                .handleRequest(PipelineDriver.scheduledEvent(MemoryProbe.BENCH_RULE), null);
        long subscribeMillis = millisSince(t2);
        CallCounts afterSubscribe = CallCounts.of(epicor, ups);

        List<String> keys = RunReport.enqueuedSubjects(env);
        Set<String> written = writtenKeys(epicor);
        int shipped = 0;
        int writtenBack = 0;
        for (String key : keys) {
            Optional<ShipmentRecord> record = PackKey.isPackKey(key) ? env.ledger().packs().get(PackKey.parse(key))
                    : env.ledger().get(ReleaseKey.parse(key));
            if (record.isPresent() && record.get().shipped()) {
                shipped++;
                if (record.get().state() == LedgerState.WRITTEN && written.contains(key)) {
                    writtenBack++;
                }
            }
        }
        int dead = depth(env, sqs.shipmentRequests().dlqUrl()) + depth(env, sqs.trackingUpdates().dlqUrl());
        progress.accept(releases + " releases: the UPS sandbox checked " + ups.validatedRequests()
                + " requests against the spec (1 in " + UPS_REQUEST_VALIDATION_EVERY + "), "
                + ups.validationFailures().size() + " did not conform");
        progress.accept(releases + " releases: ship+write " + shipped + " shipped, " + writtenBack + " written back in "
                + shipWriteMillis + " ms (" + creatorTotals.invocations() + " creator and " + writerResult.invocations()
                + " writer invocations; the last creator invocation returned at "
                + (creatorTotals.lastInvocationEndNanos() - t1) / 1_000_000 + " ms, the last writer invocation at "
                + (writerResult.lastInvocationEndNanos() - t1) / 1_000_000 + " ms); renewer " + renewal.get("accepted")
                + " subscribed in " + subscribeMillis + " ms");
        return new Result(releases, number(poll.get("releasesSeen")), keys.size(), shipped, writtenBack,
                ups.shipments().count(), dead, pollMillis, shipWriteMillis, shipWriteCpuMillis, subscribeMillis, preflight,
                afterPoll.minus(start), afterShipWrite.minus(afterPoll), afterSubscribe.minus(afterShipWrite),
                creatorTotals, writerResult, Optional.empty(), Optional.empty());
    }

    /**
     * {@code count} containers of one function draining one queue, each with its own composition root over the
     * shared parts (its own clients and Epicor session), as Lambda runs one container per concurrent invocation.
     */
    static List<QueueDrainer> containers(int count, ConnectorParts parts, SqsClient sqs, String queueName,
                                         String queueUrl, String queueArn, int batchSize,
                                         Function<ConnectorAssembly, RequestHandler<SQSEvent, SQSBatchResponse>> handler) {
        List<QueueDrainer> containers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            containers.add(new QueueDrainer(sqs, queueName, queueUrl, queueArn,
                    handler.apply(new ConnectorAssembly(parts)), batchSize, LONG_POLL_SECONDS));
        }
        return containers;
    }

    static RequestHandler<SQSEvent, SQSBatchResponse> creatorHandler(ConnectorAssembly assembly) {
        return new ShipmentCreatorHandler(assembly.shipmentCreation(), assembly.shipmentRequestsBatch());
    }

    private static RequestHandler<SQSEvent, SQSBatchResponse> writerHandler(ConnectorAssembly assembly) {
        return new TrackingWriterHandler(assembly.trackingWriting(), assembly.trackingUpdatesBatch());
    }

    /** Releases (and packs: company#PACK#n) whose tracking fields Epicor received in an applied write. */
    private static Set<String> writtenKeys(EpicorSandbox epicor) {
        Set<String> keys = new HashSet<>();
        for (RecordedWrite w : epicor.writes().all()) {
            if ("CustShips".equals(w.entitySet()) && w.applied() && w.body() != null
                    && w.body().containsKey("TrackingNumber")) {
                keys.add(w.keys().get("Company") + "#PACK#" + w.keys().get("PackNum"));
            }
            if ("OrderRels".equals(w.entitySet()) && w.applied()) {
                keys.add(w.keys().get("Company") + "#" + w.keys().get("OrderNum") + "#"
                        + w.keys().get("OrderLine") + "#" + w.keys().get("OrderRelNum"));
            }
        }
        return keys;
    }

    private ProbeResult probe(LocalEnvironment env, String role, Path dir) {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve(role + "-probe.json");
            Path result = dir.resolve(role + "-result.json");
            Files.deleteIfExists(result);
            ObjectNode c = MemoryProbe.config(role, env.parts().epicorSecret().get(), env.parts().upsSecret().get(),
                    env.settingsJson(), env.sqs(), options.invocations(), options.creatorBatchSize(),
                    dir.resolve(role + "-labels"));
            Files.writeString(config, c.toString());
            int code = ChildJvm.run(probeJvmArgs(), ChildJvm.ownClasspath(), MemoryProbe.class.getName(),
                    List.of(config.toString(), result.toString()), Map.of(), dir.resolve(role + "-probe.log"),
                    Duration.ofMinutes(40).toSeconds());
            if (code != 0 || !Files.exists(result)) {
                throw new IllegalStateException(role + " probe exited " + code + "; see " + dir.resolve(role + "-probe.log"));
            }
            JsonNode r = Json.mapper().readTree(Files.readString(result));
            return new ProbeResult(Json.mapper().treeToValue(r.get("memory"), MemoryMeter.Figures.class),
                    r.path("elapsedMillis").asLong(), r.get("summary"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Lambda-sized heap (512 MB) with a small young generation, so collections happen often and the largest
     * heap left after one follows what the function keeps alive.
     */
    static List<String> probeJvmArgs() {
        return List.of("-Xmx512m", "-Xmn16m", "-XX:+UseSerialGC", "-XX:-UsePerfData");
    }

    private static String describe(ProbeResult p) {
        return "peak live heap " + mb(p.memory().peakLiveHeapBytes()) + ", peak heap used "
                + mb(p.memory().peakHeapUsedBytes()) + ", RSS peak " + mb(p.memory().rssPeakBytes()) + " ("
                + p.memory().collections() + " GCs, " + p.elapsedMillis() + " ms)";
    }

    static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static int depth(LocalEnvironment env, String url) {
        var d = env.queues().depth(url);
        return d.visible() + d.inFlight() + d.delayed();
    }

    /** The latest of the invocation end times that are set, else {@code fallback}. */
    private static long latest(long fallback, long... ends) {
        long latest = 0;
        for (long end : ends) {
            if (end != 0 && (latest == 0 || end - latest > 0)) {
                latest = end;
            }
        }
        return latest == 0 ? fallback : latest;
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
