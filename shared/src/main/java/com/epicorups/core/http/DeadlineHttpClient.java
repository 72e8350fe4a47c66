package com.epicorups.core.http;

import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.ProtocolException;
import java.net.ProxySelector;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@link HttpClient} whose {@link #send} is bounded as a whole, from the send until the last byte of the body
 * has been read, by the request's {@link HttpRequest#timeout()}: the JDK client's own timeout ends when the response
 * head has arrived, so a server that stalls in the middle of a body would hold the call until Lambda's timeout.
 * Past the deadline the exchange is cancelled and the caller gets {@link HttpTimeoutException} ("request timed
 * out", as from the JDK client). Failures keep the types the JDK client's {@code send} throws (an unknown host is a
 * {@link ConnectException} saying so). Everything else,
 * {@code sendAsync} included, goes to the JDK client unchanged.
 */
final class DeadlineHttpClient extends HttpClient {
    private final HttpClient jdk;

    DeadlineHttpClient(HttpClient jdk) {
        this.jdk = jdk;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Optional<Duration> timeout = request.timeout();
        CompletableFuture<HttpResponse<T>> response = jdk.sendAsync(request, handler);
        try {
            return timeout.isPresent() ? response.get(timeout.get().toNanos(), TimeUnit.NANOSECONDS) : response.get();
        } catch (TimeoutException e) {
            response.cancel(true);
            HttpTimeoutException timedOut = new HttpTimeoutException("request timed out");
            timedOut.initCause(e);
            throw timedOut;
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw rethrown(request, e.getCause());
        }
    }

    /**
     * The failure as the JDK client's {@code send} throws it: of the same type, with the caller's stack and the
     * original (from the client's own threads) as its cause. A connection that could not be opened gets a message
     * saying why (the JDK client's has none): "unknown host NAME" when the name did not resolve, else the reason.
     */
    private static IOException rethrown(HttpRequest request, Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        String message = failure.getMessage();
        IOException same;
        if (failure instanceof HttpConnectTimeoutException) {
            same = new HttpConnectTimeoutException(message);
        } else if (failure instanceof HttpTimeoutException) {
            same = new HttpTimeoutException(message);
        } else if (failure instanceof ConnectException) {
            same = new ConnectException(connectFailure(request, failure));
        } else if (failure instanceof SSLHandshakeException) {
            same = new SSLHandshakeException(message);
        } else if (failure instanceof SSLException) {
            same = new SSLException(message);
        } else if (failure instanceof ProtocolException) {
            same = new ProtocolException(message);
        } else {
            same = new IOException(message);
        }
        same.initCause(failure);
        return same;
    }

    private static String connectFailure(HttpRequest request, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnresolvedAddressException || root instanceof UnknownHostException) {
            return "unknown host " + request.uri().getHost();
        }
        String reason = failure.getMessage() != null ? failure.getMessage() : root.getMessage();
        return reason != null ? reason : root.getClass().getSimpleName();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return jdk.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return jdk.sendAsync(request, handler, pushPromiseHandler);
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return jdk.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return jdk.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return jdk.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return jdk.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return jdk.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return jdk.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return jdk.authenticator();
    }

    @Override
    public Version version() {
        return jdk.version();
    }

    @Override
    public Optional<Executor> executor() {
        return jdk.executor();
    }

    @Override
    public void shutdown() {
        jdk.shutdown();
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        return jdk.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        return jdk.isTerminated();
    }

    @Override
    public void shutdownNow() {
        jdk.shutdownNow();
    }

    @Override
    public void close() {
        jdk.close();
    }
}
