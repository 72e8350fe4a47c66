package com.epicorups.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 connection (plain or TLS) and the wire format of one exchange on it: writes a request head and
 * body in one write, reads the status line, headers and the whole body (Content-Length, chunked or
 * until close), and says whether the connection may carry another request.
 */
final class Http1Connection implements Closeable {
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADER_LINES = 500;
    /** The most a byte array holds: the upper bound of any cap. */
    static final long MAX_BODY = Integer.MAX_VALUE - 16;

    /**
     * What bounds one exchange: {@code deadlineNanos} ({@link System#nanoTime()}; 0 = none) ends it as a whole,
     * response head and body; a body over {@code maxBodyBytes} ends it with {@link ResponseTooLargeException}
     * naming {@code host}.
     */
    record Limits(long deadlineNanos, long maxBodyBytes, String host) {
    }

    /** The raw response of one exchange. {@code headers} keys keep the server's spelling. */
    record Response(int status, Map<String, List<String>> headers, byte[] body, boolean reusable,
                    long keepAliveSeconds) {
    }

    /** A failure before the first byte of the response arrived (the request may not have been processed). */
    static final class NothingReceived extends IOException {
        NothingReceived(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    final String destination;
    private final SocketChannel channel;
    private final Socket socket;
    private final SSLSocket tls;
    private final TimedInput timed;
    private final BufferedInputStream in;
    private final OutputStream out;
    private long idleSince;
    private long reuseUntil;

    Http1Connection(String destination, SocketChannel channel, Socket socket, SSLSocket tls) throws IOException {
        this.destination = destination;
        this.channel = channel;
        this.socket = socket;
        this.tls = tls;
        this.timed = new TimedInput(socket, socket.getInputStream());
        this.in = new BufferedInputStream(timed, 16 * 1024);
        this.out = socket.getOutputStream();
    }

    SSLSession sslSession() {
        return tls == null ? null : tls.getSession();
    }

    void markIdle(long nowNanos, long keepNanos) {
        idleSince = nowNanos;
        reuseUntil = nowNanos + keepNanos;
    }

    boolean expired(long nowNanos) {
        return nowNanos - reuseUntil >= 0;
    }

    /**
     * Whether the server has not closed this idle connection: a non-blocking read on the raw channel returns 0
     * bytes. Anything else (end of stream, a TLS close_notify, stray bytes) means the connection is not reused.
     * The read consumes nothing when the answer is yes.
     */
    boolean stillOpen() {
        try {
            if (in.available() > 0) {
                return false;
            }
            channel.configureBlocking(false);
            try {
                return channel.read(ByteBuffer.allocate(1)) == 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Sends the request and reads the whole response within {@code limits}: every socket read waits at most until
     * the deadline. The caller closes the connection on any failure.
     */
    Response exchange(byte[] head, byte[] body, boolean headRequest, Limits limits) throws IOException {
        timed.deadline(limits.deadlineNanos());
        try {
            byte[] wire = body.length == 0 ? head : concat(head, body);
            out.write(wire);
            out.flush();
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            throw new NothingReceived(e);
        }
        int status;
        Map<String, List<String>> headers;
        String version;
        while (true) {
            String statusLine;
            try {
                statusLine = readLine(true);
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                throw new NothingReceived(e);
            }
            if (statusLine == null) {
                throw new NothingReceived(new EOFException(
                        "connection closed by the server before any response (HTTP/1.1 header parser received no bytes)"));
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
                throw new IOException("invalid HTTP status line: " + brief(statusLine));
            }
            version = parts[0];
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("invalid HTTP status line: " + brief(statusLine));
            }
            headers = readHeaders();
            // Interim answers (100 Continue, 103 Early Hints) precede the real one; 101 would switch protocols.
            if (status < 100 || status == 101) {
                throw new IOException("unexpected HTTP status " + status);
            }
            if (status >= 200) {
                break;
            }
        }
        boolean close = hasToken(headers, "Connection", "close")
                || (version.equals("HTTP/1.0") && !hasToken(headers, "Connection", "keep-alive"));
        byte[] responseBody;
        if (headRequest || status == 204 || status == 304) {
            responseBody = new byte[0];
        } else if (headers.containsKey("Transfer-Encoding")) {
            if (!lastTokenIs(headers.get("Transfer-Encoding"), "chunked")) {
                responseBody = readToEnd(limits);
                close = true;
            } else {
                responseBody = readChunked(limits);
            }
        } else if (headers.containsKey("Content-Length")) {
            long length = contentLength(headers.get("Content-Length"));
            if (length > limits.maxBodyBytes()) {
                throw ResponseTooLargeException.declared(limits, length);
            }
            responseBody = readExactly(length);
        } else {
            responseBody = readToEnd(limits);
            close = true;
        }
        return new Response(status, headers, responseBody, !close, keepAliveSeconds(headers));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private Map<String, List<String>> readHeaders() throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int n = 0; ; n++) {
            if (n > MAX_HEADER_LINES) {
                throw new IOException("too many response header lines");
            }
            String line = readLine(false);
            if (line == null) {
                throw new EOFException("connection closed in the middle of the response headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("invalid HTTP header line: " + brief(line));
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            List<String> values = headers.get(name);
            if (values == null) {
                values = new ArrayList<>(1);
                headers.put(name, values);
            }
            values.add(value);
        }
    }

    private byte[] readChunked(Limits limits) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(false);
            if (sizeLine == null) {
                throw new EOFException("connection closed in the middle of a chunked response body");
            }
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("invalid chunk size: " + brief(sizeLine));
            }
            if (size < 0) {
                throw new IOException("invalid chunk size: " + brief(sizeLine));
            }
            if (body.size() + size > limits.maxBodyBytes()) {
                throw ResponseTooLargeException.read(limits);
            }
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(false);
                } while (trailer != null && !trailer.isEmpty());
                return body.toByteArray();
            }
            body.write(readExactly(size));
            String end = readLine(false);
            if (end == null || !end.isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
    }

    private byte[] readExactly(long length) throws IOException {
        if (length > MAX_BODY) {
            throw new IOException("response body too large: " + length + " bytes");
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new EOFException("connection closed after " + bytes.length + " of " + length + " response body bytes");
        }
        return bytes;
    }

    /** The body up to the end of the stream, failing as soon as it passes the cap. */
    private byte[] readToEnd(Limits limits) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(MAX_BODY, limits.maxBodyBytes() + 1));
        if (bytes.length > limits.maxBodyBytes()) {
            throw ResponseTooLargeException.read(limits);
        }
        return bytes;
    }

