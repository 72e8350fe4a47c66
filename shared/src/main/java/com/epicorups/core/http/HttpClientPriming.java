package com.epicorups.core.http;

import com.epicorups.logging.JsonLogger;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs an HTTP client's request and response code during a Lambda function's init, so that a SnapStart snapshot
 * holds its classes loaded and its call sites linked and the first invocation after a restore does not pay for
 * them. It initialises the default TLS context (the trust store) and sends, to a {@link LoopbackPrimingServer} on
 * 127.0.0.1, what the Epicor and UPS clients send: a GET and a JSON POST with a request timeout, read with
 * {@link HttpResponse.BodyHandlers#ofString()}, one answered 200 and one 401 with a body.
 *
 * <p>Nothing leaves the machine and no secret is read. Every answer carries {@code Connection: close}, so the
 * snapshot holds no pooled connection that would be dead after a restore. A failure is logged and swallowed: a
 * function whose priming failed is only slower on its first invocation.
 */
public final class HttpClientPriming {
    private static final JsonLogger LOG = JsonLogger.getLogger(HttpClientPriming.class);
    /** Bounds each priming request, so that init cannot hang on it. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final String JSON_BODY = "{\"priming\":{\"releases\":[{\"OrderNum\":1,\"OrderLine\":1,\"OrderRelNum\":1}]}}";

    /** What a priming did. {@code failure} is null when every request was answered as expected. */
    public record Result(int exchanges, long millis, String failure) {
        public boolean succeeded() {
            return failure == null;
        }
    }

    private HttpClientPriming() {
    }

    /** Primes {@code client} (the caller closes it if it is a throwaway); logs and returns what happened. */
    public static Result prime(HttpClient client) {
        long started = System.nanoTime();
        int exchanges = 0;
        String failure = null;
        try (LoopbackPrimingServer server = LoopbackPrimingServer.start()) {
            client.sslContext();
            exchanges += expect(200, client.send(HttpRequest.newBuilder(server.uri("/priming/ok"))
                    .timeout(REQUEST_TIMEOUT).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
            exchanges += expect(200, client.send(HttpRequest.newBuilder(server.uri("/priming/ok"))
                    .timeout(REQUEST_TIMEOUT).header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON_BODY, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString()));
            exchanges += expect(401, client.send(HttpRequest.newBuilder(server.uri("/priming/unauthorized"))
                    .timeout(REQUEST_TIMEOUT).header("Accept", "application/json")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e.toString();
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        Result result = new Result(exchanges, millis, failure);
        if (result.succeeded()) {
            LOG.info("http_client_primed", "client", client.getClass().getSimpleName(), "exchanges", exchanges,
                    "millis", millis);
        } else {
            LOG.warn("http_client_priming_failed", "client", client.getClass().getSimpleName(),
                    "exchanges", exchanges, "millis", millis, "error", failure);
        }
        return result;
    }

    private static int expect(int status, HttpResponse<String> response) throws IOException {
        if (response.statusCode() != status || response.body() == null || response.body().isEmpty()) {
            throw new IOException("priming answer " + response.statusCode() + " with "
                    + (response.body() == null ? 0 : response.body().length()) + " chars, expected " + status);
        }
        return 1;
    }
}
