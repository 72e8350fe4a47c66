package com.epicorups.epicor;

import com.epicorups.core.Deadline;
import com.epicorups.core.http.HttpClientFactory;
import com.epicorups.epicor.error.EpicorTransientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place HTTP leaves the Epicor client: applies the read timeout, counts every call (token calls
 * included) and turns I/O failures into {@link EpicorTransientException} with the cause kept, so that
 * {@link EpicorPing} can tell an unknown host from a refused connection.
 */
public final class HttpExchange {
    private final HttpClient http;
    private final Duration readTimeout;
    private final AtomicInteger calls = new AtomicInteger();

    public HttpExchange(HttpClient http, Duration readTimeout) {
        this.http = http;
        this.readTimeout = readTimeout;
    }

    /**
     * The production client ({@link HttpClientFactory}: PlainHttpClient, HTTP/1.1, no redirects).
     */
    public static HttpClient defaultClient(Duration connectTimeout) {
        return HttpClientFactory.create(connectTimeout);
    }

    /** One call with the read timeout, capped by the thread's {@link Deadline} (token calls go this way). */
    public HttpResponse<String> send(HttpRequest.Builder request, String what) {
        Deadline deadline = Deadline.current();
        if (!deadline.allows(EpicorClient.MIN_ATTEMPT)) {
            throw deadline.spent(what, null);
        }
        return send(request, what, deadline.cap(readTimeout));
    }

    /** The configured read timeout, before any deadline caps it. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** One call with {@code timeout} (the read timeout, or less when the invocation's deadline is nearer). */
    public HttpResponse<String> send(HttpRequest.Builder request, String what, Duration timeout) {
        HttpRequest built = request.timeout(timeout).build();
        calls.incrementAndGet();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new EpicorTransientException(0, null, what + ": Epicor did not answer within " + timeout
                    + " (" + e.getMessage() + ")", e);
        } catch (ConnectException e) {
            throw new EpicorTransientException(0, null, what + ": cannot connect to " + built.uri().getHost()
                    + ":" + port(built) + " (" + describe(e) + ")", e);
        } catch (IOException e) {
            Throwable root = rootCause(e);
            String reason = unknownHost(root) ? "unknown host " + built.uri().getHost() : describe(e);
            throw new EpicorTransientException(0, null, what + ": I/O error talking to Epicor (" + reason + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EpicorTransientException(0, null, what + ": interrupted", e);
        }
    }

    public int calls() {
        return calls.get();
    }

    static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    /**
     * A name that does not resolve: PlainHttpClient's root cause is UnknownHostException, the JDK client's (tests
     * use it) UnresolvedAddressException.
     */
    private static boolean unknownHost(Throwable root) {
        return root instanceof UnknownHostException || root instanceof UnresolvedAddressException;
    }

    private static String describe(Throwable e) {
        Throwable root = rootCause(e);
        if (unknownHost(root)) {
            return "unknown host";
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static int port(HttpRequest r) {
        int p = r.uri().getPort();
        return p > 0 ? p : "https".equalsIgnoreCase(r.uri().getScheme()) ? 443 : 80;
    }
}
