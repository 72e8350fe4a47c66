package com.epicorups.cli;

import com.epicorups.cli.bench.BenchOptions;
import com.epicorups.cli.bench.BenchReport;
import com.epicorups.cli.bench.ChildJvm;
import com.epicorups.cli.bench.ColdStart;
import com.epicorups.cli.bench.PackageSizes;
import com.epicorups.cli.bench.RuntimeClientColdStart;
import com.epicorups.cli.bench.ThroughputRun;
import com.epicorups.cli.local.FunctionLogRedirect;
import com.epicorups.testing.aws.CloudFormationTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the connector as its users feel it: the real handlers in this process against the "
                + "Epicor and UPS sandboxes with injected latency; memory of the poller and creator in child JVMs; "
                + "package sizes; cold starts of the packaged functions, in a plain JVM and through AWS's Lambda runtime "
                + "client (after scripts/lambda-local.sh --setup). Prints every figure and each target of "
                + "issue 6 as MET or NOT MET.",
                "Run from the repository root after `mvn -B package -DskipTests`. Exit code 0 whether or not targets "
                        + "are met (benchmarks print figures); 1 on an error."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--releases", split = ",", defaultValue = "1000,10000",
            description = "Eligible releases per measurement (default: ${DEFAULT-VALUE}).")
    List<Integer> releases;

    @Option(names = "--latency-ms", defaultValue = "50",
            description = "Latency injected per Epicor and per UPS call, token calls included (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--concurrency", defaultValue = "50",
            description = "Configured concurrency: releases being shipped at once = concurrent shipment-creator "
                    + "invocations x releases each handles at once (min of batchConcurrency and the batch size 5). "
                    + "Rounded up to whole invocations (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--batch-concurrency", defaultValue = "5",
            description = "CONNECTOR_SETTINGS pipeline.batchConcurrency (default: ${DEFAULT-VALUE}).")
    int batchConcurrency;

    @Option(names = "--writer-invocations", defaultValue = "0",
            description = "Concurrent tracking-writer invocations; 0 (default): the creator's invocations scaled by "
                    + "template.yaml's TrackingWriterMaxConcurrency / ShipmentCreatorMaxConcurrency defaults, at least 2.")
    int writerInvocations;

    @Option(names = "--cold-start-runs", defaultValue = "5",
            description = "Fresh JVMs per function and per baseline (default: ${DEFAULT-VALUE}).")
    int coldStartRuns;

    @Option(names = "--skip-cold-start", description = "No cold-start measurement (no AWS emulator needed).")
    boolean skipColdStart;

    @Option(names = "--warm-up", defaultValue = "200",
            description = "Releases run through once before measuring, figures discarded (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--ship-phase-limit-seconds", defaultValue = "2400",
            description = "Stop invoking the creator and writer after this many seconds of the ship+write phase; "
                    + "the figures then cover the releases done (default: ${DEFAULT-VALUE}).")
    long shipPhaseLimitSeconds;

    @Option(names = "--creator-probe-max", defaultValue = "10000",
            description = "Run the creator's memory probe only for release counts up to this (it repeats the whole "
                    + "ship phase in a child JVM; default: ${DEFAULT-VALUE}).")
    int creatorProbeMax;

    @Option(names = "--skip-memory", description = "No child JVMs for the poller's and creator's memory.")
    boolean skipMemory;

    @Option(names = "--root", defaultValue = ".",
            description = "Repository root: functions/*/target, events/, template.yaml (default: the current folder).")
    Path root;

    @Option(names = "--output", defaultValue = "bench-output",
            description = "Folder for labels, logs, child JVM outputs and bench-report.txt (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--jvm-as-started", description = "Measure in this JVM as started, instead of in a child JVM with "
            + "the JVM's default JIT (as Lambda's java25 runtime runs SnapStart functions) when this one stops at C1.")
    boolean jvmAsStarted;

    @Option(names = "--best-way", split = ",", defaultValue = "",
            description = "ShipVia codes to rate-shop (ups.bestWay, no transit limit), e.g. UPSG: their shipments ask "
                    + "UPS Rating once before Ship (default: none).")
    List<String> bestWay;

    @Option(names = "--packs", description = "Pack mode (epicor.source PACKS): --releases counts freighted packs "
            + "(made from the sample packs: without cartons, three cartons, one carton), each one UPS shipment written "
            + "back into the pack; Epicor and UPS calls per pack and throughput against its bound. No memory probes.")
    boolean packs;

    @Option(names = "--skip-lambda-local", description = "No cold starts through the Lambda runtime client "
            + "(aws-lambda-rie and the Java runtime interface client that scripts/lambda-local.sh --setup installs).")
    boolean skipLambdaLocal;

    @Override
    public Integer call() throws IOException {
        if (!jvmAsStarted && !ChildJvm.hasWarmSnapStartJit()) {
            // Every function has SnapStart, with which Lambda's java25 runtime keeps the JVM's default tiered
            // compilation (C1, then C2 off the invoke path): the measured phases are warm containers, so they run
            // with it. The cold starts set their own flags (C1 only: an on-demand start).
            List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
            return ChildJvm.rerunWithSnapStartJit(ConnectorCli.class.getName(), args);
        }
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(output);
        // The batch sizes Lambda's event-source mappings use, read from template.yaml so the bench cannot drift.
        var template = CloudFormationTemplate.read(root.resolve("template.yaml"));
        int creatorBatch = templateBatchSize(template, "ShipmentCreatorFunction");
        int writerBatch = templateBatchSize(template, "TrackingWriterFunction");
        int perInvocation = Math.min(batchConcurrency, creatorBatch);
        int invocations = Math.max(1, (concurrency + perInvocation - 1) / perInvocation);
        int writers = writerInvocations > 0 ? writerInvocations
                : Math.max(2, (int) Math.round(invocations * (double) templateParameterDefault(template, "TrackingWriterMaxConcurrency")
                        / templateParameterDefault(template, "ShipmentCreatorMaxConcurrency")));
        BenchOptions options = new BenchOptions(releases, Duration.ofMillis(latencyMs), invocations, batchConcurrency,
                creatorBatch, writerBatch, warmUp, Duration.ofSeconds(shipPhaseLimitSeconds), !skipMemory && !packs,
                creatorProbeMax, skipColdStart ? 0 : coldStartRuns, root, output, writers,
                bestWay.stream().map(String::trim).filter(s -> !s.isEmpty()).toList(), packs);
        int runtimeClientRuns = skipColdStart || skipLambdaLocal ? 0 : coldStartRuns;
        try (FunctionLogRedirect logs = FunctionLogRedirect.toFile(output.resolve("connector.log"), false)) {
            BenchReport report = run(options, runtimeClientRuns, line -> {
                out.println("  " + line);
                out.flush();
            });
            String text = report.render();
            out.println();
            out.print(text);
            Files.writeString(output.resolve("bench-report.txt"), "bench run " + Instant.now() + "\n" + text);
            out.println("report: " + output.resolve("bench-report.txt").toAbsolutePath());
            out.flush();
            return 0;
        }
    }

    /** Runs every measurement the options ask for, and as many cold starts through the runtime client. */
    public static BenchReport run(BenchOptions options, java.util.function.Consumer<String> progress) {
        return run(options, options.coldStartRuns(), progress);
    }

    /**
     * Runs every measurement the options ask for.
     *
     * @param runtimeClientRuns cold starts per function through the Lambda runtime client; 0 = none
     */
    public static BenchReport run(BenchOptions options, int runtimeClientRuns,
                                  java.util.function.Consumer<String> progress) {
        // Cold starts first: they are short, and the long runs after them must not leave the machine warm or busy.
        Map<String, Long> packages = PackageSizes.measure(options.functionsDir());
        List<ColdStart.FunctionResult> cold = List.of();
        if (options.coldStartRuns() > 0) {
            progress.accept("cold starts: " + options.coldStartRuns() + " runs per function and per baseline ...");
            cold = new ColdStart(options.functionsDir(), options.outputDir().resolve("cold-start"),
                    options.coldStartRuns(), Duration.ZERO, progress).run();
        }
        RuntimeClientColdStart.Result throughRuntimeClient = null;
        if (runtimeClientRuns > 0) {
            progress.accept("cold starts through the Lambda runtime client: " + runtimeClientRuns + " per function ...");
            throughRuntimeClient = new RuntimeClientColdStart(options.functionsDir(),
                    options.outputDir().resolve("cold-start-runtime-client"), runtimeClientRuns, progress).run();
        }
        ThroughputRun throughput = new ThroughputRun(options, progress);
        List<ThroughputRun.Result> sizes = new ArrayList<>();
        if (options.warmUpReleases() > 0) {
            throughput.warmUp(options.warmUpReleases());
        }
        for (int n : options.releases()) {
            progress.accept("measuring " + n + " " + options.unit() + "s at " + options.latency().toMillis() + " ms, concurrency "
                    + options.concurrency() + " ...");
            ThroughputRun.Result result = throughput.run(n);
            sizes.add(result);
            // Each size's figures as soon as they exist: a 10,000-release run takes a while.
            progress.accept(new BenchReport(options, List.of(result), Map.of(), List.of(), null).render());
        }
        return new BenchReport(options, sizes, packages, cold, templateCheck(options.functionsDir()),
                throughRuntimeClient);
    }

    /**
     * Functions that template.yaml gives SnapStart applied to published versions: in their own resource, or in
     * the Globals' Function section (then every function, unless its resource says {@code ApplyOn: None}).
     */
    public static BenchReport.TemplateCheck templateCheck(Path root) {
        Path template = root.resolve("template.yaml");
        if (!Files.isRegularFile(template)) {
            return null;
        }
        List<String> withSnapStart = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(template);
            boolean inGlobals = false;
            boolean globalSnapStart = false;
            String handler = null;
            Boolean snapStart = null;
            for (String line : lines) {
                if (line.matches("^[A-Za-z]+:.*")) {
                    inGlobals = line.startsWith("Globals:");
                }
                boolean resourceStart = line.matches("^  [A-Za-z0-9]+:\\s*$");
                if (resourceStart) {
                    addIfSnapStart(withSnapStart, handler, snapStart != null ? snapStart : globalSnapStart);
                    handler = null;
                    snapStart = null;
                }
                String trimmed = line.trim();
                if (trimmed.startsWith("Handler: com.epicorups.function.")) {
                    handler = trimmed.substring("Handler: ".length());
                }
                if (trimmed.startsWith("ApplyOn:")) {
                    boolean on = trimmed.equals("ApplyOn: PublishedVersions");
                    if (inGlobals) {
                        globalSnapStart = on;
                    } else {
                        snapStart = on;
                    }
                }
            }
            addIfSnapStart(withSnapStart, handler, snapStart != null ? snapStart : globalSnapStart);
        } catch (IOException e) {
            return null;
        }
        return new BenchReport.TemplateCheck(withSnapStart);
    }

    private static void addIfSnapStart(List<String> out, String handler, boolean snapStart) {
        if (handler == null || !snapStart) {
            return;
        }
        for (ColdStart.Function f : ColdStart.FUNCTIONS) {
            if (handler.startsWith(f.handlerClass() + "::")) {
                out.add(f.name());
            }
        }
    }

    /** A numeric template parameter's Default. */
    @SuppressWarnings("unchecked")
    private static int templateParameterDefault(CloudFormationTemplate template, String name) {
        Map<String, Object> parameters = (Map<String, Object>) template.root().get("Parameters");
        Map<String, Object> parameter = (Map<String, Object>) parameters.get(name);
        return ((Number) parameter.get("Default")).intValue();
    }

    @SuppressWarnings("unchecked")
    private static int templateBatchSize(CloudFormationTemplate template, String functionId) {
        Map<String, Object> events = (Map<String, Object>) template.properties(functionId).get("Events");
        for (Object event : events.values()) {
            Map<String, Object> e = (Map<String, Object>) event;
            if ("SQS".equals(e.get("Type"))) {
                return ((Number) ((Map<String, Object>) e.get("Properties")).get("BatchSize")).intValue();
            }
        }
        throw new IllegalStateException(functionId + " has no SQS event in template.yaml");
    }
}
