package com.epicorups.e2e;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.epicorups.function.webhook.TrackAlertWebhookHandler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * API Gateway in front of the Track Alert webhook: a POST the UPS sandbox delivers becomes the
 * {@link APIGatewayProxyRequestEvent} API Gateway's REST proxy integration would build (headers and
 * multiValueHeaders, requestContext with a request id), and the handler's answer becomes the HTTP reply.
 */
final class WebhookRelay implements AutoCloseable {
    static final String PATH = "/v1/ups/track-alert";

    private final HttpServer server;
    private final List<Integer> answers = new CopyOnWriteArrayList<>();

    WebhookRelay(Supplier<TrackAlertWebhookHandler> handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PATH, exchange -> relay(exchange, handler.get()));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    List<Integer> answers() {
        return answers;
    }

    private void relay(HttpExchange exchange, TrackAlertWebhookHandler handler) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            APIGatewayProxyRequestEvent event = toEvent(exchange, body);
            APIGatewayProxyResponseEvent response = handler.handleRequest(event, new TestContext("TrackAlertWebhook"));
            answers.add(response.getStatusCode());
            byte[] out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            if (response.getHeaders() != null) {
                response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            }
            exchange.sendResponseHeaders(response.getStatusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
        }
    }

    static APIGatewayProxyRequestEvent toEvent(HttpExchange exchange, String body) {
        Map<String, String> headers = new HashMap<>();
        Map<String, List<String>> multi = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            multi.put(name, new ArrayList<>(values));
        });
        headers.put("X-Forwarded-Proto", "https");
        multi.put("X-Forwarded-Proto", List.of("https"));
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId(UUID.randomUUID().toString()).withStage("v1").withHttpMethod("POST")
                .withResourcePath("/ups/track-alert").withPath(PATH).withAccountId("000000000000");
        return new APIGatewayProxyRequestEvent()
                .withResource("/ups/track-alert").withPath("/ups/track-alert").withHttpMethod(exchange.getRequestMethod())
                .withHeaders(headers).withMultiValueHeaders(multi).withRequestContext(context)
                .withBody(body).withIsBase64Encoded(false);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
