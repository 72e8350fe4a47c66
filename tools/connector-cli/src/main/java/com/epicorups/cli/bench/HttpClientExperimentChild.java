package com.epicorups.cli.bench;

import com.epicorups.core.http.HttpClientFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * MEASUREMENT ONLY (issue 15 item 6, {@link HttpClientExperiments}): the child JVM of one experiment, on the
 * classpath after a function jar; {@code CONNECTOR_HTTP_CLIENT} picks the client as in production.
 * <ul>
 * <li>{@code freeze BASE}: GET BASE/warm (a keep-alive connection goes to the pool), print READY, wait for a line on
 * stdin (the parent stops this process meanwhile and the server closes the connection), then POST BASE/ship at once
 * and print its outcome.</li>
 * <li>{@code tls BASE}: prime at init as the functions do, then time the first GET and the first POST to the https
 * BASE (wall and process CPU), as a function's first Epicor or UPS call after a restore.</li>
 * </ul>
 */
public final class HttpClientExperimentChild {
    private HttpClientExperimentChild() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[1];
        if (args[0].equals("freeze")) {
            HttpClient client = HttpClientFactory.create(Duration.ofSeconds(5));
            HttpResponse<String> warm = client.send(HttpRequest.newBuilder(URI.create(base + "/warm"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("READY " + warm.statusCode());
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in)).readLine();
            try {
                HttpResponse<String> shipped = client.send(HttpRequest.newBuilder(URI.create(base + "/ship"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"ship\":1}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                System.out.println("RESULT " + shipped.statusCode());
            } catch (Exception e) {
                System.out.println("RESULT " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        } else {
            HttpClientFactory.prime();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long wall = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            HttpClient client = HttpClientFactory.create(Duration.ofSeconds(10));
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(base + "/get"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            long getWall = System.nanoTime();
            long getCpu = os.getProcessCpuTime();
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/post"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ship\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            long postWall = System.nanoTime();
            long postCpu = os.getProcessCpuTime();
            System.out.println("TLS " + get.statusCode() + " " + post.statusCode() + " " + (getWall - wall) / 1_000_000
                    + " " + (getCpu - cpu) / 1_000_000 + " " + (postWall - getWall) / 1_000_000 + " "
                    + (postCpu - getCpu) / 1_000_000);
        }
        System.out.flush();
        System.exit(0);
    }
}
