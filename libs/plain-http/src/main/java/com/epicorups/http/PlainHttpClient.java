package com.epicorups.http;

import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A {@link HttpClient} that speaks plain blocking HTTP/1.1 on the calling thread, for Lambda cold starts: the JDK
 * implementation starts a selector thread, loads some 400 classes and initialises TLS even for http:// URLs
 * (about 240 ms in a fresh JVM); this one loads a handful of classes and touches TLS only for https:// URLs.
 * Callers keep their {@link HttpRequest}/{@link HttpResponse} code.
 *
 * <p>Behaves like a JDK client built with {@code followRedirects(NEVER)} and {@code version(HTTP_1_1)}:
 * <ul>
 * <li>sends the request's method, headers and body as given, plus {@code Host}, {@code Content-Length} (omitted
 * for a GET/HEAD without body) and, unless set, {@code User-Agent: Java-http-client/<java.version>}; no invented
 * {@code Accept}/{@code Content-Type}, no {@code Expect}, no compression;</li>
 * <li>never follows redirects, never retries a request except a GET/HEAD whose reused keep-alive connection turned
 * out to be closed before any response byte (as the JDK client does); a POST is sent at most once;</li>
 * <li>returns every status with its body (401 included) through the caller's {@link HttpResponse.BodyHandler};</li>
 * <li>failures: any failure to open the TCP connection is a {@link ConnectException} (an unknown host is one saying
 * "unknown host NAME", whose root cause is {@link UnknownHostException}); the connect timeout is
 * {@link HttpConnectTimeoutException}.</li>
 * <li>each {@code send} is bounded as a whole by {@link HttpRequest#timeout()}, from the send to the last byte of the
 * body (connect, TLS handshake, response head and body: each socket read gets the time left), and past it fails
 * with {@link HttpTimeoutException} ("request timed out"); the JDK client's own timeout ends at the response head;</li>
 * <li>a response body over the client's cap ({@link Builder#maxResponseBytes}, default
 * {@value #DEFAULT_MAX_RESPONSE_BYTES} bytes) fails with {@link ResponseTooLargeException} before more than the cap
 * is read, and its connection is closed.</li>
 * </ul>
 * A request the {@link ProxySelector} sends through an HTTP proxy fails with a {@link ConnectException} saying so,
 * and {@code expectContinue} is refused: this client connects directly and the connector needs neither.
 *
 * <p>Keep-alive connections are reused per destination (at most {@value #MAX_IDLE_PER_DESTINATION} idle, for at
 * most the server's {@code Keep-Alive: timeout} or {@link #DEFAULT_KEEP_ALIVE}); an idle connection the server
 * has closed is noticed before use. Thread-safe: concurrent sends use separate connections.
 */
public final class PlainHttpClient extends HttpClient {
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);
    /**
     * 32 MiB: above the largest answer the connector expects, a 200-package UPS shipment with its labels in base64
     * (up to about 20 MB with GIF labels of 75 KB, the large end; about 3 MB in ZPL), an Epicor page of 1,000 rows
     * ({@code epicor.pageSize}'s maximum; about 10 MB with every field) or a Quantum View page (UPS splits them at
     * about 150 KB); and small enough for the smallest function (256 MB) to hold as bytes and as a string.
     */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 32L * 1024 * 1024;
    static final int MAX_IDLE_PER_DESTINATION = 5;
    // Hot-path code avoids lambdas and string concatenation: in a fresh JVM each such call site is bootstrapped
    // through java.lang.invoke, which cost more (about 30 ms) than the HTTP exchange itself.
    private static final java.util.function.BiPredicate<String, String> ALL_HEADERS = new AllHeaders();

    private final Duration connectTimeout;
    private final SSLContext sslContext;
    private final ProxySelector proxy;
    private final Executor executor;
    private final long maxResponseBytes;
    private final ConnectionPool pool = new ConnectionPool(MAX_IDLE_PER_DESTINATION);
    private volatile SSLContext resolvedSsl;

    private PlainHttpClient(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.sslContext = b.sslContext;
        this.proxy = b.proxy;
        this.executor = b.executor;
        this.maxResponseBytes = b.maxResponseBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client with a connect timeout and defaults otherwise. */
    public static PlainHttpClient withConnectTimeout(Duration connectTimeout) {
        return builder().connectTimeout(connectTimeout).build();
    }

    /** Settings, mirroring the matching {@link HttpClient.Builder} methods. */
    public static final class Builder {
        private Duration connectTimeout;
        private SSLContext sslContext;
        private ProxySelector proxy;
        private Executor executor;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;

        private Builder() {
        }

        /** The largest response body accepted, in bytes (default {@value #DEFAULT_MAX_RESPONSE_BYTES}). */
        public Builder maxResponseBytes(long bytes) {
            if (bytes <= 0 || bytes > Http1Connection.MAX_BODY) {
                throw new IllegalArgumentException("maxResponseBytes must be between 1 and " + Http1Connection.MAX_BODY
                        + ": " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("connect timeout must be positive: " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /** TLS context for https:// (default: {@link SSLContext#getDefault()}, fetched on the first https call). */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /**
         * Proxy selector (default: {@link ProxySelector#getDefault()}, as the JDK client), asked only so that a
         * request it would send through an HTTP proxy fails instead of silently going direct.
         */
        public Builder proxy(ProxySelector proxy) {
            this.proxy = proxy;
            return this;
        }

        /** Executor for {@code sendAsync} (default: the common pool). */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        public PlainHttpClient build() {
            return new PlainHttpClient(this);
        }
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        try {
            return exchange(request, handler);
        } catch (ClosedByInterruptException e) {
            // The socket channel gave up because the thread was interrupted: report it as the JDK client does.
            Thread.interrupted();
            InterruptedException interrupted = new InterruptedException("interrupted during an HTTP exchange");
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        URI uri = request.uri();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("invalid URI scheme " + uri.getScheme());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("unsupported URI " + uri);
        }
        if (request.expectContinue()) {
            throw new IllegalArgumentException("expectContinue is not supported by PlainHttpClient");
        }
        if (viaHttpProxy(uri)) {
            throw new ConnectException(new StringBuilder(96).append("an HTTP proxy is configured for ")
                    .append(uri.getHost()).append(" and PlainHttpClient connects directly only").toString());
        }
        boolean secure = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        String destination = new StringBuilder(64).append(scheme).append("://")
                .append(uri.getHost().toLowerCase(Locale.ROOT)).append(':').append(port).toString();
        byte[] body = Bodies.collect(request);
        String method = request.method();
        boolean headRequest = method.equals("HEAD");
        byte[] head = RequestHead.bytes(request, uri, secure, port, method, body.length);
        Optional<Duration> timeout = request.timeout();
        long timeoutNanos = timeout.isPresent() ? timeout.get().toNanos() : 0;
        long deadline = timeoutNanos > 0 ? (System.nanoTime() + timeoutNanos) | 1 : 0;
        Http1Connection.Limits limits = new Http1Connection.Limits(deadline, maxResponseBytes, uri.getHost());

        Http1Connection connection = pool.take(destination);
        boolean reused = connection != null;
        if (connection == null) {
            connection = connect(uri, secure, port, destination, deadline);
        }
        Http1Connection.Response raw;
        try {
            raw = exchange(connection, head, body, headRequest, limits);
        } catch (Http1Connection.NothingReceived stale) {
            if (!reused || !(method.equals("GET") || headRequest)) {
                throw (IOException) stale.getCause();
            }
            // The server had closed the idle connection as we sent on it: what the JDK client retries too.
            connection = connect(uri, secure, port, destination, deadline);
            try {
                raw = exchange(connection, head, body, headRequest, limits);
            } catch (Http1Connection.NothingReceived e) {
                throw (IOException) e.getCause();
            }
        }
        if (raw.reusable()) {
            long keepSeconds = raw.keepAliveSeconds() >= 0
                    ? Math.min(raw.keepAliveSeconds(), DEFAULT_KEEP_ALIVE.toSeconds())
                    : DEFAULT_KEEP_ALIVE.toSeconds();
            if (keepSeconds > 0) {
                pool.offer(connection, Duration.ofSeconds(keepSeconds).toNanos());
            } else {
                connection.close();
            }
        } else {
            connection.close();
        }
        HttpHeaders headers = HttpHeaders.of(raw.headers(), ALL_HEADERS);
        HttpResponse.BodySubscriber<T> subscriber = handler.apply(new PlainHttpResponse.Info(raw.status(), headers));
        T converted = Bodies.deliver(subscriber, raw.body());
        return new PlainHttpResponse<>(raw.status(), request, headers, converted,
                Optional.ofNullable(connection.sslSession()));
    }

    /** Runs one exchange; closes the connection on any failure and turns read timeouts into HttpTimeoutException. */
    private static Http1Connection.Response exchange(Http1Connection connection, byte[] head, byte[] body,
                                                     boolean headRequest, Http1Connection.Limits limits)
            throws IOException {
        try {
            return connection.exchange(head, body, headRequest, limits);
        } catch (SocketTimeoutException e) {
            connection.close();
            HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
            timeout.initCause(e);
            throw timeout;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private Http1Connection connect(URI uri, boolean secure, int port, String destination, long deadline)
            throws IOException {
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        long connectMillis = connectTimeout == null ? 0 : Math.max(1, connectTimeout.toMillis());
        boolean requestTimeoutFirst = false;
        if (deadline != 0) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            if (connectMillis == 0 || left < connectMillis) {
                connectMillis = left;
                requestTimeoutFirst = true;
            }
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            ConnectException unknown = new ConnectException("unknown host ".concat(uri.getHost()));
            unknown.initCause(new UnknownHostException(host));
            throw unknown;
        }
        SocketChannel channel = SocketChannel.open();
        Socket socket = channel.socket();
        try {
            socket.connect(address, (int) Math.min(Integer.MAX_VALUE, connectMillis));
        } catch (SocketTimeoutException e) {
            closeQuietly(channel);
            HttpTimeoutException timeout = requestTimeoutFirst ? new HttpTimeoutException("request timed out")
                    : new HttpConnectTimeoutException("HTTP connect timed out");
            timeout.initCause(e);
            throw timeout;
        } catch (ClosedByInterruptException e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw connectFailure(e);
        }
        try {
            socket.setTcpNoDelay(true);
            if (!secure) {
                return new Http1Connection(destination, channel, socket, null);
            }
            SSLSocket tls = (SSLSocket) ssl().getSocketFactory().createSocket(socket, host, port, true);
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(params);
            if (deadline != 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("TLS handshake not started before the deadline");
                }
                tls.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            }
            tls.startHandshake();
            return new Http1Connection(destination, channel, tls, tls);
        } catch (SocketTimeoutException e) {
            closeQuietly(channel);
            HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
            timeout.initCause(e);
            throw timeout;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The JDK client reports every failure to open a connection as a ConnectException: so do we. */
    private static ConnectException connectFailure(Throwable cause) {
        if (cause instanceof ConnectException ce) {
            return ce;
        }
        ConnectException ce = new ConnectException(cause.toString());
        ce.initCause(cause);
        return ce;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    private boolean viaHttpProxy(URI uri) {
        ProxySelector selector = proxy != null ? proxy : ProxySelector.getDefault();
        if (selector == null) {
            return false;
        }
        List<Proxy> proxies = selector.select(uri);
        if (proxies == null) {
            return false;
        }
        // The JDK client uses the first HTTP proxy and ignores other kinds.
        for (Proxy p : proxies) {
            if (p.type() == Proxy.Type.HTTP) {
                return true;
            }
        }
        return false;
    }

    private SSLContext ssl() throws IOException {
        SSLContext c = resolvedSsl;
        if (c == null) {
            try {
                c = sslContext != null ? sslContext : SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IOException("no default TLS context", e);
            }
            resolvedSsl = c;
        }
        return c;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                            HttpResponse.BodyHandler<T> handler) {
        CompletableFuture<HttpResponse<T>> result = new CompletableFuture<>();
        (executor != null ? executor : ForkJoinPool.commonPool()).execute(() -> {
            try {
                result.complete(send(request, handler));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(e);
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** Server push is an HTTP/2 feature: the push handler is never called. */
    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return sendAsync(request, handler);
    }

    /** Closes the idle keep-alive connections; the client stays usable (a later call opens a new connection). */
    @Override
    public void shutdown() {
        pool.closeAll();
    }

    /** The largest response body this client accepts, in bytes. */
    public long maxResponseBytes() {
        return maxResponseBytes;
    }

    /** Idle keep-alive connections held for {@code scheme://host:port} (for tests). */
    int idleConnections(String destination) {
        return pool.idleCount(destination);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return Optional.ofNullable(connectTimeout);
    }

    @Override
    public Redirect followRedirects() {
        return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** The TLS context https:// uses; initialises the default context if nobody has yet. */
    @Override
    public SSLContext sslContext() {
        try {
            return ssl();
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public SSLParameters sslParameters() {
        return sslContext().getDefaultSSLParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return Optional.empty();
    }

    @Override
    public Version version() {
        return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    private static final class AllHeaders implements java.util.function.BiPredicate<String, String> {
        @Override
        public boolean test(String name, String value) {
            return true;
        }
    }
}
