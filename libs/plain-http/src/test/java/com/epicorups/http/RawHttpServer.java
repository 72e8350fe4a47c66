package com.epicorups.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A socket server whose behaviour per request is scripted byte for byte, for what MockWebServer cannot do:
 * closing a kept-alive connection exactly when the next request arrives, answering HTTP/1.0, and so on.
 * Each accepted connection serves requests until a script step says otherwise.
 */
final class RawHttpServer implements AutoCloseable {
    /** What to do with one received request on a connection. */
    interface Step {
        /** Returns false to close the connection after this step. */
        boolean answer(String requestHead, byte[] body, OutputStream out) throws IOException;
    }

    private final ServerSocket server;
    private final BlockingQueue<Step> steps = new LinkedBlockingQueue<>();
    final List<String> requestHeads = new CopyOnWriteArrayList<>();
    final List<Integer> connectionOfRequest = new CopyOnWriteArrayList<>();
    private volatile int connections;
    private final Semaphore closed = new Semaphore(0);

    RawHttpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "raw-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    void then(Step step) {
        steps.add(step);
    }

    static Step respond(String rawResponse) {
        return (head, body, out) -> {
            out.write(rawResponse.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return true;
        };
    }

    /** Reads the request and closes the connection without answering. */
    static Step closeWithoutAnswer() {
        return (head, body, out) -> false;
    }

    int connections() {
        return connections;
    }

    /** Waits until the server has closed {@code n} more connections; false when it had not within {@code max}. */
    boolean awaitClosedConnections(int n, Duration max) throws InterruptedException {
        return closed.tryAcquire(n, max.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                int id = ++connections;
                Thread t = new Thread(() -> serve(s, id), "raw-http-conn-" + id);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int id) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                int length = contentLength(head);
                byte[] body = in.readNBytes(length);
                requestHeads.add(head);
                connectionOfRequest.add(id);
                Step step = steps.poll(5, TimeUnit.SECONDS);
                if (step == null || !step.answer(head, body, out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // connection gone
        } finally {
            closed.release();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
