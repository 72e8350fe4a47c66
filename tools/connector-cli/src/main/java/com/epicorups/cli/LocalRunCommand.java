package com.epicorups.cli;

import com.epicorups.cli.local.FunctionLogRedirect;
import com.epicorups.cli.local.LocalConfig;
import com.epicorups.cli.local.LocalEnvironment;
import com.epicorups.cli.local.PipelineDriver;
import com.epicorups.cli.local.RunReport;
import com.epicorups.cli.local.SummaryTable;
import com.epicorups.cli.ops.Ping;
import com.epicorups.port.PreflightVerdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "local-run", mixinStandardHelpOptions = true,
        description = {"Runs the whole connector in this process: Epicor and UPS sandboxes, ElasticMQ, in-memory "
                + "stores, the six real handlers; prints a summary.",
                "Exit code 0: every release shipped or ended in a visible (audited) state; 2: messages still in "
                        + "retry backoff; 3: the settings or the config are invalid (each problem is named), or the "
                        + "Epicor preflight failed (printed before the run: what is missing and what to do); "
                        + "1: internal error."})
public final class LocalRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--epicor-data", paramLabel = "FILE",
            description = "Epicor dataset in the Epicor sandbox's format (default: the built-in sample data).")
    Path epicorData;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "Your CONNECTOR_SETTINGS (JSON: warehouses, ShipVia map, write-back target, ...) instead of "
                    + "the built-in ones, with the sandboxes; the UPS sandbox accepts your warehouses' accounts.")
    Path settings;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON {epicorSecret, upsSecret, webhookSecret, settings}: real endpoints instead of the "
                    + "sandboxes (local stores and queues; no carrier simulation).")
    Path config;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "local-run-output",
            description = "Output folder; labels go to DIR/labels (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path report;

    @Option(names = "--retry-wait-seconds", defaultValue = "20",
            description = "How long to wait for messages in retry backoff before reporting them pending.")
    int retryWaitSeconds;

    @Option(names = "--serve", description = "After the run, keep the local stack running and print the line "
            + "'webhook: URL' (the Track Alert webhook, as API Gateway would pass it), until interrupted (Ctrl-C).")
    boolean serve;

    @Option(names = "--verbose", description = "Show the functions' JSON log lines on stderr instead of writing "
            + "them to DIR/connector.log.")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(output);
        Path logFile = output.resolve("connector.log");
        // The functions log JSON lines to stdout as on Lambda; here they go to a file so the progress stays readable.
        try (FunctionLogRedirect logs = verbose ? FunctionLogRedirect.to(System.err)
                : FunctionLogRedirect.toFile(logFile, true)) {
            return run(out, verbose ? null : logFile);
        }
    }

    private int run(PrintWriter out, Path logFile) {
        long started = System.nanoTime();
        LocalEnvironment.Options options = LocalEnvironment.Options.defaults().withOutputDir(output);
        if (epicorData != null) {
            if (config != null) {
                throw new IllegalArgumentException("--epicor-data feeds the Epicor sandbox; --config replaces it: "
                        + "give one of them");
            }
            options = options.withEpicorData(epicorData);
        }
        if (settings != null) {
            if (config != null) {
                throw new IllegalArgumentException("--settings gives CONNECTOR_SETTINGS to the sandbox run; with --config "
                        + "put them in its \"settings\" object: give one of them");
            }
            options = options.withSettings(LocalConfig.loadSettings(settings));
        }
        if (config != null) {
            options = options.withConfig(LocalConfig.load(config));
        }
        out.println("local-run: starting " + (config == null ? "Epicor sandbox, UPS sandbox, " : "")
                + "ElasticMQ and the connector ...");
        out.flush();
        try (LocalEnvironment env = LocalEnvironment.start(options)) {
            out.println("local-run: ready in " + millisSince(started) + " ms"
                    + env.epicorSandbox().map(e -> "; Epicor " + e.rootUrl()).orElse("")
                    + env.upsSandbox().map(u -> "; UPS " + u.baseUrl()).orElse("")
                    + "; SQS " + env.sqs().endpoint());
            out.flush();
            boolean preflightPassed = printPreflight(env, out);
            PipelineDriver driver = new PipelineDriver(env, line -> {
                out.println("  " + line);
                out.flush();
            }).retryWait(java.time.Duration.ofSeconds(retryWaitSeconds));
            PipelineDriver.RunResult result = driver.runAll();
            RunReport runReport = RunReport.build(env, millisSince(started));
            out.println();
            out.print(SummaryTable.render(runReport));
            out.println("labels: " + env.labelDir().toAbsolutePath());
            if (logFile != null) {
                out.println("function logs: " + logFile.toAbsolutePath());
            }
            if (report != null) {
                runReport.write(report);
                out.println("report: " + report.toAbsolutePath());
            }
            out.flush();
            if (serve) {
                serveUntilInterrupted(env, driver, out);
            }
            if (!preflightPassed) {
                return ConnectorCli.PREFLIGHT_FAILED;
            }
            return runReport.counts().pending() > 0 || result.pending() > 0 ? 2 : 0;
        }
    }

    /**
     * Runs the Epicor preflight before anything else, as a deployment's first poll does, and prints one line per check
     * (what is missing and what to do for a failed one). The run goes on either way, to show what the connector does
     * then: no release is enqueued and no label bought while it fails.
     */
    static boolean printPreflight(LocalEnvironment env, PrintWriter out) {
        out.println("preflight (what the connector needs from Epicor):");
        boolean passed;
        try {
            PreflightVerdict verdict = env.assembly().epicorPreflight().runNow();
            List<Ping.Check> lines = verdict.checks().stream().map(Ping::line).toList();
            passed = Ping.print(lines, out) && verdict.passed();
            if (!passed) {
                out.println("preflight FAILED: the poll will enqueue nothing and no label will be bought until it"
                        + " passes");
            }
        } catch (RuntimeException e) {
            out.println("preflight could not run: " + e.getMessage());
            passed = false;
        }
        out.flush();
        return passed;
    }

    /**
     * Keeps the stack (sandboxes, ElasticMQ, the webhook endpoint) up for calls by hand: UPS's Track Alert calls, or
     * one's own with curl. Events the webhook accepts are drained to the tracking writer every two seconds.
     */
    private static void serveUntilInterrupted(LocalEnvironment env, PipelineDriver driver, PrintWriter out) {
        out.println("webhook: " + env.webhook().servedUrl());
        out.println("serving until interrupted (Ctrl-C); accepted events are written to Epicor as they come");
        out.flush();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                driver.drainTrackingUpdates();
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                out.println("local-run: tracking updates not drained: " + e.getMessage());
                out.flush();
            }
        }
        out.println("local-run: stopped serving");
        out.flush();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
