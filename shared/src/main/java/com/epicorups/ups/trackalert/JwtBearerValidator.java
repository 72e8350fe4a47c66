package com.epicorups.ups.trackalert;

import com.epicorups.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Validates the compact JWS bearer token UPS obtains from the customer's OAuth server (Track Alert v2):
 * RS256/RS384/RS512 or ES256 signature against the issuer's JWKS (chosen by {@code kid}), then
 * {@code exp} and {@code nbf} with leeway, {@code iss} equal to the configured issuer, when an
 * audience is configured {@code aud} containing it, and when a client id is configured the token's
 * {@code client_id}/{@code azp}/{@code appid} equal to it. {@code none}, HS* and anything else is refused.
 * The token itself never appears in a rejection.
 */
public final class JwtBearerValidator {
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    private record Alg(String jca, String kty) {
    }

    private static final Map<String, Alg> ALGS = Map.of(
            "RS256", new Alg("SHA256withRSA", "RSA"),
            "RS384", new Alg("SHA384withRSA", "RSA"),
            "RS512", new Alg("SHA512withRSA", "RSA"),
            "ES256", new Alg("SHA256withECDSAinP1363Format", "EC"));

    private final String issuer;
    private final String audience;
    private final String clientId;
    private final JwksKeySource keys;
    private final Clock clock;
    private final Duration leeway;

    public JwtBearerValidator(String issuer, String audience, String clientId, JwksKeySource keys, Clock clock,
                              Duration leeway) {
        this.issuer = issuer;
        this.audience = audience;
        this.clientId = clientId;
        this.keys = keys;
        this.clock = clock;
        this.leeway = leeway;
    }

    public static JwtBearerValidator of(JwtSettings settings, Clock clock) {
        return new JwtBearerValidator(settings.issuer(), settings.audience(), settings.clientId(), JwksKeySource.of(settings, clock), clock,
                settings.leeway());
    }

    /** Returns the verified claims, or throws with a specific reason (expired, bad signature, ...). */
    public JsonNode validate(String token) throws JwtRejectedException {
        if (token == null || token.isEmpty()) {
            throw new JwtRejectedException("no bearer token");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new JwtRejectedException("malformed JWT: too long");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new JwtRejectedException("malformed JWT: not three dot-separated parts");
        }
        JsonNode header = jsonPart(parts[0], "header");
        String algName = header.path("alg").isTextual() ? header.path("alg").asText() : null;
        if (algName == null) {
            throw new JwtRejectedException("malformed JWT: no alg");
        }
        if (algName.equalsIgnoreCase("none")) {
            throw new JwtRejectedException("alg none not accepted");
        }
        Alg alg = ALGS.get(algName);
        if (alg == null) {
            throw new JwtRejectedException("alg " + safe(algName) + " not accepted");
        }
        if (header.has("crit")) {
            throw new JwtRejectedException("critical JWT header extensions not supported");
        }
        byte[] signature = decode(parts[2], "signature");
        if (signature.length == 0) {
            throw new JwtRejectedException("malformed JWT: empty signature");
        }
        String kid = header.path("kid").isTextual() ? header.path("kid").asText() : null;
        byte[] signedBytes = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);

        List<JwksKeySource.Jwk> candidates = candidates(keys.keys(), kid, alg, algName);
        if (candidates.isEmpty() && keys.refreshForUnknownKey()) {
            candidates = candidates(keys.keys(), kid, alg, algName);
        }
        if (candidates.isEmpty()) {
            throw new JwtRejectedException("unknown signing key" + (kid == null ? "" : " (kid " + safe(kid) + ")"));
        }
        boolean verified = false;
        for (JwksKeySource.Jwk jwk : candidates) {
            verified |= verifies(alg, jwk, signedBytes, signature);
        }
        if (!verified) {
            throw new JwtRejectedException("bad signature");
        }

        JsonNode claims = jsonPart(parts[1], "payload");
        Instant now = clock.instant();
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw new JwtRejectedException("JWT has no exp");
        }
        if (now.isAfter(Instant.ofEpochSecond(exp.asLong()).plus(leeway))) {
            throw new JwtRejectedException("expired");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && nbf.isNumber() && now.plus(leeway).isBefore(Instant.ofEpochSecond(nbf.asLong()))) {
            throw new JwtRejectedException("not yet valid");
        }
        if (!claims.path("iss").isTextual() || !issuer.equals(claims.path("iss").asText())) {
            throw new JwtRejectedException("wrong issuer");
        }
        if (audience != null && !audienceMatches(claims.get("aud"))) {
            throw new JwtRejectedException("wrong audience");
        }
        if (clientId != null && !clientMatches(claims)) {
            throw new JwtRejectedException("wrong client");
        }
        return claims;
    }

    /** Cognito names the client in client_id, OIDC in azp, Entra ID v1 tokens in appid. */
    private boolean clientMatches(JsonNode claims) {
        for (String claim : List.of("client_id", "azp", "appid")) {
            JsonNode v = claims.get(claim);
            if (v != null && v.isTextual() && clientId.equals(v.asText())) {
                return true;
            }
        }
        return false;
    }

    private boolean audienceMatches(JsonNode aud) {
        if (aud == null) {
            return false;
        }
        if (aud.isTextual()) {
            return audience.equals(aud.asText());
        }
        for (JsonNode a : aud) {
            if (a.isTextual() && audience.equals(a.asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<JwksKeySource.Jwk> candidates(List<JwksKeySource.Jwk> all, String kid, Alg alg, String algName) {
        return all.stream()
                .filter(k -> alg.kty().equals(k.kty()))
                .filter(k -> k.alg() == null || k.alg().equals(algName))
                .filter(k -> kid == null || kid.equals(k.kid()))
                .toList();
    }

    private static boolean verifies(Alg alg, JwksKeySource.Jwk jwk, byte[] signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(alg.jca());
            verifier.initVerify(jwk.key());
            verifier.update(signed);
            return verifier.verify(signature);
        } catch (Exception e) {
            return false;
        }
    }

    private static JsonNode jsonPart(String part, String what) throws JwtRejectedException {
        JsonNode node;
        try {
            node = Json.mapper().readTree(new String(decode(part, what), StandardCharsets.UTF_8));
        } catch (JwtRejectedException e) {
            throw e;
        } catch (Exception e) {
            throw new JwtRejectedException("malformed JWT: " + what + " is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new JwtRejectedException("malformed JWT: " + what + " is not a JSON object");
        }
        return node;
    }

    private static byte[] decode(String part, String what) throws JwtRejectedException {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new JwtRejectedException("malformed JWT: " + what + " is not base64url");
        }
    }

    /** Header values are attacker-chosen: keep only a short, printable prefix for the audit. */
    private static String safe(String s) {
        String clipped = s.length() > 40 ? s.substring(0, 40) : s;
        return clipped.replaceAll("[^A-Za-z0-9._-]", "?");
    }

    @Override
    public String toString() {
        return "JwtBearerValidator[issuer=" + issuer + ", audience=" + audience + "]";
    }
}
