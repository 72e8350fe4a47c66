package com.epicorups.core.http;

import com.epicorups.config.ConfigException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The HTTP client the Epicor and UPS clients use (docs/decisions/0024-http-client.md): the JDK's {@link HttpClient} speaking HTTP/1.1,
 * following no redirect, with no authenticator (a 401 comes back with its body), the given connect timeout, and
 * each {@code send} bounded as a whole by its request's timeout ({@link DeadlineHttpClient}).
 *
 * <p>A request is sent a second time by the JDK client only when it cannot have reached the server (the connection
 * could not be opened), or when it is a GET or HEAD whose kept-alive connection closed before any byte of the
 * answer. A POST, PUT, PATCH or DELETE is never sent again (JDK 25, {@code jdk.internal.net.http.MultiExchange}),
 * unless the system property {@value #RETRY_EVERY_METHOD} says otherwise, which {@link #create} refuses: a second
 * ship POST is a second paid UPS label.
 */
public final class HttpClientFactory {
    static final String RETRY_EVERY_METHOD = "jdk.httpclient.enableAllMethodRetry";
    /** The threads of the priming client's executor ({@link #primeAtInit}) are named PRIMING_THREADS + n. */
    static final String PRIMING_THREADS = "http-priming-";

    private HttpClientFactory() {
    }

    public static HttpClient create(Duration connectTimeout) {
        return builder(connectTimeout).build();
    }

    /** With the TLS context {@code https://} uses instead of the JVM's default. */
    static HttpClient create(Duration connectTimeout, SSLContext tls) {
        return builder(connectTimeout).sslContext(tls).build();
    }

    /**
     * For Lambda's init: primes a throwaway client of the production kind ({@link HttpClientPriming}), then closes it
     * and waits for its threads to end, so that a SnapStart snapshot holds the client's code loaded but none of its
     * connections or threads. Its executor is its own only so that the wait is certain: the JDK client's default
     * executor lets its threads end after close() has returned.
     */
    public static HttpClientPriming.Result primeAtInit() {
        ThreadFactory named = Thread.ofPlatform().daemon().name(PRIMING_THREADS, 1).factory();
        List<Thread> started = new CopyOnWriteArrayList<>();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = named.newThread(task);
            started.add(thread);
            return thread;
        });
        try (HttpClient client = builder(HttpClientPriming.REQUEST_TIMEOUT).executor(executor).build()) {
            return HttpClientPriming.prime(client);
        } finally {
            executor.shutdown();
            try {
                long waitMillis = HttpClientPriming.REQUEST_TIMEOUT.toMillis();
                executor.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
                // A pool is terminated once its workers have left it, a moment before their threads end.
                for (Thread thread : started) {
                    thread.join(waitMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Builder builder(Duration connectTimeout) {
        refuseRetryOfEveryMethod();
        return new Builder(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout));
    }

    /** The JDK builder with the production settings, building the deadline-bound client. */
    private record Builder(HttpClient.Builder jdk) {
        Builder sslContext(SSLContext tls) {
            jdk.sslContext(tls);
            return this;
        }

        Builder executor(ExecutorService executor) {
            jdk.executor(executor);
            return this;
        }

        HttpClient build() {
            return new DeadlineHttpClient(jdk.build());
        }
    }

    private static void refuseRetryOfEveryMethod() {
        // Read as the JDK client reads it: set without a value, or to true, it resends every method.
        String value = System.getProperty(RETRY_EVERY_METHOD);
        if (value != null && (value.isEmpty() || Boolean.parseBoolean(value))) {
            throw new ConfigException(List.of("the JVM property " + RETRY_EVERY_METHOD + " is set (" + value
                    + "): the JDK HTTP client would send a POST again after its connection dropped, and a UPS ship"
                    + " POST sent twice is a second paid label; remove it (JAVA_TOOL_OPTIONS)"));
        }
    }
}
