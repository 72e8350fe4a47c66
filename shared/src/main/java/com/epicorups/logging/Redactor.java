package com.epicorups.logging;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks registered secret values wherever they occur in a text. Every line the {@link JsonLogger} writes
 * passes through the global instance, so a secret that reaches a log message, a key/value or an exception
 * text is printed as {@value #MASK}. Register each secret as soon as it is read (passwords, client secrets,
 * API keys, tokens, webhook credentials).
 */
public final class Redactor {
    public static final String MASK = "***";

    private static final Redactor GLOBAL = new Redactor();

    /** Longest first, so a secret containing another is masked whole. Replaced, never mutated. */
    private volatile List<String> secrets = List.of();

    public static Redactor global() {
        return GLOBAL;
    }

    /**
     * Registers a secret and the forms it takes inside a JSON string, a URL-encoded form and a Basic auth
     * header. Null or blank values are ignored (there is nothing to hide).
     */
    public synchronized void register(String secret) {
        if (secret == null || secret.isBlank() || secrets.contains(secret)) {
            return;
        }
        Set<String> forms = new LinkedHashSet<>(secrets);
        forms.add(secret);
        forms.add(jsonEscaped(secret));
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        List<String> sorted = new ArrayList<>(forms);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        secrets = List.copyOf(sorted);
    }

    /** Registers {@code user:password} as a Basic auth credential, including its Base64 form. */
    public void registerBasicCredentials(String user, String password) {
        register(password);
        if (user != null && password != null && !password.isBlank()) {
            register(Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<String> current = secrets;
        String result = text;
        for (String secret : current) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    /** Forgets every secret (tests only: production registers for the life of the container). */
    public synchronized void clear() {
        secrets = List.of();
    }

    private static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
