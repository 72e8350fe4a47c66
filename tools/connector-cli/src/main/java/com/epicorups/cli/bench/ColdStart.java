package com.epicorups.cli.bench;

import com.epicorups.cli.lambdalocal.SampleEvents;
import com.epicorups.cli.local.LocalEnvironment;
import com.epicorups.core.Json;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.sandbox.epicor.EpicorSandbox;
import com.epicorups.sandbox.ups.UpsSandbox;
import com.epicorups.store.dynamo.DynamoShipmentLedger;
import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.testing.aws.ProvisionedResources;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cold start of each packaged function: for every run a fresh JVM loads functions/&lt;name&gt;/target/&lt;name&gt;.jar,
 * constructs the handler through its Lambda (no-arg) constructor, which builds the clients from the environment
 * as on AWS, and handles the function's events/ sample against the Epicor and UPS sandboxes (in this process)
 * and the AWS emulators (moto server for DynamoDB, Secrets Manager and S3; ElasticMQ for SQS). Each run gets
 * freshly provisioned tables, queues, secrets and bucket, so every run does the same work. The baseline is the
 * same JVM and jar building only the SDK clients. Timed from just before the process is started to the
 * handler's return, on the machine's monotonic clock.
 */
public final class ColdStart {
    /** One function's cold starts, in milliseconds. */
    public record FunctionResult(String function, List<Long> handlerMillis, List<Long> baselineMillis,
                                 String lastOutput, String snapshotCheck, boolean snapshotClean,
                                 List<Long> initMillis) {
        public long handlerMedian() {
            return median(handlerMillis);
        }

        /** Process start to the handler constructed (JVM start and Lambda's init phase), median. */
        public long initMedian() {
            return initMillis.isEmpty() ? 0 : median(initMillis);
        }

        public long baselineMedian() {
            return median(baselineMillis);
        }

        public double ratio() {
            return baselineMedian() == 0 ? 0 : (double) handlerMedian() / baselineMedian();
        }
    }

    /** Function module, handler class and events/ sample. */
    public record Function(String name, String handlerClass) {
    }

    public static final List<Function> FUNCTIONS = List.of(
            new Function("order-poller", "com.epicorups.function.orderpoller.OrderPollerHandler"),
            new Function("shipment-creator", "com.epicorups.function.shipmentcreator.ShipmentCreatorHandler"),
            new Function("quantum-view-poller", "com.epicorups.function.quantumview.QuantumViewPollerHandler"),
            new Function("track-alert-webhook", "com.epicorups.function.webhook.TrackAlertWebhookHandler"),
            new Function("tracking-writer", "com.epicorups.function.trackingwriter.TrackingWriterHandler"),
            new Function("subscription-renewer", "com.epicorups.function.renewer.SubscriptionRenewerHandler"));

    /** Distinct secret values, so the snapshot check can look for them in the handler's object graph. */
    static final String EPICOR_PASSWORD = "cold-start-epicor-password-7f3a";
    static final String UPS_CLIENT_SECRET = "cold-start-ups-client-secret-c41e";

    private final Path root;
    private final Path workDir;
    private final int runs;
    private final Duration latency;
    private final Consumer<String> progress;

    /**
     * @param root    the repository root (functions/ and events/)
     * @param latency injected per Epicor and UPS call during the cold starts (0 measures start-up alone)
     */
    public ColdStart(Path root, Path workDir, int runs, Duration latency, Consumer<String> progress) {
        this.root = root;
        this.workDir = workDir;
        this.runs = runs;
        this.latency = latency;
        this.progress = progress;
    }

