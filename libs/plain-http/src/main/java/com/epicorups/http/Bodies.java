package com.epicorups.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;

/** Moves bodies between the java.net.http Flow types and byte arrays. */
final class Bodies {
    private static final byte[] EMPTY = new byte[0];

    private Bodies() {
    }

    /** All bytes of the request's body publisher (empty for none / noBody). */
    static byte[] collect(HttpRequest request) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
        if (publisher == null || publisher.contentLength() == 0) {
            return EMPTY;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(
                publisher.contentLength() > 0 && publisher.contentLength() < Integer.MAX_VALUE
                        ? (int) publisher.contentLength() : 256);
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(bytes.toByteArray());
            }
        });
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw asIOException("request body publisher failed", e.getCause());
        }
    }

    /** Feeds {@code body} to the caller's subscriber (honouring its demand) and waits for the converted body. */
    static <T> T deliver(HttpResponse.BodySubscriber<T> subscriber, byte[] body)
            throws IOException, InterruptedException {
        subscriber.onSubscribe(new Flow.Subscription() {
            private boolean finished;

            @Override
            public void request(long n) {
                if (finished) {
                    return;
                }
                finished = true;
                if (n <= 0) {
                    subscriber.onError(new IllegalArgumentException("non-positive subscription request: " + n));
                    return;
                }
                if (body.length > 0) {
                    subscriber.onNext(List.of(ByteBuffer.wrap(body)));
                }
                subscriber.onComplete();
            }

            @Override
            public void cancel() {
                finished = true;
            }
        });
        try {
            return subscriber.getBody().toCompletableFuture().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw asIOException("response body subscriber failed", cause);
        }
    }

    private static IOException asIOException(String what, Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException(what + ": " + cause, cause);
    }
}
