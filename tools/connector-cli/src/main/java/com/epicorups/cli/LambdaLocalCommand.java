package com.epicorups.cli;

import com.epicorups.cli.lambdalocal.Invocation;
import com.epicorups.cli.lambdalocal.LambdaLocalRunner;
import com.epicorups.cli.lambdalocal.LambdaLocalStack;
import com.epicorups.cli.lambdalocal.LocalFunction;
import com.epicorups.cli.lambdalocal.RuntimeEmulator;
import com.epicorups.cli.lambdalocal.RuntimeTools;
import com.epicorups.cli.lambdalocal.SmokeRun;
import com.epicorups.cli.lambdalocal.StackProbe;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lambda-local", mixinStandardHelpOptions = true,
        description = {"Invokes a packaged function as Lambda runs it: AWS's Runtime Interface Emulator and Java runtime "
                + "interface client (installed by scripts/lambda-local.sh), the function's jar laid out as Lambda does, "
                + "the environment template.yaml sets (resolved against tables, queues, secrets and bucket created in "
                + "moto server and ElasticMQ), the secrets pointing at the Epicor and UPS sandboxes. Prints the answer, "
                + "the runtime's INIT REPORT and REPORT lines, and the queues after it.",
                "Use scripts/lambda-local.sh, which installs the tools and builds the jars first. Exit code 0 when every "
                        + "invocation answered without a function error (--smoke: every check passed), 1 otherwise."})
public final class LambdaLocalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FUNCTION",
            description = "Module name (order-poller) or logical ID (OrderPollerFunction).")
    String function;

    @Parameters(index = "1", arity = "0..1", paramLabel = "EVENT",
            description = "Event JSON file (default: events/FUNCTION.json).")
    Path event;

    @Option(names = "--smoke", description = "Invoke every function with its events/ sample and check what each did.")
    boolean smoke;

    @Option(names = "--only", split = ",", description = "With --smoke: only these functions (module names).")
    List<String> only = List.of();

    @Option(names = "--invocations", defaultValue = "1",
            description = "Invocations of the event in the same container (default: ${DEFAULT-VALUE}).")
    int invocations;

    @Option(names = "--verbose", description = "Also print what the runtime and the function log, as it comes.")
    boolean verbose;

    @Option(names = "--root", defaultValue = ".",
            description = "Repository root: template.yaml, functions/*/target, events/, .lambda-local/ (default: the current folder).")
    Path root;

    @Option(names = "--work", description = "Task folders and runtime logs (default: ROOT/.lambda-local/run).")
    Path work;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (smoke == (function != null)) {
            throw new IllegalArgumentException("give either FUNCTION [EVENT] or --smoke");
        }
        RuntimeTools tools = RuntimeTools.installed(root);
        // Before the emulators start: a misspelt function or a missing event fails at once.
        LocalFunction target = smoke ? null : LocalFunction.named(root.resolve("template.yaml"), function);
        Path eventFile = smoke ? null : event != null ? event : target.event(root);
        if (!smoke && !Files.isRegularFile(eventFile)) {
            throw new IllegalArgumentException("no event file " + eventFile.toAbsolutePath());
        }
        String eventJson = smoke ? null : Files.readString(eventFile);
        Path workDir = work != null ? work : root.resolve(RuntimeTools.HOME).resolve("run");
        long started = System.nanoTime();
        try (LambdaLocalStack stack = LambdaLocalStack.start(root)) {
            LambdaLocalRunner runner = new LambdaLocalRunner(stack, tools, workDir,
                    verbose ? line -> print(out, "   | " + line) : null);
            if (smoke) {
                print(out, "== lambda-local smoke: template.yaml's functions through " + tools.description()
                        + "; AWS: " + stack.aws().description());
                SmokeRun run = new SmokeRun(runner, line -> print(out, line));
                boolean ok = run.run(only);
                print(out, "== lambda-local smoke: " + run.passed() + " checks passed, " + run.failed() + " failed ("
                        + (System.nanoTime() - started) / 1_000_000_000 + " s)");
                return ok ? 0 : 1;
            }
            return invokeOne(out, runner, target, eventFile, eventJson);
        }
    }

    private int invokeOne(PrintWriter out, LambdaLocalRunner runner, LocalFunction target, Path eventFile,
                          String eventJson) {
        LambdaLocalStack stack = runner.stack();
        LambdaLocalStack.Prepared prepared = stack.prepare(target);
        print(out, "lambda-local: " + target.name() + " (" + target.logicalId() + ", " + prepared.config().handler()
                + ") with " + eventFile + " through " + runner.tools().description());
        print(out, "  stack " + prepared.resources().runId() + ": " + prepared.config().environment().size()
                + " variables from template.yaml; AWS: " + stack.aws().description() + "; Epicor sandbox "
                + stack.epicor().rootUrl() + "; UPS sandbox " + stack.ups().baseUrl());
        int shipmentsBefore = stack.ups().shipments().count();
        int writesBefore = stack.epicor().writes().size();
        boolean ok = true;
        try (RuntimeEmulator rie = runner.start(prepared, target.name())) {
            for (int i = 1; i <= invocations; i++) {
                Invocation invocation = rie.invoke(eventJson);
                print(out, "invoke " + i + ": HTTP " + invocation.httpStatus() + " in " + invocation.roundTripMillis()
                        + " ms; init " + SmokeRun.millis(invocation.initMillis()) + ", invoke "
                        + SmokeRun.millis(invocation.invokeMillis()));
                invocation.reportLines().forEach(line -> print(out, "  " + line.replace('\t', ' ').strip()));
                print(out, "  answer: " + invocation.body());
                invocation.error().ifPresent(e -> print(out, "  FUNCTION ERROR " + e));
                ok &= invocation.error().isEmpty();
            }
            print(out, "after: queues " + new StackProbe(stack, prepared.resources()).depths()
                    + "; UPS shipments created " + (stack.ups().shipments().count() - shipmentsBefore)
                    + ", UPS calls " + stack.ups().requests() + "; Epicor writes " + (stack.epicor().writes().size() - writesBefore));
            print(out, "log: " + rie.log());
        }
        return ok ? 0 : 1;
    }

    private static void print(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
