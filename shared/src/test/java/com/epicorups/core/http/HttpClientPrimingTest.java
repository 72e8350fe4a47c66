package com.epicorups.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.http.PlainHttpClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpClientPrimingTest {

    @Test
    void theProductionClientIsPrimedWithAGetAPostAndA401ReadWithTheirBodies() {
        try (HttpClient client = HttpClientFactory.create(Duration.ofSeconds(30))) {
            assertThat(client).isInstanceOf(PlainHttpClient.class);
            HttpClientPriming.Result result = HttpClientPriming.prime(client);
            assertThat(result.succeeded()).as(result.failure()).isTrue();
            assertThat(result.exchanges()).isEqualTo(3);
        }
    }

    @Test
    void primingTalksToTheLoopbackInterfaceOnly() {
        RecordingSelector selector = new RecordingSelector();
        try (HttpClient client = PlainHttpClient.builder().proxy(selector).build()) {
            assertThat(HttpClientPriming.prime(client).succeeded()).isTrue();
        }
        assertThat(selector.asked).hasSize(3).allSatisfy(uri -> assertThat(uri.getHost()).isEqualTo("127.0.0.1"));
    }

    /** What a SnapStart snapshot taken after init would hold of the priming: no thread of its client or server. */
    @Test
    void primingAtInitLeavesNoThreadOfItsClient() {
        Set<Thread> before = clientThreads();
        HttpClientPriming.Result result = HttpClientFactory.primeAtInit();
        assertThat(result.succeeded()).as(result.failure()).isTrue();
        Set<Thread> after = clientThreads();
        after.removeAll(before);
        assertThat(after).isEmpty();
    }

    /** A function whose priming failed is slower on its first call, not broken: init goes on. */
    @Test
    void aFailedPrimingIsReportedNotThrown() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        // Every request goes to a proxy that is not there.
        ProxySelector nowhere = ProxySelector.of(new InetSocketAddress("127.0.0.1", closedPort));
        try (HttpClient client = HttpClient.newBuilder().proxy(nowhere).connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpClientPriming.Result result = HttpClientPriming.prime(client);
            assertThat(result.succeeded()).isFalse();
            assertThat(result.exchanges()).isZero();
            assertThat(result.failure()).contains("ConnectException");
        }
    }

    /** Threads an HTTP client or the priming server may start (a JDK client's selector and workers), alive now. */
    private static Set<Thread> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().matches("HttpClient-\\d+-.*")
                        || t.getName().startsWith("http-")))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static final class RecordingSelector extends ProxySelector {
        final List<URI> asked = new CopyOnWriteArrayList<>();

        @Override
        public List<Proxy> select(URI uri) {
            asked.add(uri);
            return List.of(Proxy.NO_PROXY);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        }
    }
}
