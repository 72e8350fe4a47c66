package com.epicorups.cli.bench;

import com.epicorups.cli.lambdalocal.Invocation;
import com.epicorups.cli.lambdalocal.LambdaLocalStack;
import com.epicorups.cli.lambdalocal.LocalFunction;
import com.epicorups.cli.lambdalocal.RuntimeEmulator;
import com.epicorups.cli.lambdalocal.RuntimeTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MEASUREMENT ONLY (issue 15 item 6): interleaved A/B cold starts of the functions with {@code PlainHttpClient}
 * ({@code CONNECTOR_HTTP_CLIENT=plain}) and the JDK client ({@code jdk}), both primed at init. Per round and
 * function, the two variants run back to back, their order alternating between rounds, each once through AWS's
 * runtime client (a fresh RIE container: INIT REPORT, INVOKE RTDONE, the runtime JVM's CPU time after the first
 * invocation) and once in a plain child JVM ({@link HttpClientAbLauncher}: wall and CPU time of init and of the first
 * invocation). One TSV line per run goes to the output file.
 *
 * <pre>java -cp tools/connector-cli/target/connector-cli.jar com.epicorups.cli.bench.HttpClientAb ROUNDS OUT.tsv
 *     [JIT: default|c1] [FUNCTIONS a,b] [MODES rie,jvm] [PRIMING: on|none]</pre>
 */
public final class HttpClientAb {
    private static final List<String> HTTP_FUNCTIONS = List.of("order-poller", "shipment-creator",
            "tracking-writer", "quantum-view-poller", "subscription-renewer");

