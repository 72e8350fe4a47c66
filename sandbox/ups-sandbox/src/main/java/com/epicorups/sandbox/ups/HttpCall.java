package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One received HTTP request and the means to answer it (or to withhold the answer). */
final class HttpCall {

    private final HttpExchange exchange;
    private final String body;
    private final Map<String, String> query;
    private List<String> pathParams = List.of();
    private boolean answered;

    HttpCall(HttpExchange exchange) throws IOException {
        this.exchange = exchange;
        try (InputStream in = exchange.getRequestBody()) {
            this.body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    String body() {
        return body;
    }

    Map<String, String> query() {
        return query;
    }

    String query(String name) {
        return query.get(name);
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    Map<String, List<String>> headers() {
        return exchange.getRequestHeaders();
    }

    List<String> pathParams() {
        return pathParams;
    }

    void pathParams(List<String> params) {
        this.pathParams = List.copyOf(params);
    }

    String pathParam(int index) {
        return pathParams.get(index);
    }

    boolean answered() {
        return answered;
    }

    void respond(int status, JsonNode json) {
        respond(status, "application/json", Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    void respond(int status, String contentType, byte[] bytes) {
        if (answered) {
            return;
        }
        answered = true;
        try {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("BkndTransId", Long.toHexString(System.nanoTime()));
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // The client went away (e.g. it timed out); nothing to answer any more.
        } finally {
            exchange.close();
        }
    }

    /** Holds the connection without answering, then drops it: what a client sees as a timeout. */
    void withhold(Duration hold) {
        answered = true;
        try {
            Thread.sleep(hold.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(key, value);
        }
        return out;
    }
}
