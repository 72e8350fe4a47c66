package com.epicorups.core.http;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server {@link HttpClientPriming} talks to: HTTP/1.1 on 127.0.0.1 only, one request per connection, answered
 * with {@code Connection: close} so that no client keeps a pooled connection to it. A path ending in
 * {@code /unauthorized} gets a 401 with a JSON body (as Epicor and UPS send), any other path a 200 with one.
 */
final class LoopbackPrimingServer implements Closeable {
    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_BODY = 64 * 1024;
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private final ServerSocket socket;
    private final Thread acceptor;
    private final AtomicInteger answered = new AtomicInteger();

    private LoopbackPrimingServer(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = Thread.ofPlatform().daemon().name("http-priming-server").unstarted(this::serve);
    }

    static LoopbackPrimingServer start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        LoopbackPrimingServer server = new LoopbackPrimingServer(socket);
        server.acceptor.start();
        return server;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    int answered() {
        return answered.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                connection.setSoTimeout(READ_TIMEOUT_MILLIS);
                answer(connection.getInputStream(), connection.getOutputStream());
                answered.incrementAndGet();
            } catch (IOException e) {
                // closed by close(), or a client that gave up: the client side reports what matters
            }
        }
    }

    private static void answer(InputStream in, OutputStream out) throws IOException {
        String head = readHead(in);
        String requestLine = head.substring(0, Math.max(0, head.indexOf("\r\n")));
        String[] parts = requestLine.split(" ");
        String path = parts.length > 1 ? parts[1] : "/";
        in.readNBytes(contentLength(head));
        boolean unauthorized = path.endsWith("/unauthorized");
        byte[] body = (unauthorized ? "{\"response\":{\"errors\":[{\"code\":\"250002\",\"message\":\"Invalid Authentication Information.\"}]}}"
                : "{\"primed\":true}").getBytes(StandardCharsets.UTF_8);
        String status = unauthorized ? "401 Unauthorized" : "200 OK";
        String responseHead = "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(responseHead.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) != -1) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (head.size() > MAX_HEAD) {
                throw new IOException("priming request head too long");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
                try {
                    return Math.min(MAX_BODY, Math.max(0, Integer.parseInt(line.substring(colon + 1).trim())));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to release beyond the socket
        }
        try {
            acceptor.join(READ_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