    private HttpClientAb() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        String jit = args.length > 2 ? args[2] : "default";
        List<String> functions = args.length > 3 ? List.of(args[3].split(",")) : HTTP_FUNCTIONS;
        List<String> modes = args.length > 4 ? List.of(args[4].split(",")) : List.of("rie", "jvm");
        String priming = args.length > 5 ? args[5] : "on";
        Path root = Path.of("").toAbsolutePath();
        Path work = root.resolve("bench-output").resolve("http-ab");
        Files.createDirectories(work);
        Path launcherDir = extractLaunchers(work);
        RuntimeTools tools = RuntimeTools.installed(root);
        if (!Files.exists(out)) {
            Files.writeString(out, "time\tround\tfunction\tvariant\tmode\tjit\tpriming\tinit_ms\tinvoke_ms"
                    + "\tinit_cpu_ms\tinvoke_cpu_ms\tinvoke_main_cpu_ms\ttotal_cpu_ms\tload1\tnote\n");
        }
        try (LambdaLocalStack stack = LambdaLocalStack.start(root)) {
            for (int round = 1; round <= rounds; round++) {
                int fi = 0;
                for (String name : functions) {
                    LocalFunction function = LocalFunction.named(root.resolve("template.yaml"), name);
                    List<String> order = (round + fi) % 2 == 0 ? List.of("plain", "jdk") : List.of("jdk", "plain");
                    fi++;
                    for (String mode : modes) {
                        for (String variant : order) {
                            String line;
                            try {
                                line = mode.equals("rie")
                                        ? rie(stack, tools, root, work, function, variant, jit, priming, round)
                                        : jvm(stack, root, work, launcherDir, function, variant, jit, priming, round);
                            } catch (RuntimeException e) {
                                line = "\t\t\t\t\t\t" + load() + "\tFAILED " + e.getMessage().replace('\t', ' ')
                                        .replace('\n', ' ');
                            }
                            String row = Instant.now() + "\t" + round + "\t" + name + "\t" + variant + "\t" + mode
                                    + "\t" + jit + "\t" + priming + "\t" + line + "\n";
                            Files.writeString(out, row, StandardOpenOption.APPEND);
                            System.out.print(row);
                        }
                    }
                }
            }
        }
        System.exit(0);
    }

    private static List<String> jvmOptions(String jit, int memory) {
        List<String> options = new ArrayList<>();
        if (jit.equals("c1")) {
            options.addAll(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        }
        options.addAll(List.of("-XX:+UseSerialGC", "-XX:MaxRAM=" + memory + "m", "-Xshare:auto",
                "--enable-native-access=ALL-UNNAMED"));
        return options;
    }

    private static Map<String, String> environment(LambdaLocalStack.Prepared prepared, String variant, String priming) {
        Map<String, String> env = new LinkedHashMap<>(prepared.environment());
        env.put("CONNECTOR_HTTP_CLIENT", variant);
        env.put("CONNECTOR_HTTP_PRIMING", priming);
        return env;
    }

    private static String rie(LambdaLocalStack stack, RuntimeTools tools, Path root, Path work, LocalFunction function,
                              String variant, String jit, String priming, int round) {
        LambdaLocalStack.Prepared prepared = stack.prepare(function);
        Path taskDir = stack.taskDir(function, work);
        Map<String, String> env = environment(prepared, variant, priming);
        env.put("LAMBDA_TASK_ROOT", taskDir.toString());
        env.put("LAMBDA_RUNTIME_DIR", tools.ricDir().toAbsolutePath().toString());
        Path log = work.resolve("logs").resolve(function.name() + "-" + variant + "-" + round + ".log");
        String event = read(function.event(root));
        try (RuntimeEmulator rie = RuntimeEmulator.start(new RuntimeEmulator.Launch(tools, taskDir,
                prepared.config().handler(), jvmOptions(jit, prepared.config().memorySize()), env,
                Duration.ofSeconds(prepared.config().timeoutSeconds()), log, null))) {
            Invocation first = rie.invoke(event);
            if (first.error().isPresent() || first.initMillis().isEmpty() || first.invokeMillis().isEmpty()) {
                throw new IllegalStateException(first.error().orElse("no report lines") + " see " + log);
            }
            long cpu = runtimeCpuMillis(taskDir);
            long initCpu = initCpuMillis(log);
            return Math.round(first.initMillis().getAsDouble()) + "\t" + Math.round(first.invokeMillis().getAsDouble())
                    + "\t" + (initCpu < 0 ? "" : initCpu) + "\t" + (initCpu < 0 || cpu < 0 ? "" : cpu - initCpu)
                    + "\t\t" + cpu + "\t" + load() + "\t" + primedLine(log);
        }
    }

    /** CPU time of the runtime's JVM (the emulator's child java process working in the task folder). */
    private static long runtimeCpuMillis(Path taskDir) {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("AWSLambda")).orElse(false))
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .map(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L))
                .findFirst().orElse(-1L);
    }

    private static long initCpuMillis(Path log) {
        try {
            return Files.readAllLines(log).stream().filter(l -> l.contains("HTTP_AB_INIT_CPU_MS="))
                    .map(l -> Long.parseLong(l.substring(l.indexOf('=') + 1).trim())).findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String primedLine(Path log) {
        try {
            return Files.readAllLines(log).stream().filter(l -> l.contains("http_client_prim"))
                    .map(l -> l.replaceAll(".*\"millis\":([0-9]+).*", "primed in $1 ms"))
                    .findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String jvm(LambdaLocalStack stack, Path root, Path work, Path launcherDir, LocalFunction function,
                              String variant, String jit, String priming, int round) {
        LambdaLocalStack.Prepared prepared = stack.prepare(function);
        Map<String, String> env = environment(prepared, variant, priming);
        env.remove("PATH");
        Path log = work.resolve("jvm").resolve(function.name() + "-" + variant + "-" + round + ".log");
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classpath = ChildJvm.classpath(List.of(function.jar(root), launcherDir));
        List<String> options = new ArrayList<>(jvmOptions(jit, prepared.config().memorySize()));
        options.remove("--enable-native-access=ALL-UNNAMED");
        long started = System.nanoTime();
        int code = ChildJvm.run(options, classpath, HttpClientAbLauncher.class.getName(),
                List.of(prepared.config().handler().replace("::handleRequest", ""), function.event(root).toString()), env, log, 120);
        try {
            long[] init = null;
            long[] done = null;
            String output = "";
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("AB_INIT=")) {
                    init = numbers(line);
                } else if (line.startsWith("AB_DONE=")) {
                    done = numbers(line);
                } else if (line.startsWith("AB_OUTPUT=")) {
                    output = line;
                }
            }
            if (code != 0 || init == null || done == null) {
                throw new IllegalStateException("exit " + code + " see " + log);
            }
            if (output.contains("rror")) {
                throw new IllegalStateException("handler output " + output + " see " + log);
            }
            return ((init[0] - started) / 1_000_000) + "\t" + ((done[0] - init[0]) / 1_000_000)
                    + "\t" + (init[1] / 1_000_000) + "\t" + ((done[1] - init[1]) / 1_000_000)
                    + "\t" + ((done[2] - init[2]) / 1_000_000) + "\t" + (done[1] / 1_000_000) + "\t" + load()
                    + "\t" + primedLine(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] numbers(String line) {
        String[] parts = line.substring(line.indexOf('=') + 1).trim().split(" ");
        return new long[]{Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])};
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "";
        }
    }

    private static Path extractLaunchers(Path work) throws IOException {
        Path dir = work.resolve("launcher");
        for (Class<?> type : List.of(ColdStartLauncher.class, HttpClientAbLauncher.class)) {
            String resource = type.getName().replace('.', '/') + ".class";
            try (InputStream in = HttpClientAb.class.getClassLoader().getResourceAsStream(resource)) {
                Path target = dir.resolve(resource);
                Files.createDirectories(target.getParent());
                Files.write(target, in.readAllBytes());
            }
        }
        return dir;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
