package com.epicorups.ups.trackalert;

import java.net.URI;
import java.time.Duration;

/**
 * How v2 bearer JWTs are validated: the issuer ({@code iss}) that must match exactly, the audience that
 * {@code aud} must contain (null: not checked, e.g. Cognito access tokens carry no {@code aud}), and
 * the client that must have obtained the token ({@code client_id}, {@code azp} or {@code appid}; null: not
 * checked), and the signing keys as an inline JWKS document or a JWKS URL. Leeway applies to {@code exp} and {@code nbf}.
 */
public record JwtSettings(String issuer, String audience, String clientId, URI jwksUrl, String inlineJwks, Duration leeway) {
    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(60);

    public JwtSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("jwtIssuer is required for JWT validation");
        }
        if ((jwksUrl == null) == (inlineJwks == null)) {
            throw new IllegalArgumentException("exactly one of jwksUrl or jwks is required with jwtIssuer");
        }
        leeway = leeway == null ? DEFAULT_LEEWAY : leeway;
        if (leeway.isNegative()) {
            throw new IllegalArgumentException("leeway must not be negative");
        }
    }
}