    /** A line without its CRLF (a bare LF is accepted); null at end of stream before any byte. */
    private String readLine(boolean first) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new IOException("response line longer than " + MAX_LINE + " bytes");
            }
        }
        if (line.size() == 0) {
            return null;
        }
        throw new EOFException("connection closed in the middle of a response line");
    }

    private static long contentLength(List<String> values) throws IOException {
        long length = -1;
        for (String v : values) {
            for (String part : v.split(",")) {
                long l;
                try {
                    l = Long.parseLong(part.trim());
                } catch (NumberFormatException e) {
                    throw new IOException("invalid Content-Length: " + brief(v));
                }
                if (l < 0 || (length >= 0 && l != length)) {
                    throw new IOException("invalid Content-Length: " + brief(v));
                }
                length = l;
            }
        }
        return length;
    }

    private static long keepAliveSeconds(Map<String, List<String>> headers) {
        List<String> values = headers.get("Keep-Alive");
        if (values == null) {
            return -1;
        }
        for (String v : values) {
            for (String param : v.split(",")) {
                String p = param.trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("timeout=")) {
                    try {
                        return Long.parseLong(p.substring("timeout=".length()).trim());
                    } catch (NumberFormatException e) {
                        return -1;
                    }
                }
            }
        }
        return -1;
    }

    private static boolean hasToken(Map<String, List<String>> headers, String name, String token) {
        List<String> values = headers.get(name);
        if (values == null) {
            return false;
        }
        for (String v : values) {
            for (String t : v.split(",")) {
                if (t.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean lastTokenIs(List<String> values, String token) {
        String last = values.get(values.size() - 1);
        String[] tokens = last.split(",");
        return tokens[tokens.length - 1].trim().equalsIgnoreCase(token);
    }

    private static String brief(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do: the connection is being thrown away
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // as above
        }
    }

    /**
     * Sets the socket read timeout before every read to the time left until the exchange's deadline (none when
     * the request has no timeout), so that the response head and body together end by the deadline.
     */
    private static final class TimedInput extends InputStream {
        private final Socket socket;
        private final InputStream raw;
        private long deadlineNanos;
        private int current = -1;

        TimedInput(Socket socket, InputStream raw) {
            this.socket = socket;
            this.raw = raw;
        }

        void deadline(long nanos) {
            deadlineNanos = nanos;
        }

        private void arm() throws IOException {
            int timeout = 0;
            if (deadlineNanos != 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("Read timed out");
                }
                timeout = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
            }
            if (timeout != current) {
                socket.setSoTimeout(timeout);
                current = timeout;
            }
        }

        @Override
        public int read() throws IOException {
            arm();
            return raw.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return raw.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return raw.available();
        }
    }
}
