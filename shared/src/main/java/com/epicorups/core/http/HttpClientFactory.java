package com.epicorups.core.http;

import com.epicorups.http.PlainHttpClient;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The HTTP client the Epicor and UPS clients (and the webhook's JWKS fetch) use
 * (docs/decisions/0034-plain-http-client-module.md): {@link PlainHttpClient}, blocking HTTP/1.1 on the calling thread
 * behind the {@code java.net.http} types, following no redirect, sending a POST at most once, with the given connect
 * timeout, each {@code send} bounded as a whole (body included) by its request's timeout, and a response body over
 * {@link PlainHttpClient#DEFAULT_MAX_RESPONSE_BYTES} refused.
 */
public final class HttpClientFactory {
    private HttpClientFactory() {
    }

    public static HttpClient create(Duration connectTimeout) {
        return PlainHttpClient.builder().connectTimeout(connectTimeout).build();
    }

    /**
     * For Lambda's init: primes a throwaway client of the production kind ({@link HttpClientPriming}) and closes it,
     * so that a SnapStart snapshot holds the client's code loaded and no connection (the priming server answers
     * {@code Connection: close}). The client starts no thread.
     */
    public static HttpClientPriming.Result primeAtInit() {
        try (HttpClient client = create(HttpClientPriming.REQUEST_TIMEOUT)) {
            return HttpClientPriming.prime(client);
        }
    }
}
