package com.epicorups.testing.aws;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * moto server ({@code moto[server]} from PyPI) as a child process on 127.0.0.1 and a free port.
 *
 * <p>When {@code moto_server} is a Python console script, it is run through its own interpreter under a
 * small wrapper that exits as soon as its stdin reaches end-of-file (the JVM holds that pipe open, so even a
 * JVM killed with SIGKILL, where no shutdown hook runs, leaves no orphan behind) and that serialises
 * DynamoDB requests so conditional writes are atomic as in DynamoDB.
 */
final class MotoServer implements EmulatorBackend {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Runs moto_server's script after two adjustments: exit when stdin closes (no orphans), and serve DynamoDB
     * requests one at a time. moto's server is threaded and its conditional writes are not atomic, so two
     * concurrent conditional puts could both succeed; DynamoDB itself never lets that happen.
     */
    private static final String WRAPPER = String.join("\n",
            "import os, sys, threading, runpy",
            "import werkzeug.serving as serving",
            "def _exit_when_parent_goes():",
            "    try:",
            "        while sys.stdin.buffer.read(1024):",
            "            pass",
            "    finally:",
            "        os._exit(0)",
            "threading.Thread(target=_exit_when_parent_goes, daemon=True).start()",
            "_dynamodb_lock = threading.Lock()",
            "def _one_dynamodb_request_at_a_time(app):",
            "    def serve(environ, start_response):",
            "        if environ.get('HTTP_X_AMZ_TARGET', '').startswith('DynamoDB'):",
            "            with _dynamodb_lock:",
            "                return list(app(environ, start_response))",
            "        return app(environ, start_response)",
            "    return serve",
            "_run_simple = serving.run_simple",
            "def _run_simple_serialised(hostname, port, application, *args, **kwargs):",
            "    return _run_simple(hostname, port, _one_dynamodb_request_at_a_time(application), *args, **kwargs)",
            "serving.run_simple = _run_simple_serialised",
            "script = sys.argv[1]",
            "sys.argv = [script] + sys.argv[2:]",
            "runpy.run_path(script, run_name='__main__')");

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Finds {@code moto_server}: the project's .venv first, then the PATH. */
    static Optional<Path> findExecutable(Path connectorRoot) {
        List<Path> candidates = new ArrayList<>();
        if (connectorRoot != null) {
            candidates.add(connectorRoot.resolve(".venv/bin/moto_server"));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve(".venv/bin/moto_server"));
        }
        String pathVariable = System.getenv("PATH");
        if (pathVariable != null) {
            for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "moto_server"));
                }
            }
        }
        return candidates.stream().filter(Files::isRegularFile).filter(Files::isExecutable).findFirst();
    }

    static MotoServer start(Path executable) {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return startOnce(executable, freePort());
            } catch (IllegalStateException e) {
                last = e; // most likely lost the race for the port: try another one
            }
        }
        throw new EmulatorUnavailableException("moto server did not start: " + last.getMessage(), last);
    }

    private static MotoServer startOnce(Path executable, int port) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile("moto-server-" + port + "-", ".log");
            log.toFile().deleteOnExit();
            List<String> command = new ArrayList<>(pythonWrapper(executable));
            command.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable + ": " + e.getMessage(), e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        MotoServer server = new MotoServer(process, endpoint, log);
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto server exited with " + process.exitValue() + ": " + server.logTail());
            }
            if (answers(endpoint)) {
                return server;
            }
            sleep(50);
        }
        server.close();
        throw new IllegalStateException("moto server did not answer on " + endpoint + " within " + STARTUP_TIMEOUT
                + ": " + server.logTail());
    }

    /** The command that runs moto_server; under the stdin watchdog when it is a Python script. */
    private static List<String> pythonWrapper(Path executable) throws IOException {
        Path script = pythonScript(executable).or(() -> throughPyenvShim(executable)).orElse(null);
        if (script != null) {
            String shebang = Files.readAllLines(script, StandardCharsets.UTF_8).get(0);
            List<String> command = new ArrayList<>(List.of(shebang.substring(2).trim().split("\\s+")));
            command.addAll(List.of("-c", WRAPPER, script.toString()));
            return command;
        }
        // Without the wrapper DynamoDB conditional writes race in moto: say so rather than let tests flake.
        System.err.println("[aws-test-harness] WARNING: " + executable + " is not a Python script; moto runs "
                + "unwrapped, so concurrent DynamoDB conditional writes are not atomic");
        return List.of(executable.toString());
    }

    private static Optional<Path> pythonScript(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            String first = lines.findFirst().orElse("");
            return first.startsWith("#!") && first.contains("python") ? Optional.of(file) : Optional.empty();
        } catch (IOException | java.io.UncheckedIOException notText) {
            return Optional.empty();
        }
    }

    /**
     * A pyenv shim ({@code ~/.pyenv/shims/moto_server}) is a bash script that execs the real console script;
     * {@code pyenv which} names that script, so the wrapper can still run it.
     */
    private static Optional<Path> throughPyenvShim(Path executable) {
        Path shims = executable.toAbsolutePath().getParent();
        if (shims == null || !"shims".equals(String.valueOf(shims.getFileName())) || shims.getParent() == null) {
            return Optional.empty();
        }
        Path pyenv = shims.getParent().resolve("bin/pyenv");
        try {
            Process which = new ProcessBuilder(Files.isExecutable(pyenv) ? pyenv.toString() : "pyenv", "which",
                    String.valueOf(executable.getFileName())).redirectErrorStream(false).start();
            which.getOutputStream().close();
            String out = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!which.waitFor(10, TimeUnit.SECONDS) || which.exitValue() != 0 || out.isEmpty()) {
                return Optional.empty();
            }
            return pythonScript(Path.of(out.lines().reduce((a, b) -> b).orElse(out)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean answers(URI endpoint) {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status > 0;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() {
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
            throw new IllegalStateException("interrupted while waiting for moto server", e);
        }
    }

    Process process() {
        return process;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "moto server pid " + process.pid() + " at " + endpoint;
    }

    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the watchdog also stops on a broken pipe
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
