package com.epicorups.cli.bench;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * MEASUREMENT ONLY (issue 15 item 6): two experiments on PlainHttpClient and the JDK client in fresh child JVMs
 * ({@link HttpClientExperimentChild}), the variants interleaved.
 * <ul>
 * <li>{@code freeze RUNS}: a Lambda freeze between invocations. The child pools a keep-alive connection, is stopped
 * (SIGSTOP, as Lambda freezes an idle execution environment), the server closes the connection meanwhile, the
 * child is resumed (SIGCONT) and POSTs at once. Counts how often the POST failed and how often the server received
 * it (it must never receive it twice).</li>
 * <li>{@code tls RUNS}: the first https GET and POST after the same priming as the functions', against a local
 * https server with a self-signed certificate the child trusts through javax.net.ssl.trustStore.</li>
 * </ul>
 * <pre>java -cp connector-cli.jar com.epicorups.cli.bench.HttpClientExperiments freeze|tls RUNS [JIT: default|c1]</pre>
 */
public final class HttpClientExperiments {
    private HttpClientExperiments() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[1]);
        String jit = args.length > 2 ? args[2] : "default";
        Path root = Path.of("").toAbsolutePath();
        Path work = root.resolve("bench-output").resolve("http-experiments");
        Files.createDirectories(work);
        Path launcher = extract(work);
        String classpath = ChildJvm.classpath(List.of(root.resolve("functions/order-poller/target/order-poller.jar"),
                launcher));
        if (args[0].equals("freeze")) {
            freeze(runs, classpath, jit);
        } else {
            tls(runs, classpath, jit, work);
        }
        System.exit(0);
    }

    private static List<String> jvmOptions(String jit) {
        List<String> options = new ArrayList<>();
        if (jit.equals("c1")) {
            options.addAll(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        }
        options.addAll(List.of("-XX:+UseSerialGC", "-XX:MaxRAM=1024m", "-Xshare:auto"));
        return options;
    }

    private static void freeze(int runs, String classpath, String jit) throws Exception {
        for (int i = 0; i < runs; i++) {
            for (String variant : i % 2 == 0 ? List.of("plain", "jdk") : List.of("jdk", "plain")) {
                try (KeepAliveServer server = KeepAliveServer.start()) {
                    List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable()));
                    command.addAll(jvmOptions(jit));
                    command.addAll(List.of("-cp", classpath, HttpClientExperimentChild.class.getName(), "freeze",
                            "http://127.0.0.1:" + server.port()));
                    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
                    pb.environment().put("CONNECTOR_HTTP_CLIENT", variant);
                    pb.environment().put("LOG_LEVEL", "WARN");
                    Process child = pb.start();
                    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
                    String line;
                    while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                        // the child's log lines
                    }
                    signal("STOP", child.pid());
                    server.closeAll();
                    Thread.sleep(300);
                    signal("CONT", child.pid());
                    OutputStream in = child.getOutputStream();
                    in.write("go\n".getBytes(StandardCharsets.US_ASCII));
                    in.flush();
                    String result = "no result";
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("RESULT")) {
                            result = line;
                        }
                    }
                    child.waitFor(30, TimeUnit.SECONDS);
                    Thread.sleep(200);
                    System.out.println("FREEZE\t" + i + "\t" + variant + "\t" + server.posts() + " POST received\t"
                            + server.connections() + " connections\t" + result);
                }
            }
        }
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
    }

    private static void tls(int runs, String classpath, String jit, Path work) throws Exception {
        Path keystore = work.resolve("tls.p12");
        Files.deleteIfExists(keystore);
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "local", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .inheritIO().start().waitFor();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            // Run -1 only warms the server's own TLS code up (its first handshake would count against run 0).
            for (int i = -1; i < runs; i++) {
                for (String variant : i % 2 == 0 ? List.of("plain", "jdk") : List.of("jdk", "plain")) {
                    List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable()));
                    command.addAll(jvmOptions(jit));
                    command.addAll(List.of("-Djavax.net.ssl.trustStore=" + keystore,
                            "-Djavax.net.ssl.trustStorePassword=changeit", "-Djavax.net.ssl.trustStoreType=PKCS12",
                            "-cp", classpath, HttpClientExperimentChild.class.getName(), "tls",
                            "https://localhost:" + server.getAddress().getPort()));
                    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
                    pb.environment().put("CONNECTOR_HTTP_CLIENT", variant);
                    pb.environment().put("LOG_LEVEL", "WARN");
                    Process child = pb.start();
                    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    child.waitFor(60, TimeUnit.SECONDS);
                    String result = output.lines().filter(l -> l.startsWith("TLS ")).findFirst()
                            .orElse("FAILED " + output.replace('\n', ' '));
                    System.out.println("TLS\t" + i + "\t" + variant + "\t" + jit + "\t" + result + "\t" + load());
                }
            }
        } finally {
            server.stop(0);
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "";
        }
    }

    private static Path extract(Path work) throws IOException {
        Path dir = work.resolve("launcher");
        String resource = HttpClientExperimentChild.class.getName().replace('.', '/') + ".class";
        try (InputStream in = HttpClientExperiments.class.getClassLoader().getResourceAsStream(resource)) {
            Path target = dir.resolve(resource);
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
        }
        return dir;
    }

    /** Keep-alive HTTP/1.1 on 127.0.0.1: answers every request 200 and keeps the connection until closeAll. */
    private static final class KeepAliveServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final AtomicInteger posts = new AtomicInteger();
        private final AtomicInteger connections = new AtomicInteger();

        private KeepAliveServer(ServerSocket socket) {
            this.socket = socket;
            Thread.ofPlatform().daemon().start(this::accept);
        }

        static KeepAliveServer start() throws IOException {
            return new KeepAliveServer(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()));
        }

        int port() {
            return socket.getLocalPort();
        }

        int posts() {
            return posts.get();
        }

        int connections() {
            return connections.get();
        }

        void closeAll() throws IOException {
            for (Socket s : open) {
                s.close();
            }
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    open.add(s);
                    Thread.ofPlatform().daemon().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                while (true) {
                    String head = head(in);
                    if (head == null) {
                        return;
                    }
                    int length = 0;
                    for (String l : head.split("\r\n")) {
                        if (l.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(l.substring(15).trim());
                        }
                    }
                    in.readNBytes(length);
                    if (head.startsWith("POST")) {
                        posts.incrementAndGet();
                    }
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                            + "Keep-Alive: timeout=600\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException e) {
                // closed by closeAll or by the client
            }
        }

        private static String head(InputStream in) throws IOException {
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

        @Override
        public void close() throws IOException {
            socket.close();
            closeAll();
        }
    }
}
