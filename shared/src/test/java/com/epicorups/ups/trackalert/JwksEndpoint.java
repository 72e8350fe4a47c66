package com.epicorups.ups.trackalert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An identity provider's JWKS URL on 127.0.0.1 for one test: serves whatever {@link #served} holds at each request,
 * counts the requests in {@link #hits}, and stops after the test. Register it with {@code @RegisterExtension}.
 */
final class JwksEndpoint implements AfterEachCallback {
    /** The JWKS document served; a test sets it again to rotate keys. */
    final AtomicReference<String> served = new AtomicReference<>();
    final AtomicInteger hits = new AtomicInteger();
    private HttpServer server;

    /** Starts serving {@code jwks} and returns the URL it is served at. */
    String serve(String jwks) throws IOException {
        served.set(jwks);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/jwks.json", exchange -> {
            hits.incrementAndGet();
            byte[] bytes = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}
