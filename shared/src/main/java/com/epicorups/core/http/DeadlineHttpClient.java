package com.epicorups.core.http;

import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@link HttpClient} whose {@link #send} is bounded as a whole, from the send until the last byte of the body
 * has been read, by the request's {@link HttpRequest#timeout()}: the JDK client's own timeout ends when the response
 * head has arrived, so a server that stalls in the middle of a body would hold the call until Lambda's timeout.
 * Past the deadline the body is abandoned, the exchange cancelled, and the caller gets {@link HttpTimeoutException}
 * ("request timed out", as from the JDK client).
 *
 * <p>The call is the JDK client's own synchronous {@code send}, with the body's subscriber bounded by the deadline.
 * Not {@code sendAsync} and a wait: the JDK completes {@code sendAsync}'s future through the common ForkJoinPool,
 * so while that pool's threads are all blocked (one thread on a two-core machine; work that blocks in it anywhere in
 * the JVM) every call waited out its whole timeout although the answer had arrived. Failures keep the types the JDK
 * client's {@code send} throws; an unknown host is a {@link ConnectException} saying so. Everything else,
 * {@code sendAsync} included, goes to the JDK client unchanged.
 */
final class DeadlineHttpClient extends HttpClient {
    /** Ends overdue bodies; its one thread ends when no call is waiting. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final HttpClient jdk;

    DeadlineHttpClient(HttpClient jdk) {
        this.jdk = jdk;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        Optional<Duration> timeout = request.timeout();
        HttpResponse.BodyHandler<T> bounded = handler;
        if (timeout.isPresent()) {
            long deadline = System.nanoTime() + timeout.get().toNanos();
            bounded = info -> new BodyWithDeadline<>(handler.apply(info), deadline);
        }
        try {
            return jdk.send(request, bounded);
        } catch (ConnectException e) {
            ConnectException said = new ConnectException(connectFailure(request, e));
            said.initCause(e);
            throw said;
        }
    }

    /**
     * The caller's body subscriber, failed with "request timed out" if the body is still arriving at the deadline;
     * the subscription is then cancelled, which ends the exchange and closes its connection.
     */
    private static final class BodyWithDeadline<T> implements HttpResponse.BodySubscriber<T> {
        private final HttpResponse.BodySubscriber<T> body;
        private final long deadline;
        private final CompletableFuture<T> result = new CompletableFuture<>();

        BodyWithDeadline(HttpResponse.BodySubscriber<T> body, long deadline) {
            this.body = body;
            this.deadline = deadline;
            body.getBody().whenComplete((value, failure) -> {
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        }

        @Override
        public CompletionStage<T> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            body.onSubscribe(subscription);
            ScheduledFuture<?> overdue = DEADLINES.schedule(() -> {
                if (result.completeExceptionally(new HttpTimeoutException("request timed out"))) {
                    subscription.cancel();
                }
            }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            result.whenComplete((value, failure) -> overdue.cancel(false));
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            body.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            body.onError(throwable);
        }

        @Override
        public void onComplete() {
            body.onComplete();
        }
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("http-deadline").factory());
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(10, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** Why a connection could not be opened (the JDK client's message is empty): "unknown host NAME", else the reason. */
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
