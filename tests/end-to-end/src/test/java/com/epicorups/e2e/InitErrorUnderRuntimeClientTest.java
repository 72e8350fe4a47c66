package com.epicorups.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.config.ConfigException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function whose environment is wrong, started the way Lambda starts it: AWS's Java runtime interface client
 * (the code of Lambda's java runtimes) loads the handler and reports its init error to the Runtime API, played
 * here by a small HTTP server. The caller must get the configuration's own error, its type and the list of bad
 * variables, not ServiceLoader's "Provider ... could not be instantiated"; the function's log must carry the same
 * list in one JSON ERROR line.
 */
class InitErrorUnderRuntimeClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void theInitErrorIsTheConfigExceptionWithEveryBadVariable() throws Exception {
        List<String> posted = new CopyOnWriteArrayList<>();
        List<String> errorTypes = new CopyOnWriteArrayList<>();
        HttpServer runtimeApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        runtimeApi.createContext("/2018-06-01/runtime/", exchange -> {
            try (exchange) {
                if (exchange.getRequestMethod().equals("POST")) {
                    posted.add(exchange.getRequestURI().getPath() + " "
                            + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    errorTypes.add(String.valueOf(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")));
                    exchange.sendResponseHeaders(202, -1);
                } else {
                    // An init that succeeded would ask for an event: there is none to give.
                    posted.add("GET " + exchange.getRequestURI().getPath());
                    exchange.sendResponseHeaders(500, -1);
                }
            }
        });
        runtimeApi.start();
        Path task = Files.createDirectories(work.resolve("task"));
        Path stdout = work.resolve("function.out");
        Path stderr = work.resolve("function.err");
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                    "com.epicorups.function.orderpoller.OrderPollerHandler::handleRequest"));
            ProcessBuilder pb = new ProcessBuilder(command).directory(task.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            pb.environment().clear();
            pb.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApi.getAddress().getPort());
            pb.environment().put("AWS_LAMBDA_FUNCTION_NAME", "OrderPoller");
            pb.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            pb.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
            pb.environment().put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/OrderPoller");
            pb.environment().put("AWS_LAMBDA_LOG_STREAM_NAME", "e2e");
            pb.environment().put("AWS_REGION", "us-east-1");
            pb.environment().put("LOG_LEVEL", "INFO");
            // A stack whose queue URL was pasted wrong and whose other variables are missing.
            pb.environment().put("SHIPMENT_REQUESTS_QUEUE_URL", "not-a-queue-url");
            Process process = pb.start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the runtime client exits after the init error").isTrue();
        } finally {
            runtimeApi.stop(0);
        }

        assertThat(posted).as("one init error, and no event asked for").singleElement()
                .satisfies(p -> assertThat(p).startsWith("/2018-06-01/runtime/init/error "));
        assertThat(errorTypes).containsExactly("Runtime.BadFunctionCode");
        JsonNode error = JSON.readTree(posted.get(0).substring(posted.get(0).indexOf(' ') + 1));
        assertThat(error.path("errorType").asText()).isEqualTo(ConfigException.class.getName());
        String message = error.path("errorMessage").asText();
        assertThat(message).startsWith("Invalid configuration (11 problems):\n - TOKEN_CACHE_TABLE is missing")
                .contains("SHIPMENT_REQUESTS_QUEUE_URL is malformed ('not-a-queue-url')", "LABEL_BUCKET is missing")
                .doesNotContain("ServiceConfigurationError", "could not be instantiated");

        List<JsonNode> logLines = new ArrayList<>();
        for (String line : Files.readAllLines(stdout)) {
            if (line.startsWith("{")) {
                logLines.add(JSON.readTree(line));
            }
        }
        assertThat(logLines).as("the function's own log: one init_failed ERROR line with the list").singleElement()
                .satisfies(l -> {
                    assertThat(l.path("level").asText()).isEqualTo("ERROR");
                    assertThat(l.path("message").asText()).isEqualTo("init_failed");
                    assertThat(l.path("errorType").asText()).isEqualTo(ConfigException.class.getName());
                    assertThat(l.path("errorMessage").asText()).isEqualTo(message);
                });
        assertThat(Files.readString(stderr)).as("no SLF4J warning at start").doesNotContain("SLF4J");
    }
}
