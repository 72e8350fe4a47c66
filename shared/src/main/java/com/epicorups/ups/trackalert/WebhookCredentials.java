package com.epicorups.ups.trackalert;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The WebhookSecret: {@code credential} and {@code previousCredential} (Track Alert v1, during rotation),
 * {@code apiKey} (the x-api-key UPS sends with v2) and {@code bearerTokens} (static bearer values accepted
 * with v2 when no API Gateway authorizer validates them). Never printed.
 */
public record WebhookCredentials(String credential, String previousCredential, String apiKey, List<String> bearerTokens) {
    public WebhookCredentials {
        bearerTokens = bearerTokens == null ? List.of() : List.copyOf(bearerTokens);
    }

    public static WebhookCredentials fromJson(JsonNode secret) {
        List<String> bearers = new ArrayList<>();
        for (JsonNode b : secret.path("bearerTokens")) {
            if (!b.asText("").isBlank()) {
                bearers.add(b.asText());
            }
        }
        return new WebhookCredentials(text(secret, "credential"), text(secret, "previousCredential"),
                text(secret, "apiKey"), bearers);
    }

    private static String text(JsonNode n, String field) {
        String v = n.path(field).asText("");
        return v.isBlank() ? null : v;
    }

    @Override
    public String toString() {
        return "WebhookCredentials[credential=" + (credential == null ? "none" : "***") + ", previousCredential="
                + (previousCredential == null ? "none" : "***") + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", bearerTokens=" + bearerTokens.size() + "]";
    }
}
