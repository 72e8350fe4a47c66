package com.epicorups.http;

import java.io.IOException;

/**
 * A response body larger than the client's cap ({@link PlainHttpClient.Builder#maxResponseBytes}): the exchange is
 * abandoned after reading at most the cap, and its connection closed, never reused.
 */
public final class ResponseTooLargeException extends IOException {
    private final String host;
    private final long capBytes;

    private ResponseTooLargeException(String message, String host, long capBytes) {
        super(message);
        this.host = host;
        this.capBytes = capBytes;
    }

    /** The server announced a body over the cap (Content-Length): nothing of it was read. */
    static ResponseTooLargeException declared(Http1Connection.Limits limits, long length) {
        return new ResponseTooLargeException(new StringBuilder(128).append("response body from ")
                .append(limits.host()).append(" is ").append(length).append(" bytes, over the cap of ")
                .append(limits.maxBodyBytes()).append(" bytes").toString(), limits.host(), limits.maxBodyBytes());
    }

    /** A chunked or close-delimited body passed the cap while it was read. */
    static ResponseTooLargeException read(Http1Connection.Limits limits) {
        return new ResponseTooLargeException(new StringBuilder(128).append("response body from ")
                .append(limits.host()).append(" is over the cap of ").append(limits.maxBodyBytes())
                .append(" bytes").toString(), limits.host(), limits.maxBodyBytes());
    }

    /** The host whose answer was refused. */
    public String host() {
        return host;
    }

    /** The cap it passed, in bytes. */
    public long capBytes() {
        return capBytes;
    }
}
