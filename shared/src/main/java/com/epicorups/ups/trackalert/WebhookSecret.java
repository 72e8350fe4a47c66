package com.epicorups.ups.trackalert;

import com.epicorups.core.settings.SettingsBinder;
import com.epicorups.core.settings.Wording;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The WebhookSecret (Secrets Manager): {@code credential} and {@code previousCredential} (Track Alert v1, during
 * rotation), {@code apiKey} (the x-api-key UPS sends with v2), {@code bearerTokens} (static bearer values accepted
 * with v2) and, when {@code jwtIssuer} is set, how v2 bearer JWTs from the customer's OAuth server are validated
 * ({@code jwtAudience}, {@code jwtClientId}, {@code jwksUrl} or {@code jwks}, {@code jwtLeewaySeconds}). Read at
 * the webhook's first delivery, never during its start. Never printed.
 *
 * @param jwks the JWKS document itself: an object, or the same as a JSON string
 */
public record WebhookSecret(String credential, String previousCredential, String apiKey, List<String> bearerTokens,
                            String jwtIssuer, String jwtAudience, String jwtClientId, String jwksUrl, JsonNode jwks,
                            Integer jwtLeewaySeconds) {

    /** Problems read {@code WebhookSecret 'jwksUrl' must be ...}. */
    static final Wording WORDING = Wording.of("WebhookSecret", path -> "WebhookSecret '" + path + "'");

    public WebhookSecret {
        credential = blankToNull(credential);
        previousCredential = blankToNull(previousCredential);
        apiKey = blankToNull(apiKey);
        bearerTokens = bearerTokens == null ? List.of() : bearerTokens.stream().filter(b -> !b.isBlank()).toList();
        jwtIssuer = blankToNull(jwtIssuer);
        jwtAudience = blankToNull(jwtAudience);
        jwtClientId = blankToNull(jwtClientId);
        jwksUrl = blankToNull(jwksUrl);
        jwks = jwks == null || jwks.isNull() || jwks.isTextual() && jwks.asText().isBlank() ? null : jwks;
    }

    /** For the settings reader: the components in declaration order. */
    private WebhookSecret(SettingsBinder.Components c) {
        this(c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next());
    }

    /** Static values only (no JWT validation). */
    public WebhookSecret(String credential, String previousCredential, String apiKey, List<String> bearerTokens) {
        this(credential, previousCredential, apiKey, bearerTokens, null, null, null, null, null, null);
    }

    /**
     * @throws IllegalArgumentException naming every problem (an unknown key, inconsistent JWT keys); the webhook
     *                                  answers 500 until the secret is fixed, so UPS keeps retrying
     */
    public static WebhookSecret parse(JsonNode secret) {
        if (secret == null || !secret.isObject()) {
            throw new IllegalArgumentException("WebhookSecret must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        WebhookSecret parsed = SettingsBinder.bind(secret, WebhookSecret.class, "", WORDING, problems);
        parsed.check(problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return parsed;
    }

    private void check(List<String> problems) {
        if (jwtIssuer == null) {
            if (jwksUrl != null || jwks != null || jwtAudience != null || jwtClientId != null) {
                problems.add("WebhookSecret 'jwtIssuer' is required with jwtAudience, jwtClientId, jwksUrl or jwks");
            }
            return;
        }
        if ((jwksUrl != null) == (jwks != null)) {
            problems.add("WebhookSecret needs exactly one of 'jwksUrl' or 'jwks' with jwtIssuer");
        }
        if (jwksUrl != null) {
            URI url = null;
            try {
                url = URI.create(jwksUrl);
            } catch (IllegalArgumentException e) {
                problems.add("WebhookSecret 'jwksUrl' is not a URL");
            }
            if (url != null && (!"https".equalsIgnoreCase(url.getScheme()) && !isLoopbackHttp(url) || url.getHost() == null)) {
                problems.add("WebhookSecret 'jwksUrl' must be an https URL with a host");
            }
        }
        if (jwks != null) {
            try {
                JwksKeySource.parse(inlineJwks());
            } catch (JwtRejectedException e) {
                problems.add("WebhookSecret 'jwks' is not a JWKS document: " + e.detail());
            }
        }
        if (jwtLeewaySeconds != null && (jwtLeewaySeconds < 0 || jwtLeewaySeconds > 600)) {
            problems.add("WebhookSecret 'jwtLeewaySeconds' must be an integer from 0 to 600");
        }
    }

    /** How v2 bearer JWTs are validated; null when {@code jwtIssuer} is not set (static values only). */
    public JwtSettings jwt() {
        if (jwtIssuer == null) {
            return null;
        }
        Duration leeway = jwtLeewaySeconds == null ? JwtSettings.DEFAULT_LEEWAY : Duration.ofSeconds(jwtLeewaySeconds);
        return new JwtSettings(jwtIssuer, jwtAudience, jwtClientId, jwksUrl == null ? null : URI.create(jwksUrl),
                inlineJwks(), leeway);
    }

    private String inlineJwks() {
        return jwks == null ? null : jwks.isTextual() ? jwks.asText() : jwks.toString();
    }

    /** Plain http is only for a JWKS served on this machine (local run, tests). */
    private static boolean isLoopbackHttp(URI url) {
        return "http".equalsIgnoreCase(url.getScheme())
                && ("127.0.0.1".equals(url.getHost()) || "localhost".equalsIgnoreCase(url.getHost()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "WebhookSecret[credential=" + (credential == null ? "none" : "***") + ", previousCredential="
                + (previousCredential == null ? "none" : "***") + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", bearerTokens=" + bearerTokens.size() + ", jwtIssuer=" + (jwtIssuer == null ? "none" : jwtIssuer) + "]";
    }
}
