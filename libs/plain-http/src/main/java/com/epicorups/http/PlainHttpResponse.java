package com.epicorups.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** The {@link HttpResponse} that {@link PlainHttpClient} returns: always HTTP/1.1, no redirect history. */
record PlainHttpResponse<T>(int statusCode, HttpRequest request, HttpHeaders headers, T body,
                            Optional<SSLSession> sslSession) implements HttpResponse<T> {

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return request.uri();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }

    @Override
    public String toString() {
        return "(" + request.method() + " " + request.uri() + ") " + statusCode;
    }

    record Info(int statusCode, HttpHeaders headers) implements HttpResponse.ResponseInfo {
        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
