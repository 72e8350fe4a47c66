package com.epicorups.cli.bench;

import com.epicorups.cli.lambdalocal.Invocation;
import com.epicorups.cli.lambdalocal.LambdaLocalRunner;
import com.epicorups.cli.lambdalocal.LambdaLocalStack;
import com.epicorups.cli.lambdalocal.LocalFunction;
import com.epicorups.cli.lambdalocal.RuntimeEmulator;
import com.epicorups.cli.lambdalocal.RuntimeTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cold starts as Lambda's java25 runtime has them without SnapStart, measured by Lambda's own code: for every run a
 * fresh container of AWS's Runtime Interface Emulator starts the Java runtime interface client on the packaged
 * function (as {@code scripts/lambda-local.sh} does), on a freshly created stack, and handles the function's
 * events/ sample. The init is the runtime's {@code INIT REPORT(durationMs)} (JVM start, runtime client start, the
 * handler constructed); the first invoke is its {@code INVOKE RTDONE} duration. Both come from the runtime's own
 * report lines, not from this process's clock.
 */
public final class RuntimeClientColdStart {
    /** One function's runs, in milliseconds. */
    public record FunctionResult(String function, List<Long> initMillis, List<Long> invokeMillis, String lastAnswer) {
        public FunctionResult {
            initMillis = List.copyOf(initMillis);
            invokeMillis = List.copyOf(invokeMillis);
        }

        public long initMedian() {
            return ColdStart.median(initMillis);
        }

        public long invokeMedian() {
            return ColdStart.median(invokeMillis);
        }
    }

    /**
     * @param tools       the emulator's and the runtime client's versions
     * @param notMeasured why nothing was measured (the tools are not installed), else null
     */
    public record Result(String tools, List<FunctionResult> functions, String notMeasured) {
        public Result {
            functions = List.copyOf(functions);
        }

        public static Result notMeasured(String why) {
            return new Result("", List.of(), why);
        }
    }

    private final Path root;
    private final Path workDir;
    private final int runs;
    private final Consumer<String> progress;

    public RuntimeClientColdStart(Path root, Path workDir, int runs, Consumer<String> progress) {
        this.root = root;
        this.workDir = workDir;
        this.runs = runs;
        this.progress = progress;
    }

    /** Every function (or those in BENCH_COLD_START_ONLY), {@code runs} fresh containers each. */
    public Result run() {
        RuntimeTools tools;
        try {
            tools = RuntimeTools.installed(root);
        } catch (IllegalStateException e) {
            return Result.notMeasured(e.getMessage());
        }
        List<String> selected = ColdStart.selected().stream().map(ColdStart.Function::name).toList();
        List<FunctionResult> results = new ArrayList<>();
        try (LambdaLocalStack stack = LambdaLocalStack.start(root)) {
            LambdaLocalRunner runner = new LambdaLocalRunner(stack, tools, workDir, null);
            for (LocalFunction function : LocalFunction.all(root.resolve("template.yaml"))) {
                if (selected.contains(function.name())) {
                    results.add(measure(runner, function));
                }
            }
        }
        return new Result(tools.description(), results, null);
    }

    private FunctionResult measure(LambdaLocalRunner runner, LocalFunction function) {
        String event = read(function.event(root));
        List<Long> init = new ArrayList<>();
        List<Long> invoke = new ArrayList<>();
        String answer = "";
        for (int i = 0; i < runs; i++) {
            LambdaLocalStack.Prepared prepared = runner.stack().prepare(function);
            try (RuntimeEmulator rie = runner.start(prepared, function.name() + "-" + i)) {
                Invocation first = rie.invoke(event);
                if (first.error().isPresent() || first.initMillis().isEmpty() || first.invokeMillis().isEmpty()) {
                    throw new IllegalStateException(function.name() + " through the runtime client: "
                            + first.error().orElse("no INIT REPORT / invoke duration") + "; see " + rie.log());
                }
                init.add(Math.round(first.initMillis().getAsDouble()));
                invoke.add(Math.round(first.invokeMillis().getAsDouble()));
                answer = first.body();
            }
        }
        FunctionResult result = new FunctionResult(function.name(), init, invoke, answer);
        progress.accept("cold start through the runtime client " + function.name() + ": init median "
                + result.initMedian() + " ms " + init + ", first invoke median " + result.invokeMedian() + " ms " + invoke);
        return result;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
