package com.epicorups.ups.trackalert;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The WebhookSecret: {@code credential} and {@code previousCredential} (Track Alert v1, during rotation),
 * {@code apiKey} (the x-api-key UPS sends with v2), {@code bearerTokens} (static bearer values accepted
 * with v2) and, when {@code jwtIssuer} is set, how v2 bearer JWTs from the customer's OAuth server are
 * validated ({@code jwtAudience}, {@code jwtClientId}, {@code jwksUrl} or {@code jwks}, {@code jwtLeewaySeconds}). Never printed.
 */
public record WebhookCredentials(String credential, String previousCredential, String apiKey, List<String> bearerTokens,
                                 JwtSettings jwt) {
    public WebhookCredentials {
        bearerTokens = bearerTokens == null ? List.of() : List.copyOf(bearerTokens);
    }

    /** Static values only (no JWT validation). */
    public WebhookCredentials(String credential, String previousCredential, String apiKey, List<String> bearerTokens) {
        this(credential, previousCredential, apiKey, bearerTokens, null);
    }

    /** @throws IllegalArgumentException naming the WebhookSecret key when the JWT keys are inconsistent */
    public static WebhookCredentials fromJson(JsonNode secret) {
        List<String> bearers = new ArrayList<>();
        for (JsonNode b : secret.path("bearerTokens")) {
            if (!b.asText("").isBlank()) {
                bearers.add(b.asText());
            }
        }
        return new WebhookCredentials(text(secret, "credential"), text(secret, "previousCredential"),
                text(secret, "apiKey"), bearers, jwtSettings(secret));
    }

    private static JwtSettings jwtSettings(JsonNode secret) {
        String issuer = text(secret, "jwtIssuer");
        String jwksUrl = text(secret, "jwksUrl");
        JsonNode jwks = secret.get("jwks");
        boolean hasJwks = jwks != null && !jwks.isNull() && !(jwks.isTextual() && jwks.asText().isBlank());
        if (issuer == null) {
            if (jwksUrl != null || hasJwks || text(secret, "jwtAudience") != null || text(secret, "jwtClientId") != null) {
                throw new IllegalArgumentException(
                        "WebhookSecret 'jwtIssuer' is required with jwtAudience, jwtClientId, jwksUrl or jwks");
            }
            return null;
        }
        if ((jwksUrl != null) == hasJwks) {
            throw new IllegalArgumentException("WebhookSecret needs exactly one of 'jwksUrl' or 'jwks' with jwtIssuer");
        }
        URI url = null;
        if (jwksUrl != null) {
            try {
                url = URI.create(jwksUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("WebhookSecret 'jwksUrl' is not a URL");
            }
            if (!"https".equalsIgnoreCase(url.getScheme()) && !isLoopbackHttp(url) || url.getHost() == null) {
                throw new IllegalArgumentException("WebhookSecret 'jwksUrl' must be an https URL with a host");
            }
        }
        String inline = null;
        if (hasJwks) {
            inline = jwks.isTextual() ? jwks.asText() : jwks.toString();
            try {
                JwksKeySource.parse(inline);
            } catch (JwtRejectedException e) {
                throw new IllegalArgumentException("WebhookSecret 'jwks' is not a JWKS document: " + e.detail());
            }
        }
        Duration leeway = JwtSettings.DEFAULT_LEEWAY;
        JsonNode leewayNode = secret.get("jwtLeewaySeconds");
        if (leewayNode != null && !leewayNode.isNull()) {
            if (!leewayNode.canConvertToInt() || leewayNode.asInt() < 0 || leewayNode.asInt() > 600) {
                throw new IllegalArgumentException("WebhookSecret 'jwtLeewaySeconds' must be an integer from 0 to 600");
            }
            leeway = Duration.ofSeconds(leewayNode.asInt());
        }
        return new JwtSettings(issuer, text(secret, "jwtAudience"), text(secret, "jwtClientId"), url, inline, leeway);
    }

    /** Plain http is only for a JWKS served on this machine (local run, tests). */
    private static boolean isLoopbackHttp(URI url) {
        return "http".equalsIgnoreCase(url.getScheme())
                && ("127.0.0.1".equals(url.getHost()) || "localhost".equalsIgnoreCase(url.getHost()));
    }

    private static String text(JsonNode n, String field) {
        String v = n.path(field).asText("");
        return v.isBlank() ? null : v;
    }

    @Override
    public String toString() {
        return "WebhookCredentials[credential=" + (credential == null ? "none" : "***") + ", previousCredential="
                + (previousCredential == null ? "none" : "***") + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", bearerTokens=" + bearerTokens.size() + ", jwtIssuer=" + (jwt == null ? "none" : jwt.issuer()) + "]";
    }
}