    public List<FunctionResult> run() {
        Path launcherDir = extractLauncher();
        if (System.getProperty("connector.root") == null) {
            // The harness provisions what template.yaml declares; it finds the template through this property.
            System.setProperty("connector.root", root.toAbsolutePath().normalize().toString());
        }
        AwsEmulator aws = AwsEmulator.get();
        ObjectNode settings = settings();
        List<FunctionResult> results = new ArrayList<>();
        try (EpicorSandbox epicor = EpicorSandbox.builder().dataset(EpicorDataset.sample())
                .apiKey(LocalEnvironment.SANDBOX_EPICOR_API_KEY)
                .user(LocalEnvironment.SANDBOX_EPICOR_USER, EPICOR_PASSWORD)
                .latency(latency).build().start();
             UpsSandbox ups = upsSandbox(settings)) {
            for (Function f : selected()) {
                Path jar = root.resolve("functions").resolve(f.name()).resolve("target").resolve(f.name() + ".jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(jar + " is missing: run `mvn -B package -DskipTests` first");
                }
                Path event = root.resolve("events").resolve(f.name() + ".json");
                String classpath = ChildJvm.classpath(List.of(jar, launcherDir));
                List<Long> handler = new ArrayList<>();
                List<Long> baseline = new ArrayList<>();
                List<Long> init = new ArrayList<>();
                String output = "";
                for (int i = 0; i < runs; i++) {
                    Map<String, String> env = environment(aws, f, epicor, ups, settings);
                    Timed h = timed(classpath, "handler", f, event, env, "handler-" + i);
                    handler.add(h.millis());
                    if (h.initMillis() >= 0) {
                        init.add(h.initMillis());
                    }
                    output = h.output();
                    baseline.add(timed(classpath, "baseline", f, event, env, "baseline-" + i).millis());
                }
                Map<String, String> checkEnv = new LinkedHashMap<>(environment(aws, f, epicor, ups, settings));
                checkEnv.put("BENCH_SNAPSHOT_PROBES", String.join(",", EPICOR_PASSWORD, UPS_CLIENT_SECRET,
                        SampleEvents.WEBHOOK_BEARER));
                String check = snapshotCheck(classpath, f, event, checkEnv, "snapshot-check");
                // The control: the same walk after one invocation, when the clients hold secrets; it must find them,
                // or the check could not fail.
                Map<String, String> controlEnv = new LinkedHashMap<>(environment(aws, f, epicor, ups, settings));
                controlEnv.put("BENCH_SNAPSHOT_PROBES", checkEnv.get("BENCH_SNAPSHOT_PROBES"));
                String control = snapshotCheck(classpath, f, event, controlEnv, "snapshot-check-after-invoke");
                boolean clean = check.contains("SNAPSHOT_FOUND=0 ") && control.startsWith("SNAPSHOT_FOUND=")
                        && !control.startsWith("SNAPSHOT_FOUND=0 ");
                check = check + "; after one invocation (control): " + control;
                FunctionResult r = new FunctionResult(f.name(), handler, baseline, output, check, clean, init);
                progress.accept("cold start " + f.name() + ": handler median " + r.handlerMedian() + " ms "
                        + handler + ", baseline median " + r.baselineMedian() + " ms " + baseline + "; returned "
                        + abbreviate(output));
                results.add(r);
            }
        }
        return results;
    }

    /** {@code initMillis}: process start to the handler constructed, -1 when the run does not construct one. */
    private record Timed(long millis, String output, long initMillis) {
    }

