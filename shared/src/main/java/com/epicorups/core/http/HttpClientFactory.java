package com.epicorups.core.http;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The HTTP client the Epicor and UPS clients use in production, and its priming at init.
 *
 * <p>MEASUREMENT ONLY (issue 15 item 6): {@code CONNECTOR_HTTP_CLIENT=jdk} selects the JDK client (HTTP/1.1, no
 * redirects), anything else {@link PlainHttpClient}, so that both can be measured from one build. The decision
 * removes the switch.
 */
public final class HttpClientFactory {
    private HttpClientFactory() {
    }

    public static HttpClient create(Duration connectTimeout) {
        if ("jdk".equals(System.getenv("CONNECTOR_HTTP_CLIENT"))) {
            return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(connectTimeout).build();
        }
        return PlainHttpClient.withConnectTimeout(connectTimeout);
    }

    /** Primes a throwaway client of the production kind (see {@link HttpClientPriming}) and closes it. */
    public static HttpClientPriming.Result prime() {
        try {
            if ("none".equals(System.getenv("CONNECTOR_HTTP_PRIMING"))) {
                return new HttpClientPriming.Result(0, 0, "not primed");
            }
            try (HttpClient client = create(HttpClientPriming.REQUEST_TIMEOUT)) {
                return HttpClientPriming.prime(client);
            }
        } finally {
            // The A/B harness reads the runtime JVM's CPU time at the end of init from this line.
            System.out.println("HTTP_AB_INIT_CPU_MS=" + ((com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000);
        }
    }
}
