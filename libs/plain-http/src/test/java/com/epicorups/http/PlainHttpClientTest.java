package com.epicorups.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PlainHttpClient} as the Epicor and UPS clients rely on it (HTTP/1.1, no redirects, a POST sent at most once,
 * each call bounded as a whole), against real sockets. The deadline and the body cap have {@link PlainHttpLimitsTest}.
 */
class PlainHttpClientTest {
    private static final String JSON = "{\"name\":\"Grüße – ✓\"}";

    private MockWebServer server;
    /** Generous: only a test about a timeout sets a short one, on its request. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final PlainHttpClient client = PlainHttpClient.withConnectTimeout(Duration.ofSeconds(30));

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private URI uri(String path) {
        return server.url(path).uri();
    }

    private static String string(HttpResponse<String> r) {
        return r.body();
    }

    @Test
    void getSendsMethodPathQueryAndEveryHeaderAndNothingInvented() throws Exception {
        server.enqueue(new MockResponse().setBody("ok"));
        server.enqueue(new MockResponse().setBody("ok"));
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/SalesOrders"
                        + "?$top=1&$filter=OrderNum%20eq%205001"))
                .header("x-api-key", "key-1")
                .header("Accept", "application/json")
                .header("X-Multi", "one").header("X-Multi", "two")
                .timeout(TIMEOUT)
                .GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("GET");
        assertThat(r.getPath()).isEqualTo("/api/v2/odata/EPIC06/Erp.BO.SalesOrderSvc/SalesOrders"
                + "?$top=1&$filter=OrderNum%20eq%205001");
        assertThat(r.getHeader("x-api-key")).isEqualTo("key-1");
        assertThat(r.getHeader("Accept")).isEqualTo("application/json");
        assertThat(r.getHeaders().values("X-Multi")).containsExactly("one", "two");
        assertThat(r.getHeader("Host")).isEqualTo("localhost:" + server.getPort());
        assertThat(r.getHeader("User-Agent")).isEqualTo("Java-http-client/" + System.getProperty("java.version"));
        assertThat(r.getHeader("Content-Length")).isNull();
        assertThat(r.getBodySize()).isZero();

        client.send(HttpRequest.newBuilder(uri("/bare")).build(), HttpResponse.BodyHandlers.ofString());
        RecordedRequest bare = server.takeRequest();
        assertThat(bare.getHeaders().names()).containsExactlyInAnyOrder("Host", "User-Agent");
    }

    @Test
    void postAndPutBodiesArriveByteForByteWithTheCallersContentType() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(201));
        server.enqueue(new MockResponse().setResponseCode(200));
        client.send(HttpRequest.newBuilder(uri("/ship/v2409/shipments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON)).build(), HttpResponse.BodyHandlers.ofString());
        byte[] binary = {0, 1, 2, (byte) 0xff, 13, 10, 13, 10, 'x'};
        client.send(HttpRequest.newBuilder(uri("/things/7"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(binary)).build(), HttpResponse.BodyHandlers.ofString());

        RecordedRequest post = server.takeRequest();
        assertThat(post.getMethod()).isEqualTo("POST");
        assertThat(post.getPath()).isEqualTo("/ship/v2409/shipments");
        assertThat(post.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(post.getBody().readByteArray()).isEqualTo(JSON.getBytes(StandardCharsets.UTF_8));
        assertThat(post.getHeader("Content-Length")).isEqualTo(String.valueOf(JSON.getBytes(StandardCharsets.UTF_8).length));
        RecordedRequest put = server.takeRequest();
        assertThat(put.getMethod()).isEqualTo("PUT");
        assertThat(put.getBody().readByteArray()).isEqualTo(binary);
    }

    @Test
    void aPostWithoutBodySendsContentLengthZeroAndNoContentType() throws Exception {
        server.enqueue(new MockResponse().setBody("{}"));
        client.send(HttpRequest.newBuilder(uri("/TokenResource.svc/")).header("username", "u")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getHeader("Content-Length")).isEqualTo("0");
        assertThat(r.getHeader("Content-Type")).isNull();
        assertThat(r.getHeader("username")).isEqualTo("u");
    }

    @Test
    void statusHeadersAndBodyComeBackForSuccessAndErrors() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(201).addHeader("BkndTransId", "abc")
                .addHeader("Set-Thing", "1").addHeader("Set-Thing", "2")
                .addHeader("Content-Type", "application/json; charset=utf-8").setBody(JSON));
        server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"ErrorMessage\":\"not found\"}"));
        server.enqueue(new MockResponse().setResponseCode(503).setBody("busy"));
        server.enqueue(new MockResponse().setResponseCode(204));

        HttpResponse<String> created = client.send(HttpRequest.newBuilder(uri("/a")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo(JSON);
        assertThat(created.headers().firstValue("bkndtransid")).hasValue("abc");
        assertThat(created.headers().allValues("Set-Thing")).containsExactly("1", "2");
        assertThat(created.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(created.uri()).isEqualTo(uri("/a"));
        assertThat(created.request().uri()).isEqualTo(uri("/a"));
        assertThat(created.previousResponse()).isEmpty();
        assertThat(created.sslSession()).isEmpty();

        HttpResponse<String> notFound = client.send(HttpRequest.newBuilder(uri("/b")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.body()).isEqualTo("{\"ErrorMessage\":\"not found\"}");
        HttpResponse<String> busy = client.send(HttpRequest.newBuilder(uri("/c")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.body()).isEqualTo("busy");
        HttpResponse<String> empty = client.send(HttpRequest.newBuilder(uri("/d")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(empty.statusCode()).isEqualTo(204);
        assertThat(empty.body()).isEmpty();
    }

    /** HttpURLConnection in streaming mode drops this body; UPS and Epicor put the reason for a 401 in it. */
    @Test
    void aPostAnswered401KeepsItsBody() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(401).addHeader("WWW-Authenticate", "Bearer")
                .setBody("{\"response\":{\"errors\":[{\"code\":\"250002\",\"message\":\"Invalid Authentication\"}]}}"));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/api/addressvalidation/v2/3"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("250002");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void patchIsSentLikeAnyOtherMethod() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(204));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5001,1,1)"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"Character01\":\"1Z\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(204);
        RecordedRequest patch = server.takeRequest();
        assertThat(patch.getMethod()).isEqualTo("PATCH");
        assertThat(patch.getPath()).isEqualTo("/Erp.BO.SalesOrderSvc/OrderRels('EPIC06',5001,1,1)");
        assertThat(patch.getBody().readUtf8()).isEqualTo("{\"Character01\":\"1Z\"}");
    }

    @Test
    void redirectsAreReturnedNotFollowed() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(302).addHeader("Location", "/elsewhere"));
        server.enqueue(new MockResponse().setBody("must not be fetched"));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/moved")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/elsewhere");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    }

    @Test
    void noAnswerWithinTheRequestTimeoutIsAnHttpTimeoutException() {
        // The server never answers: only the request's own timeout can end the call ("request timed out", not the
        // connect timeout's message), and nothing is sent again.
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri("/slow")).timeout(Duration.ofMillis(300))
                .build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessage("request timed out");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void anInterruptWhileWaitingIsAnInterruptedExceptionAsWithTheJdkClient() {
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        Thread caller = Thread.currentThread();
        // Interrupted once the request has reached the server, so while the caller waits for the answer.
        Thread interrupter = new Thread(() -> {
            try {
                server.takeRequest();
            } catch (InterruptedException ignored) {
                return;
            }
            caller.interrupt();
        });
        interrupter.start();
        try {
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri("/wait")).timeout(TIMEOUT)
                    .build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aStalledBodyAlsoTimesOut() throws Exception {
        // Five of ten bytes, then nothing until the client has given up: the server waits for the test, not a clock.
        CountDownLatch clientGaveUp = new CountDownLatch(1);
        try (RawHttpServer raw = new RawHttpServer()) {
            raw.then((head, body, out) -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                try {
                    clientGaveUp.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            });
            try {
                // The JDK client's own timeout ends with the response head: this one is the whole call's deadline.
                assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(raw.url("/trickle")))
                        .timeout(Duration.ofMillis(300)).build(), HttpResponse.BodyHandlers.ofString()))
                        .isInstanceOf(HttpTimeoutException.class)
                        .hasMessage("request timed out");
            } finally {
                clientGaveUp.countDown();
            }
        }
    }

    @Test
    void anAnswerArrivesWhileEveryThreadOfTheCommonForkJoinPoolIsBlocked() throws Exception {
        // Work blocked in the common pool (a handler run through CompletableFuture.supplyAsync, a library's task)
        // must not hold a call: through sendAsync and a wait, the JDK completed the future in that pool, and every
        // call waited out its whole timeout with the answer already there (FaultToleranceTest waited six minutes).
        int threads = Math.max(1, ForkJoinPool.getCommonPoolParallelism());
        FutureTask<Void> release = new FutureTask<>(() -> null);
        CountDownLatch blocked = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            ForkJoinPool.commonPool().execute(() -> {
                blocked.countDown();
                try {
                    release.get(); // parks without telling the pool, as FutureTask.get does
                } catch (InterruptedException | ExecutionException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            assertThat(blocked.await(60, TimeUnit.SECONDS)).as("the common pool's threads are all blocked").isTrue();
            server.enqueue(new MockResponse().setResponseCode(200).setBody("answered"));
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/while-blocked"))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("answered");
        } finally {
            release.run();
        }
    }

    @Test
    void aRefusedConnectionIsAConnectException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // With a request timeout, as every call of the connector has one, and without one.
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/x"))
                .build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void anUnknownHostIsAConnectExceptionThatSaysSo() {
        for (Duration timeout : new Duration[] {TIMEOUT, null}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://no-such-host.invalid/x"));
            if (timeout != null) {
                request.timeout(timeout);
            }
            assertThatThrownBy(() -> client.send(request.build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class)
                    .hasMessage("unknown host no-such-host.invalid")
                    .hasRootCauseInstanceOf(UnknownHostException.class);
        }
    }

    @Test
    void otherBodyHandlersWork() throws Exception {
        byte[] pdfish = new byte[70_000];
        for (int i = 0; i < pdfish.length; i++) {
            pdfish[i] = (byte) (i * 31);
        }
        server.enqueue(new MockResponse().setBody(new Buffer().write(pdfish)));
        server.enqueue(new MockResponse().setBody("streamed"));
        server.enqueue(new MockResponse().setBody("ignored"));
        HttpResponse<byte[]> bytes = client.send(HttpRequest.newBuilder(uri("/label")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bytes.body()).isEqualTo(pdfish);
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(uri("/s")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = stream.body()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("streamed");
        }
        HttpResponse<Void> discarded = client.send(HttpRequest.newBuilder(uri("/d")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(discarded.statusCode()).isEqualTo(200);
        assertThat(discarded.body()).isNull();
    }

    @Test
    void chunkedBodiesAreDecoded() throws Exception {
        server.enqueue(new MockResponse().setChunkedBody(JSON.repeat(50), 7));
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/chunked")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(string(r)).isEqualTo(JSON.repeat(50));
    }

    @Test
    void keepAliveConnectionsAreReused() throws Exception {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse().setBody("r" + i));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(client.send(HttpRequest.newBuilder(uri("/k" + i)).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("r" + i);
        }
        assertThat(server.takeRequest().getSequenceNumber()).isZero();
        assertThat(server.takeRequest().getSequenceNumber()).isEqualTo(1);
        assertThat(server.takeRequest().getSequenceNumber()).isEqualTo(2);
        assertThat(client.idleConnections("http://localhost:" + server.getPort())).isEqualTo(1);
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        server.enqueue(new MockResponse().setBody("a").addHeader("Connection", "close"));
        server.enqueue(new MockResponse().setBody("b"));
        assertThat(client.send(HttpRequest.newBuilder(uri("/1")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("a");
        assertThat(client.idleConnections("http://localhost:" + server.getPort())).isZero();
        assertThat(client.send(HttpRequest.newBuilder(uri("/2")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("b");
        server.takeRequest();
        assertThat(server.takeRequest().getSequenceNumber()).isZero();
    }

    @Test
    void anIdleConnectionTheServerClosedIsNotUsedForAPost() throws Exception {
        try (RawHttpServer raw = new RawHttpServer()) {
            raw.then((head, body, out) -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                return false; // the server drops the kept-alive connection, as after its idle timeout
            });
            raw.then(RawHttpServer.respond("HTTP/1.1 201 Created\r\nContent-Length: 7\r\n\r\ncreated"));
            client.send(HttpRequest.newBuilder(URI.create(raw.url("/first"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(raw.awaitClosedConnections(1, TIMEOUT)).as("the server closed it").isTrue();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(raw.url("/ship")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(raw.requestHeads).hasSize(2);
            assertThat(raw.connections()).isEqualTo(2);
        }
    }

    /** The JDK client's rule: only a GET/HEAD is sent again after a kept-alive connection died under it. */
    @Test
    void aGetOnAConnectionThatDiesIsSentAgainButAPostIsNever() throws Exception {
        try (RawHttpServer raw = new RawHttpServer()) {
            raw.then(RawHttpServer.respond("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"));
            raw.then(RawHttpServer.closeWithoutAnswer());
            raw.then(RawHttpServer.respond("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb"));
            client.send(HttpRequest.newBuilder(URI.create(raw.url("/1"))).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> again = client.send(HttpRequest.newBuilder(URI.create(raw.url("/2"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.body()).isEqualTo("b");
            assertThat(raw.requestHeads).hasSize(3);
            assertThat(raw.connectionOfRequest).containsExactly(1, 1, 2);

            raw.then(RawHttpServer.closeWithoutAnswer());
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(raw.url("/ship")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class)
                    .isNotInstanceOf(ConnectException.class);
            // The server records a head before it answers or closes, and send() ends only after that: every request
            // the client sent for it is recorded by now.
            assertThat(raw.requestHeads).hasSize(4);
            assertThat(raw.requestHeads.get(3)).startsWith("POST /ship ");
        }
    }

    /** HttpURLConnection sends such a POST a second time (sun.net.http.retryPost): a second UPS label. */
    @Test
    void aPostOnAFreshConnectionClosedWithoutAnswerIsSentOnce() throws Exception {
        try (RawHttpServer raw = new RawHttpServer()) {
            raw.then(RawHttpServer.closeWithoutAnswer());
            raw.then(RawHttpServer.respond("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"));
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(raw.url("/ship")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
            // Recorded before the server closed, so before send() threw; a second POST would have been sent before.
            assertThat(raw.requestHeads).hasSize(1);
        }
    }

    @Test
    void http10AndCloseDelimitedBodiesAreRead() throws Exception {
        try (RawHttpServer raw = new RawHttpServer()) {
            raw.then((head, body, out) -> {
                out.write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end".getBytes(StandardCharsets.ISO_8859_1));
                return false;
            });
            raw.then(RawHttpServer.respond("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfinal"));
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(raw.url("/old"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("until the end");
            HttpResponse<String> afterInterim = client.send(HttpRequest.newBuilder(URI.create(raw.url("/interim"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(afterInterim.statusCode()).isEqualTo(200);
            assertThat(afterInterim.body()).isEqualTo("final");
            assertThat(raw.connections()).isEqualTo(2);
        }
    }

    @Test
    void concurrentSendsUseSeparateConnections() throws Exception {
        int n = 8;
        // No answer until all eight requests are in: they are in flight at once, on eight connections.
        CountDownLatch allIn = new CountDownLatch(n);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                allIn.countDown();
                return allIn.await(60, TimeUnit.SECONDS) ? new MockResponse().setBody("x")
                        : new MockResponse().setResponseCode(500);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(() -> client.send(HttpRequest.newBuilder(uri("/p")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.getRequestCount()).isEqualTo(n);
        assertThat(client.idleConnections("http://localhost:" + server.getPort()))
                .isEqualTo(PlainHttpClient.MAX_IDLE_PER_DESTINATION);
    }

    @Test
    void sendAsyncCompletesWithTheResponseOrTheFailure() throws Exception {
        server.enqueue(new MockResponse().setBody("async"));
        assertThat(client.sendAsync(HttpRequest.newBuilder(uri("/a")).build(), HttpResponse.BodyHandlers.ofString())
                .get(60, TimeUnit.SECONDS).body()).isEqualTo("async");
        assertThat(client.sendAsync(HttpRequest.newBuilder(URI.create("http://no-such-host.invalid/")).build(),
                HttpResponse.BodyHandlers.ofString())).failsWithin(TIMEOUT)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(ConnectException.class);
    }

    @Test
    void httpsVerifiesTheServerAndReusesTheConnection() throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getResourceAsStream("/http/localhost.p12")) {
            keys.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);

        server.useHttps(serverTls.getSocketFactory(), false);
        server.enqueue(new MockResponse().setBody("secure 1"));
        server.enqueue(new MockResponse().setBody("secure 2"));
        HttpClient tls = PlainHttpClient.builder().sslContext(clientTls).connectTimeout(Duration.ofSeconds(30)).build();
        URI base = URI.create("https://localhost:" + server.getPort());
        HttpResponse<String> first = tls.send(HttpRequest.newBuilder(base.resolve("/1")).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(50);
        HttpResponse<String> second = tls.send(HttpRequest.newBuilder(base.resolve("/2"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.body()).isEqualTo("secure 1");
        assertThat(second.body()).isEqualTo("secure 2");
        assertThat(first.sslSession()).isPresent();
        server.takeRequest();
        RecordedRequest post = server.takeRequest();
        assertThat(post.getSequenceNumber()).isEqualTo(1);
        assertThat(post.getBody().readUtf8()).isEqualTo("{}");

        // The certificate names localhost only: reaching the same server as 127.0.0.1 must fail verification.
        assertThatThrownBy(() -> tls.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.getPort() + "/3"))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        // A client trusting only the default CA set does not accept the self-signed certificate.
        assertThatThrownBy(() -> PlainHttpClient.withConnectTimeout(Duration.ofSeconds(30))
                .send(HttpRequest.newBuilder(base.resolve("/4")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void clientSettingsAreThoseTheConnectorReliesOn() {
        assertThat(client.connectTimeout()).hasValue(Duration.ofSeconds(30));
        assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(client.proxy()).isEmpty();
        assertThat(client.cookieHandler()).isEmpty();
        assertThat(client.authenticator()).isEmpty();
        assertThat(client.executor()).isEmpty();
    }

    /**
     * The JDK client resends every method when this property is set; this client does not read it, so a POST whose
     * kept-alive connection closes without an answer still reaches the server once.
     */
    @Test
    void aJvmThatWouldMakeTheJdkClientResendEveryMethodStillSendsAPostOnce() throws Exception {
        System.setProperty("jdk.httpclient.enableAllMethodRetry", "true");
        try (RawHttpServer raw = new RawHttpServer()) {
            raw.then(RawHttpServer.respond("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"));
            raw.then(RawHttpServer.closeWithoutAnswer());
            raw.then(RawHttpServer.respond("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"));
            client.send(HttpRequest.newBuilder(URI.create(raw.url("/1"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(raw.url("/ship")))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
            assertThat(raw.requestHeads).hasSize(2);
        } finally {
            System.clearProperty("jdk.httpclient.enableAllMethodRetry");
        }
    }

    /** No JDK client behind it: a request an HTTP proxy would carry fails saying so instead of going direct. */
    @Test
    void aRequestForAnHttpProxyFailsSayingSo() {
        PlainHttpClient proxied = PlainHttpClient.builder()
                .proxy(ProxySelector.of(new InetSocketAddress("localhost", server.getPort()))).build();
        assertThatThrownBy(() -> proxied.send(HttpRequest.newBuilder(URI.create("http://epicor.example.invalid/x"))
                .build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("HTTP proxy")
                .hasMessageContaining("epicor.example.invalid");
        assertThat(server.getRequestCount()).isZero();
    }
}
