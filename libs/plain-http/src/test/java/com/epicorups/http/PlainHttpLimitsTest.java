package com.epicorups.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What bounds a {@link PlainHttpClient} call: the request timeout over the whole exchange, body included, and the
 * response body cap. Servers here wait for the test's signal, not for a clock.
 */
class PlainHttpLimitsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int CAP = 1024;

    private final PlainHttpClient client = PlainHttpClient.builder().connectTimeout(Duration.ofSeconds(30))
            .maxResponseBytes(CAP).build();

    /**
     * A byte now and then keeps every single read well inside the timeout: only a deadline over the whole call ends
     * it (a per-read timeout, as the JDK client's body or this client's body before, would wait for ever).
     */
    @Test
    void aBodyTricklingInFasterThanTheTimeoutStillEndsAtTheDeadline() throws Exception {
        PlainHttpClient uncapped = PlainHttpClient.withConnectTimeout(Duration.ofSeconds(30));
        CountDownLatch clientGaveUp = new CountDownLatch(1);
        try (RawHttpServer raw = new RawHttpServer()) {
            raw.then((head, body, out) -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                try {
                    while (!clientGaveUp.await(20, TimeUnit.MILLISECONDS)) {
                        out.write('x');
                        out.flush();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException closedByTheClient) {
                    // what a client that gave up does
                }
                return false;
            });
            try {
                assertThatThrownBy(() -> uncapped.send(HttpRequest.newBuilder(URI.create(raw.url("/trickle")))
                        .timeout(Duration.ofMillis(500)).build(), HttpResponse.BodyHandlers.ofString()))
                        .isInstanceOf(HttpTimeoutException.class)
                        .hasMessage("request timed out");
            } finally {
                clientGaveUp.countDown();
            }
            assertThat(raw.awaitClosedConnections(1, TIMEOUT)).as("the connection is closed").isTrue();
            assertThat(uncapped.idleConnections(raw.url(""))).isZero();
        }
    }

    @Test
    void aDeclaredBodyOverTheCapIsRefusedNamingTheCapAndTheHostAndItsConnectionIsNotReused() throws Exception {
        try (RawHttpServer raw = new RawHttpServer()) {
            raw.then(RawHttpServer.respond("HTTP/1.1 200 OK\r\nContent-Length: 1025\r\n\r\n" + "x".repeat(1025)));
            raw.then(RawHttpServer.respond("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(raw.url("/big"))).timeout(TIMEOUT)
                    .build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOfSatisfying(ResponseTooLargeException.class, e -> {
                        assertThat(e.host()).isEqualTo("127.0.0.1");
                        assertThat(e.capBytes()).isEqualTo(CAP);
                    })
                    .hasMessage("response body from 127.0.0.1 is 1025 bytes, over the cap of 1024 bytes");
            HttpResponse<String> next = client.send(HttpRequest.newBuilder(URI.create(raw.url("/next")))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(next.body()).isEqualTo("ok");
            assertThat(raw.connectionOfRequest).containsExactly(1, 2);
        }
    }

    @Test
    void aBodyOfExactlyTheCapIsRead() throws Exception {
        try (RawHttpServer raw = new RawHttpServer()) {
            raw.then(RawHttpServer.respond("HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n" + "y".repeat(1024)));
            raw.then(RawHttpServer.respond("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "200\r\n" + "a".repeat(512) + "\r\n200\r\n" + "b".repeat(512) + "\r\n0\r\n\r\n"));
            assertThat(client.send(HttpRequest.newBuilder(URI.create(raw.url("/cap"))).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).hasSize(CAP);
            assertThat(client.send(HttpRequest.newBuilder(URI.create(raw.url("/chunks"))).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).hasSize(CAP);
        }
    }

    @Test
    void aChunkedBodyPassingTheCapIsRefusedAndItsConnectionClosed() throws Exception {
        try (RawHttpServer raw = new RawHttpServer()) {
            raw.then(RawHttpServer.respond("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "200\r\n" + "a".repeat(512) + "\r\n201\r\n" + "b".repeat(513) + "\r\n0\r\n\r\n"));
            raw.then(RawHttpServer.respond("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(raw.url("/chunked")))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ResponseTooLargeException.class)
                    .hasMessage("response body from 127.0.0.1 is over the cap of 1024 bytes");
            client.send(HttpRequest.newBuilder(URI.create(raw.url("/next"))).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(raw.connectionOfRequest).containsExactly(1, 2);
        }
    }

    @Test
    void aBodyEndingWithTheConnectionIsCappedToo() throws Exception {
        try (RawHttpServer raw = new RawHttpServer()) {
            raw.then((head, body, out) -> {
                out.write(("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + "z".repeat(5000))
                        .getBytes(StandardCharsets.ISO_8859_1));
                return false;
            });
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(raw.url("/stream")))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ResponseTooLargeException.class)
                    .hasMessageContaining("cap of 1024 bytes");
        }
    }

    @Test
    void theDefaultCapIs32MiBAndACapMustBePositive() {
        assertThat(PlainHttpClient.withConnectTimeout(Duration.ofSeconds(1)).maxResponseBytes())
                .isEqualTo(32L * 1024 * 1024);
        assertThatThrownBy(() -> PlainHttpClient.builder().maxResponseBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A server whose accept queue is full drops further connection attempts, so nothing answers: the connect
     * timeout ends the call, or the request timeout when that comes first.
     */
    @Test
    void aConnectionThatCannotBeOpenedEndsAtTheConnectTimeoutOrTheDeadline() throws Exception {
        List<Socket> filling = new ArrayList<>();
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort());
            // Never accepted: fill the queue until a connect no longer completes.
            while (filling.size() < 64) {
                Socket s = new Socket();
                try {
                    s.connect(address, 200);
                    filling.add(s);
                } catch (IOException queueFull) {
                    s.close();
                    break;
                }
            }
            URI uri = URI.create("http://127.0.0.1:" + full.getLocalPort() + "/x");
            PlainHttpClient quick = PlainHttpClient.withConnectTimeout(Duration.ofMillis(300));
            assertThatThrownBy(() -> quick.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpConnectTimeoutException.class);
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(300)).build(),
                    HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class)
                    .isNotInstanceOf(HttpConnectTimeoutException.class)
                    .hasMessage("request timed out");
        } finally {
            for (Socket s : filling) {
                s.close();
            }
        }
    }
}
