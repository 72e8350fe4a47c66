package com.epicorups.cli.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.epicorups.function.webhook.TrackAlertWebhookHandler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The local stand-in for API Gateway in front of the Track Alert webhook: each call becomes an
 * APIGatewayProxyRequestEvent (REST API proxy integration shape: method, headers, body, the caller's address)
 * handed to {@link TrackAlertWebhookHandler}, whose answer (status, headers, body) goes back as it is.
 */
public final class WebhookEndpoint implements AutoCloseable {
    public static final String PATH = "/v1/ups/track-alert";
    /** The same endpoint without the stage, as {@code local-run --serve} prints it. */
    public static final String SERVED_PATH = "/ups/track-alert";

    private final HttpServer server;
    private final AtomicReference<TrackAlertWebhookHandler> handler = new AtomicReference<>();
    private final AtomicInteger received = new AtomicInteger();
    private final Map<Integer, AtomicInteger> byStatus = new java.util.concurrent.ConcurrentHashMap<>();

    private WebhookEndpoint(HttpServer server) {
        this.server = server;
    }

    public static WebhookEndpoint start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WebhookEndpoint endpoint = new WebhookEndpoint(server);
            server.createContext(PATH, endpoint::handle);
            server.createContext(SERVED_PATH, endpoint::handle);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local webhook endpoint: " + e.getMessage(), e);
        }
    }

    /** The handler is built after the assembly, which needs this endpoint's URL first. */
    public void handler(TrackAlertWebhookHandler webhookHandler) {
        handler.set(webhookHandler);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The URL {@code local-run --serve} prints, for UPS's webhook calls and one's own by hand. */
    public String servedUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + SERVED_PATH;
    }

    public int received() {
        return received.get();
    }

    public Map<Integer, Integer> responsesByStatus() {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        byStatus.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            received.incrementAndGet();
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            TrackAlertWebhookHandler h = handler.get();
            int status;
            String body;
            if (h == null) {
                status = 503;
                body = "{\"message\":\"webhook handler not ready\"}";
            } else {
                APIGatewayProxyResponseEvent response = h.handleRequest(toEvent(exchange, requestBody), null);
                status = response.getStatusCode() == null ? 200 : response.getStatusCode();
                body = response.getBody() == null ? "" : response.getBody();
                if (response.getHeaders() != null) {
                    response.getHeaders().forEach((name, value) -> {
                        if (!"Content-Type".equalsIgnoreCase(name)) {
                            exchange.getResponseHeaders().add(name, value);
                        }
                    });
                }
            }
            byStatus.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    static APIGatewayProxyRequestEvent toEvent(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, List<String>> multi = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name, values.get(0));
                multi.put(name, List.copyOf(values));
            }
        });
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId(UUID.randomUUID().toString())
                .withStage("v1")
                .withHttpMethod(exchange.getRequestMethod())
                .withPath(PATH)
                .withResourcePath(PATH)
                .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity()
                        .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress()));
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(exchange.getRequestMethod())
                .withPath(PATH)
                .withResource(PATH)
                .withHeaders(headers)
                .withMultiValueHeaders(multi)
                .withIsBase64Encoded(false)
                .withBody(new String(body, StandardCharsets.UTF_8))
                .withRequestContext(context);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
