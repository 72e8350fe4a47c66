package com.epicorups.cli.lambdalocal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One Lambda execution environment on this machine: AWS's Runtime Interface Emulator serving the Runtime API,
 * which starts {@code java ... AWSLambda <handler>} (the Java runtime interface client, as Lambda's java runtimes
 * do) in the task folder on the first invocation, with exactly the given environment. Every line the emulator,
 * the runtime and the function print goes to a log file (and to an optional listener).
 *
 * <pre>{@code
 * try (RuntimeEmulator rie = RuntimeEmulator.start(launch)) {
 *     Invocation first = rie.invoke(eventJson);
 * }
 * }</pre>
 */
public final class RuntimeEmulator implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** RIE prints the REPORT line before it writes the answer; the reader thread may need a moment to see it. */
    private static final Duration REPORT_WAIT = Duration.ofSeconds(10);
    private static final List<String> RUNTIME_REPORTS = List.of("INIT REPORT(", "INVOKE RTDONE(");

    /**
     * What to run.
     *
     * @param taskDir     the function's code laid out as Lambda does ({@code lib/<function>.jar}); the working folder
     * @param jvmOptions  options before {@code -cp}, as Lambda's bootstrap passes them
     * @param environment the whole environment of the emulator and the runtime (nothing else is inherited)
     * @param timeout     the function's Timeout: how long an invocation may take
     */
    public record Launch(RuntimeTools tools, Path taskDir, String handler, List<String> jvmOptions,
                         Map<String, String> environment, Duration timeout, Path log, Consumer<String> listener) {
        public Launch {
            jvmOptions = List.copyOf(jvmOptions);
            environment = Map.copyOf(environment);
        }
    }

    private final Launch launch;
    private final Process process;
    private final URI invocations;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Stops the emulator and its runtime if this JVM ends first (a killed CLI must leave no container behind). */
    private final Thread stopAtExit;

    private RuntimeEmulator(Launch launch, Process process, int port) {
        this.launch = launch;
        this.process = process;
        this.invocations = URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations");
        this.reader = Thread.ofPlatform().daemon().name("rie-output").start(this::copyOutput);
        this.stopAtExit = new Thread(this::stop, "rie-stop");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts the emulator on free loopback ports and waits until it accepts invocations. */
    public static RuntimeEmulator start(Launch launch) {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            RuntimeEmulator rie = startOnce(launch, freePort(), freePort());
            try {
                rie.awaitReady();
                return rie;
            } catch (IllegalStateException e) {
                rie.close();
                last = e; // most likely lost the race for a port: try others
            }
        }
        throw last;
    }

    private static RuntimeEmulator startOnce(Launch launch, int port, int runtimeApiPort) {
        List<String> command = new ArrayList<>(List.of(launch.tools().rie().toString(),
                // RIE reads LOG_LEVEL for itself unless told: the connector's LOG_LEVEL (INFO, DEBUG) is not for it.
                "--log-level", "info",
                "--runtime-interface-emulator-address", "127.0.0.1:" + port,
                "--runtime-api-address", "127.0.0.1:" + runtimeApiPort,
                javaExecutable()));
        command.addAll(launch.jvmOptions());
        command.addAll(List.of("-cp", launch.tools().ricClasspath(), RuntimeTools.RIC_MAIN, launch.handler()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(launch.taskDir().toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        try {
            Files.createDirectories(launch.log().toAbsolutePath().getParent());
            return new RuntimeEmulator(launch, builder.start(), port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** Invokes the function with one event (JSON) and waits for its answer and its REPORT line. */
    public Invocation invoke(String event) {
        String requestId = UUID.randomUUID().toString();
        int from = lineCount();
        HttpRequest request = HttpRequest.newBuilder(invocations)
                .timeout(launch.timeout().plusSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Amzn-RequestId", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(event, StandardCharsets.UTF_8))
                .build();
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("the Runtime Interface Emulator did not answer the invocation ("
                    + e.getMessage() + "); see " + launch.log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking", e);
        }
        long roundTrip = (System.nanoTime() - started) / 1_000_000;
        return new Invocation(requestId, response.statusCode(), response.body(), roundTrip, reportLines(from, requestId));
    }

    /**
     * The first {@code INIT REPORT} and {@code INVOKE RTDONE} lines (an init that fails is retried in the invoke
     * phase, which reports a second, empty init) and this request's {@code REPORT} line, printed since {@code from}.
     */
    private List<String> reportLines(int from, String requestId) {
        long deadline = System.nanoTime() + REPORT_WAIT.toNanos();
        String report = "REPORT RequestId: " + requestId;
        while (true) {
            List<String> found = new ArrayList<>();
            boolean reported = false;
            synchronized (lines) {
                for (String line : lines.subList(from, lines.size())) {
                    String text = stripLogPrefix(line);
                    String kind = RUNTIME_REPORTS.stream().filter(text::startsWith).findFirst().orElse(null);
                    if (kind != null && found.stream().noneMatch(l -> l.startsWith(kind))) {
                        found.add(text);
                    } else if (text.startsWith(report)) {
                        found.add(text.strip());
                        reported = true;
                    }
                }
            }
            if (reported || System.nanoTime() > deadline || !process.isAlive()) {
                return found;
            }
            sleep(20);
        }
    }

    /** RIE's own lines start with a timestamp and "[INFO] (rapid) "; the text after it. */
    private static String stripLogPrefix(String line) {
        int rapid = line.indexOf("(rapid) ");
        return rapid >= 0 ? line.substring(rapid + "(rapid) ".length()) : line;
    }

    public Path log() {
        return launch.log();
    }

    private int lineCount() {
        synchronized (lines) {
            return lines.size();
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Runtime Interface Emulator exited with " + process.exitValue()
                        + "; see " + launch.log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), invocations.getPort()), 500);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("the Runtime Interface Emulator did not listen on " + invocations.getPort()
                + " within " + READY_TIMEOUT.toSeconds() + " s; see " + launch.log());
    }

    private void copyOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(launch.log(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
                log.write(line);
                log.write('\n');
                log.flush();
                if (launch.listener() != null) {
                    launch.listener().accept(line);
                }
            }
        } catch (IOException e) {
            // the emulator is gone (closed, or killed): nothing more to copy
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops the processes
        }
        stop();
    }

    /** Stops the emulator and the runtime it started (the runtime is its child, so it goes first). */
    private void stop() {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
