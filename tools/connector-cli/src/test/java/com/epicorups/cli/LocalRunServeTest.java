package com.epicorups.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.cli.local.LocalEnvironment;
import com.epicorups.core.Json;
import com.epicorups.testing.aws.CloudFormationTemplate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code connector local-run --serve}: after the run the webhook stays up, as API Gateway would pass calls to it. */
class LocalRunServeTest {
    private static final Pattern WEBHOOK_LINE = Pattern.compile("(?m)^webhook: (http://127\\.0\\.0\\.1:\\d+/ups/track-alert)$");

    @TempDir
    Path dir;

    @Test
    void servesTheWebhookUntilInterruptedPassingMethodHeadersAndBody() throws Exception {
        Path dataset = Path.of(getClass().getResource("/local-run/small-dataset.json").toURI());
        StringWriter out = new StringWriter();
        CommandLine cli = ConnectorCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread run = Thread.ofPlatform().start(() -> exit.set(cli.execute("local-run", "--epicor-data",
                dataset.toString(), "--output", dir.toString(), "--retry-wait-seconds", "5", "--serve")));

        String url = null;
        while (url == null && run.isAlive()) {
            Matcher m = WEBHOOK_LINE.matcher(out.toString());
            if (m.find()) {
                url = m.group(1);
            } else {
                Thread.sleep(200);
            }
        }
        assertThat(url).as(out.toString()).isNotNull();
        assertThat(out.toString()).as("one line, after the run's summary").containsOnlyOnce("webhook: ")
                .contains("releases seen");

        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).as("the method is passed on: only POST is looked at").isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).hasValue("POST");

            HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(URI.create(url))
                            .header("Authorization", "Bearer not-the-token")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"trackingNumber\":\"1Z12345E0205271686\"}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stranger.statusCode()).as("headers are passed on and checked").isEqualTo(401);
            assertThat(stranger.body()).contains("WEBHOOK_UNAUTHENTICATED");

            String event = Json.mapper().readTree(CloudFormationTemplate.projectRoot()
                    .resolve("events/track-alert-webhook.json").toFile()).path("body").asText();
            HttpResponse<String> ups = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("x-api-key", LocalEnvironment.SANDBOX_UPS_CLIENT_ID)
                    .header("Authorization", "Bearer " + LocalEnvironment.WEBHOOK_BEARER)
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ups.statusCode()).as(ups.body()).isEqualTo(200);
        }

        run.interrupt();
        run.join();
        assertThat(out.toString()).contains("local-run: stopped serving");
        assertThat(exit.get()).as(out.toString()).isZero();
    }
}
