package com.epicorups.ups.trackalert;

import com.epicorups.core.Json;
import com.epicorups.core.http.HttpClientFactory;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The signing keys of the token issuer, from an inline JWKS document or a JWKS URL. A fetched set is
 * kept for {@link #CACHE_FOR}; a token signed with a key not in the set triggers one refetch (the IdP
 * rotated its keys), at most once per {@link #REFETCH_AT_MOST_EVERY} so forged kids cannot hammer the IdP.
 */
public final class JwksKeySource {
    public static final Duration CACHE_FOR = Duration.ofMinutes(10);
    public static final Duration REFETCH_AT_MOST_EVERY = Duration.ofMinutes(1);
    public static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);

    /** One usable JWK. {@code kid} may be null; {@code kty} is RSA or EC. */
    public record Jwk(String kid, String kty, String alg, PublicKey key) {
    }

    private final URI url;
    private final HttpClient http;
    private final Clock clock;
    private List<Jwk> keys;
    private Instant fetchedAt;
    private Instant lastFetchAttempt;
    /** Whether the last fetch failed: an unknown key then cannot be told from a rotation we could not learn. */
    private boolean lastFetchFailed;

    private JwksKeySource(URI url, List<Jwk> inline, HttpClient http, Clock clock) {
        this.url = url;
        this.keys = inline;
        this.http = http;
        this.clock = clock;
    }

    public static JwksKeySource inline(String jwksJson) {
        try {
            return new JwksKeySource(null, parse(jwksJson), null, Clock.systemUTC());
        } catch (JwtRejectedException e) {
            throw new IllegalArgumentException("jwks is not a JWKS document: " + e.detail());
        }
    }

    public static JwksKeySource remote(URI url, HttpClient http, Clock clock) {
        return new JwksKeySource(url, null, http, clock);
    }

    public static JwksKeySource of(JwtSettings settings, Clock clock) {
        if (settings.inlineJwks() != null) {
            return inline(settings.inlineJwks());
        }
        return remote(settings.jwksUrl(), HttpClientFactory.create(FETCH_TIMEOUT), clock);
    }

    /** The current keys, fetching them when none are cached or the cache is older than {@link #CACHE_FOR}. */
    public synchronized List<Jwk> keys() throws JwtRejectedException {
        if (url == null) {
            return keys;
        }
        Instant now = clock.instant();
        if (keys == null || !now.isBefore(fetchedAt.plus(CACHE_FOR))) {
            if (mayFetch(now)) {
                fetch(now, keys != null);
            } else if (keys == null) {
                throw recentFetchFailed();
            }
        }
        return keys;
    }

    /**
     * Refetches after an unknown key; false when rate-limited or inline (nothing new to learn). A refetch that
     * fails (or, rate-limited, the last one failed) throws {@link JwtRejectedException#keySetUnavailable}: the key
     * may be a rotation we cannot learn, so the token is not judged. The cached keys are kept either way.
     */
    public synchronized boolean refreshForUnknownKey() throws JwtRejectedException {
        if (url == null) {
            return false;
        }
        Instant now = clock.instant();
        if (!mayFetch(now)) {
            if (lastFetchFailed) {
                throw recentFetchFailed();
            }
            return false;
        }
        fetch(now, false);
        return true;
    }

    private static JwtRejectedException recentFetchFailed() {
        return JwtRejectedException.keySetUnavailable("JWKS unavailable (last fetch failed less than a minute ago)");
    }

    private boolean mayFetch(Instant now) {
        return lastFetchAttempt == null || !now.isBefore(lastFetchAttempt.plus(REFETCH_AT_MOST_EVERY));
    }

    private void fetch(Instant now, boolean keepOldOnFailure) throws JwtRejectedException {
        lastFetchAttempt = now;
        lastFetchFailed = true;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url).timeout(FETCH_TIMEOUT)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw JwtRejectedException.keySetUnavailable("JWKS fetch answered HTTP " + response.statusCode());
            }
            keys = parse(response.body());
            fetchedAt = now;
            lastFetchFailed = false;
        } catch (JwtRejectedException e) {
            if (!keepOldOnFailure) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (!keepOldOnFailure) {
                throw JwtRejectedException.keySetUnavailable("JWKS unavailable (interrupted)");
            }
        } catch (Exception e) {
            if (!keepOldOnFailure) {
                throw JwtRejectedException.keySetUnavailable("JWKS unavailable (" + e.getClass().getSimpleName() + ")");
            }
        }
    }

    static List<Jwk> parse(String json) throws JwtRejectedException {
        JsonNode doc;
        try {
            doc = Json.mapper().readTree(json);
        } catch (Exception e) {
            throw JwtRejectedException.keySetUnavailable("JWKS is not JSON");
        }
        if (doc == null || !doc.path("keys").isArray()) {
            throw JwtRejectedException.keySetUnavailable("JWKS has no keys array");
        }
        List<Jwk> out = new ArrayList<>();
        for (JsonNode k : doc.path("keys")) {
            String use = text(k, "use");
            if (use != null && !use.equals("sig")) {
                continue;
            }
            PublicKey key = toKey(k);
            if (key != null) {
                out.add(new Jwk(text(k, "kid"), text(k, "kty"), text(k, "alg"), key));
            }
        }
        return List.copyOf(out);
    }

    /** Null for keys this validator cannot use (other types, curves, broken values): they are skipped. */
    private static PublicKey toKey(JsonNode k) {
        try {
            String kty = text(k, "kty");
            if ("RSA".equals(kty)) {
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(unsigned(text(k, "n")), unsigned(text(k, "e"))));
            }
            if ("EC".equals(kty) && "P-256".equals(text(k, "crv"))) {
                AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                params.init(new ECGenParameterSpec("secp256r1"));
                ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
                ECPoint point = new ECPoint(unsigned(text(k, "x")), unsigned(text(k, "y")));
                return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() || v.asText().isEmpty() ? null : v.asText();
    }
}
