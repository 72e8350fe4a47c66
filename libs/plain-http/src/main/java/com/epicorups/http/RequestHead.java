package com.epicorups.http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The bytes of an HTTP/1.1 request head as {@link PlainHttpClient} writes it. */
final class RequestHead {
    // No lambdas or indy string concatenation here: see PlainHttpClient.
    private static final String USER_AGENT = "Java-http-client/".concat(System.getProperty("java.version"));
    /** Headers this client writes itself; the JDK client refuses them in requests, a custom request may not. */
    private static final Set<String> OWN_HEADERS = caseInsensitive("host", "content-length", "connection",
            "transfer-encoding", "expect", "upgrade", "keep-alive", "te", "trailer");

    private RequestHead() {
    }

    static byte[] bytes(HttpRequest request, URI uri, boolean secure, int port, String method, int bodyLength) {
        StringBuilder h = new StringBuilder(256);
        String path = uri.getRawPath();
        h.append(method).append(' ').append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null) {
            h.append('?').append(uri.getRawQuery());
        }
        h.append(" HTTP/1.1\r\nHost: ").append(uri.getHost());
        if (uri.getPort() > 0 && uri.getPort() != (secure ? 443 : 80)) {
            h.append(':').append(port);
        }
        h.append("\r\n");
        boolean userAgent = false;
        for (Map.Entry<String, List<String>> e : request.headers().map().entrySet()) {
            if (OWN_HEADERS.contains(e.getKey())) {
                continue;
            }
            userAgent |= e.getKey().equalsIgnoreCase("User-Agent");
            for (String value : e.getValue()) {
                h.append(e.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        if (!userAgent) {
            h.append("User-Agent: ").append(USER_AGENT).append("\r\n");
        }
        if (bodyLength > 0 || !(method.equals("GET") || method.equals("HEAD"))) {
            h.append("Content-Length: ").append(bodyLength).append("\r\n");
        }
        h.append("\r\n");
        return h.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(List.of(names));
        return s;
    }
}
