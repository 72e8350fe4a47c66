package com.epicorups.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.config.ConfigException;
import com.epicorups.core.Reason;
import com.epicorups.logging.EmbeddedMetrics;
import com.epicorups.logging.Redactor;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.sandbox.ups.Status;
import com.epicorups.sandbox.ups.TrackAlert;
import com.epicorups.store.ShipmentRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One logging path: every line any class writes to stdout or stderr in a function's process is a JSON object
 * from the connector's logger (a log line, or an EMF metric line), and no registered secret appears in one
 * unmasked. Each step runs in a fresh JVM whose environment is a Lambda function's ({@link FunctionJvm}), so the
 * capture is the process's real stdout and stderr (java.util.logging's console handler, SLF4J's own warnings and
 * anything printed directly included), the composition root is the ServiceLoader one, and LOG_LEVEL is TRACE:
 * the AWS SDK logs at DEBUG/TRACE against the emulators, the Epicor and UPS clients against the sandboxes with
 * faults (a UPS 429, an address without candidates, Epicor 500s, revoked UPS tokens), a forged webhook call,
 * a library echoing credentials through SLF4J, and an init failure.
 */
class LogLinesAreMaskedJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long STEP_TIMEOUT_SECONDS = 300;

    @TempDir
    Path work;
    private int steps;

    @Test
    void everyLineIsJsonFromTheConnectorsLoggerAndNoRegisteredSecretIsUnmasked() throws Exception {
        List<Output> outputs = new ArrayList<>();
        Set<String> secrets = new LinkedHashSet<>();
        try (ConnectorWorld world = new ConnectorWorld()) {
            Map<String, String> env = new LinkedHashMap<>(world.environment);
            env.put("LOG_LEVEL", "TRACE");

            outputs.add(step(env, "poll"));
            world.ups.faults().tooManyRequests(Operation.SHIP, 2);
            world.ups.addresses().noCandidatesMarker("350 5TH AVE");
            outputs.add(step(env, "create"));
            world.epicor.faults().serverError(5);
            outputs.add(step(env, "write"));
            outputs.add(step(env, "renew"));

            Map<String, ShipmentRecord> ledger = Fixtures.ledger(world);
            List<String> shipped = Fixtures.shipped(ledger);
            assertThat(shipped).as("the creator shipped releases").isNotEmpty();
            String first = ledger.get(shipped.get(0)).trackingNumbers().get(0);
            world.ups.shipments().advance(first, Status.IN_TRANSIT);
            world.ups.shipments().advance(first, Status.DELIVERED);
            Path deliveries = work.resolve("deliveries.jsonl");
            Files.write(deliveries, List.of(
                    delivery("Bearer forged-" + ConnectorWorld.WEBHOOK_BEARER, ConnectorWorld.WEBHOOK_API_KEY,
                            world.ups.trackAlert().eventPayload(first, Status.DELIVERED)),
                    delivery("Bearer " + ConnectorWorld.WEBHOOK_BEARER, ConnectorWorld.WEBHOOK_API_KEY,
                            world.ups.trackAlert().eventPayload(first, Status.DELIVERED))));
            Output webhook = step(env, "webhook", deliveries.toString());
            assertThat(webhook.result()).as("the forged call is refused, the real one taken").isEqualTo("answered [401, 200]");
            outputs.add(webhook);
            outputs.add(step(env, "quantum-view"));
            outputs.add(step(env, "write"));
            List<String> tokensBefore = tokens(world);
            world.ups.revokeTokens();
            outputs.add(step(env, "quantum-view"));

            secrets.addAll(ConnectorWorld.SECRET_VALUES);
            secrets.add(basic(ConnectorWorld.EPICOR_USER, ConnectorWorld.EPICOR_PASSWORD));
            secrets.add(basic(ConnectorWorld.UPS_CLIENT_ID, ConnectorWorld.UPS_CLIENT_SECRET));
            secrets.addAll(tokensBefore);
            secrets.addAll(tokens(world));
            assertThat(tokens(world)).as("the Quantum View poller got a new UPS token after the revocation")
                    .anyMatch(token -> !tokensBefore.contains(token));
        }

        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("SHIPMENT_REQUESTS_QUEUE_URL", "not-a-queue-url");
        broken.put("LOG_LEVEL", "TRACE");
        Output init = step(broken, "init");
        outputs.add(init);

        List<JsonNode> lines = new ArrayList<>();
        for (Output output : outputs) {
            for (String line : output.lines()) {
                for (String secret : secrets) {
                    assertThat(line).as("a registered secret unmasked in " + output.step() + "'s output")
                            .doesNotContain(secret);
                }
                lines.add(ourJsonLine(output.step(), line));
            }
        }

        // What the capture must have seen, or it proves nothing.
        assertThat(lines).as("the AWS SDK logged through the connector's logger at DEBUG/TRACE")
                .anyMatch(l -> l.path("logger").asText().startsWith("software.amazon.awssdk")
                        && List.of("DEBUG", "TRACE").contains(l.path("level").asText()));
        assertThat(lines).as("the UPS 429 on a ship call was logged by the UPS transport")
                .anyMatch(l -> l.path("logger").asText().equals("com.epicorups.ups.transport.UpsHttp")
                        && l.path("message").asText().equals("ups_http_error") && l.path("status").asInt() == 429);
        assertThat(lines).as("the UPS token requests were counted in EMF lines")
                .anyMatch(l -> l.has("_aws") && l.has("UpsTokenRequests"));
        List<JsonNode> echoed = lines.stream()
                .filter(l -> l.path("logger").asText().equals(FunctionJvm.THIRD_PARTY_LOGGER)).toList();
        assertThat(echoed).as("the library's SLF4J line, its four credentials masked").singleElement()
                .satisfies(l -> assertThat(l.path("message").asText()).isEqualTo("sent x-api-key: " + Redactor.MASK
                        + ", Authorization: Basic " + Redactor.MASK + ", password=" + Redactor.MASK))
                .satisfies(l -> assertThat(l.path("level").asText()).isEqualTo("WARN"))
                .satisfies(l -> assertThat(l.path("errorMessage").asText())
                        .isEqualTo("client_secret=" + Redactor.MASK + " refused"));

        // The init failure: its own type and message for Lambda's init error, one ERROR line carrying the same.
        assertThat(init.result()).startsWith("THREW " + ConfigException.class.getName() + "\n");
        String message = init.result().substring(init.result().indexOf('\n') + 1);
        assertThat(message).startsWith("Invalid configuration (")
                .contains("TOKEN_CACHE_TABLE is missing", "LABEL_BUCKET is missing",
                        "SHIPMENT_REQUESTS_QUEUE_URL is malformed ('not-a-queue-url')");
        List<JsonNode> initLines = init.lines().stream().map(l -> ourJsonLine("init", l)).toList();
        assertThat(initLines.stream().filter(l -> l.path("level").asText().equals("ERROR")).toList())
                .as("one ERROR line for the init failure").singleElement().satisfies(l -> {
                    assertThat(l.path("logger").asText()).isEqualTo("com.epicorups.app.Runtime");
                    assertThat(l.path("message").asText()).isEqualTo("init_failed");
                    assertThat(l.path("errorType").asText()).isEqualTo(ConfigException.class.getName());
                    assertThat(l.path("errorMessage").asText()).isEqualTo(message);
                    assertThat(l.path("reasonCode").asText()).isEqualTo(Reason.CONFIG_INVALID.code());
                });
    }

    /** One line as the connector's logger writes it: a log line, or an EMF metric line; fails on anything else. */
    private static JsonNode ourJsonLine(String step, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line in " + step + "'s stdout/stderr: " + line);
        }
        assertThat(node).as("not a JSON object in " + step + "'s output: " + line).isInstanceOf(ObjectNode.class);
        if (node.has("_aws")) {
            assertThat(node.path("_aws").path("CloudWatchMetrics").path(0).path("Namespace").asText())
                    .as("an EMF line of the connector's namespace in " + step + ": " + line)
                    .isEqualTo(EmbeddedMetrics.NAMESPACE);
        } else {
            for (String field : List.of("timestamp", "level", "logger", "message")) {
                assertThat(node.hasNonNull(field)).as(field + " of a log line in " + step + ": " + line).isTrue();
            }
            assertThat(node.path("service").asText()).as("service of " + line).isEqualTo("epicor-ups-connector");
        }
        return node;
    }

    private record Output(String step, List<String> lines, String result) {
    }

    private Output step(Map<String, String> env, String step, String... args) throws Exception {
        int n = ++steps;
        Path stdout = work.resolve(n + "-" + step + ".out");
        Path stderr = work.resolve(n + "-" + step + ".err");
        Path result = work.resolve(n + "-" + step + ".result");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx384m", "-cp", testClasspath(),
                FunctionJvm.class.getName(), result.toString(), step));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        // Exactly the function's variables, as in Lambda: nothing of this JVM's (JAVA_TOOL_OPTIONS would make the
        // JVM itself print a line).
        pb.environment().clear();
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(step + " did not finish within " + STEP_TIMEOUT_SECONDS + " s; see " + stdout);
        }
        String outcome = Files.exists(result) ? Files.readString(result) : "(no result)";
        List<String> lines = new ArrayList<>();
        for (Path stream : List.of(stdout, stderr)) {
            Files.readAllLines(stream, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).forEach(lines::add);
        }
        // The parent's own test report keeps each child's output (surefire's <class>-output.txt).
        System.out.println("== " + step + " (exit " + process.exitValue() + "): " + outcome + ", " + lines.size() + " lines");
        lines.forEach(System.out::println);
        assertThat(process.exitValue()).as(step + " failed: " + outcome).isZero();
        return new Output(step, lines, outcome);
    }

    private static String testClasspath() {
        String classpath = System.getProperty("java.class.path");
        assertThat(classpath).as("the test classpath").contains("end-to-end");
        return classpath;
    }

    private static String delivery(String authorization, String apiKey, String body) {
        ObjectNode node = JSON.createObjectNode().put("authorization", authorization).put("apiKey", apiKey)
                .put("body", body);
        return node.toString();
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> tokens(ConnectorWorld world) {
        return world.scan(world.resources.tokenCacheTable()).stream()
                .map(i -> Fixtures.s(i, "accessToken")).filter(t -> t != null && !t.isBlank()).toList();
    }
}