    private Timed timed(String classpath, String mode, Function f, Path event, Map<String, String> env, String name) {
        Path log = workDir.resolve(f.name()).resolve(name + ".log");
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long started = System.nanoTime();
        int code = ChildJvm.run(coldStartJvmArgs(), classpath, ColdStartLauncher.class.getName(),
                List.of(mode, f.handlerClass(), event.toAbsolutePath().toString()), env, log, 120);
        try {
            long done = -1;
            long initDone = -1;
            String output = "";
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith(ColdStartLauncher.INIT_DONE)) {
                    initDone = Long.parseLong(line.substring(ColdStartLauncher.INIT_DONE.length()).trim());
                } else if (line.startsWith(ColdStartLauncher.DONE)) {
                    done = Long.parseLong(line.substring(ColdStartLauncher.DONE.length()).trim());
                } else if (line.startsWith("COLD_START_OUTPUT=")) {
                    output = line.substring("COLD_START_OUTPUT=".length());
                }
            }
            if (code != 0 || done < 0) {
                throw new IllegalStateException(f.name() + " " + mode + " run exited " + code + "; see " + log);
            }
            return new Timed((done - started) / 1_000_000, output,
                    initDone < 0 ? -1 : (initDone - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Constructs the handler as Lambda's init (what a SnapStart snapshot captures) and searches it for secrets. */
    private String snapshotCheck(String classpath, Function f, Path event, Map<String, String> env, String mode) {
        Path log = workDir.resolve(f.name()).resolve(mode + ".log");
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            int code = ChildJvm.run(coldStartJvmArgs(), classpath, ColdStartLauncher.class.getName(),
                    List.of(mode, f.handlerClass(), event.toAbsolutePath().toString()), env, log, 120);
            String objects = "";
            String found = "";
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("SNAPSHOT_OBJECTS=")) {
                    objects = line.substring("SNAPSHOT_OBJECTS=".length());
                } else if (line.startsWith("SNAPSHOT_FOUND=")) {
                    found = line;
                }
            }
            if (code != 0 || found.isEmpty()) {
                return "check failed (exit " + code + "; see " + log + ")";
            }
            return found + " (" + objects + " objects walked)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lambda's JVM options for a java25 function started on demand, without SnapStart: tiered compilation stops at
     * C1 (Lambda's java-customization page; with SnapStart the JVM's default JIT runs, but a snapshot restore cannot
     * be measured here), plus any in {@code BENCH_COLD_START_JVM_OPTS} (space-separated; for looking into a cold
     * start, e.g. {@code -Xlog:class+load:file=/tmp/classes.log:uptime}).
     */
    static List<String> coldStartJvmArgs() {
        List<String> args = new ArrayList<>(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-XX:-UsePerfData", "-Xmx512m"));
        String extra = System.getenv("BENCH_COLD_START_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            args.addAll(List.of(extra.trim().split("\\s+")));
        }
        return args;
    }

    /** Every function, or those named in {@code BENCH_COLD_START_ONLY} (comma-separated), to look into one. */
    static List<Function> selected() {
        String only = System.getenv("BENCH_COLD_START_ONLY");
        if (only == null || only.isBlank()) {
            return FUNCTIONS;
        }
        List<String> names = List.of(only.split(","));
        return FUNCTIONS.stream().filter(f -> names.contains(f.name())).toList();
    }

    /** Fresh resources for one run, the secrets pointing at the sandboxes, and the functions' variables. */
    private Map<String, String> environment(AwsEmulator aws, Function f, EpicorSandbox epicor, UpsSandbox ups,
                                            ObjectNode settings) {
        ProvisionedResources resources = aws.provision();
        ObjectNode epicorSecret = Json.mapper().createObjectNode()
                .put("baseUrl", epicor.rootUrl()).put("company", "EPIC06")
                .put("apiKey", LocalEnvironment.SANDBOX_EPICOR_API_KEY).put("authMode", "TOKEN")
                .put("username", LocalEnvironment.SANDBOX_EPICOR_USER)
                .put("password", EPICOR_PASSWORD).put("plant", "MfgSys");
        ObjectNode upsSecret = Json.mapper().createObjectNode().put("baseUrl", ups.baseUrl())
                .put("clientId", LocalEnvironment.SANDBOX_UPS_CLIENT_ID)
                .put("clientSecret", UPS_CLIENT_SECRET);
        // Track Alert v2 (the template's default): the bearer and x-api-key of events/track-alert-webhook.json.
        ObjectNode webhookSecret = Json.mapper().createObjectNode().put("apiKey", SampleEvents.WEBHOOK_API_KEY);
        webhookSecret.putArray("bearerTokens").add(SampleEvents.WEBHOOK_BEARER);
        aws.secretsManager().putSecretValue(r -> r.secretId(resources.epicorSecretId()).secretString(epicorSecret.toString()));
        aws.secretsManager().putSecretValue(r -> r.secretId(resources.upsSecretId()).secretString(upsSecret.toString()));
        aws.secretsManager().putSecretValue(r -> r.secretId(resources.webhookSecretId())
                .secretString(webhookSecret.toString()));
        if (f.name().equals("subscription-renewer")) {
            // A shipped release whose package has no subscription yet, so the renewer has one to subscribe: a
            // package the shipment-creator runs created in the UPS sandbox, else the events/ sample's number.
            String number = ups.shipments().list().stream().flatMap(c -> c.trackingNumbers().stream()).findFirst()
                    .orElse(SampleEvents.TRACKING_NUMBER);
            DynamoShipmentLedger ledger = new DynamoShipmentLedger(aws.dynamoDb(), resources.shipmentsTable());
            Instant now = Instant.now();
            ledger.claim(SampleEvents.RELEASE, "bench", now, Duration.ofMinutes(5));
            ledger.markShipped(SampleEvents.RELEASE, "bench", number, List.of(number), null, now);
        }
        Map<String, String> env = new LinkedHashMap<>(resources.environment());
        env.put("CONNECTOR_SETTINGS", settings.toString());
        env.put("POWERTOOLS_SERVICE_NAME", "epicor-ups-connector");
        env.put("LOG_LEVEL", "INFO");
        return env;
    }

    /** The samples' settings: the local run's (Track Alert v2) and warehouse MAIN (see {@link SampleEvents}). */
    static ObjectNode settings() {
        return SampleEvents.connectorSettings();
    }

    private UpsSandbox upsSandbox(ObjectNode settings) {
        UpsSandbox.Builder b = UpsSandbox.builder()
                .client(LocalEnvironment.SANDBOX_UPS_CLIENT_ID, UPS_CLIENT_SECRET)
                .latency(latency);
        settings.path("ups").path("warehouses").forEach(w -> b.shipperNumber(w.path("accountNumber").asText()));
        return b.build().start();
    }

    /** Writes ColdStartLauncher.class to a directory that goes on the child's classpath after the function jar. */
    private Path extractLauncher() {
        String resource = ColdStartLauncher.class.getName().replace('.', '/') + ".class";
        Path dir = workDir.resolve("launcher");
        Path target = dir.resolve(resource);
        try (InputStream in = ColdStart.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Long::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
