package com.epicorups.ups.trackalert;

import com.epicorups.testing.MutableClock;
import static com.epicorups.ups.trackalert.TestJwts.NOW;
import static com.epicorups.ups.trackalert.TestJwts.b64;
import static com.epicorups.ups.trackalert.TestJwts.claims;
import static com.epicorups.ups.trackalert.TestJwts.jwks;
import static com.epicorups.ups.trackalert.TestJwts.rs256Token;
import static com.epicorups.ups.trackalert.TestJwts.rsaJwk;
import static com.epicorups.ups.trackalert.TestJwts.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.http.HttpClientFactory;
import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JwtBearerValidatorTest {
    static final String ISS = "https://login.example.com/tenant/v2.0";
    static final String AUD = "api://epicor-ups-webhook";
    static final KeyPair KEY = TestJwts.rsa();
    static final KeyPair OTHER = TestJwts.rsa();
    static final long T = NOW.getEpochSecond();

    private final MutableClock clock = new MutableClock(NOW);

    @RegisterExtension
    final JwksEndpoint jwksEndpoint = new JwksEndpoint();

    private JwtBearerValidator inline(String jwksJson) {
        return new JwtBearerValidator(ISS, AUD, null, JwksKeySource.inline(jwksJson), clock, Duration.ofSeconds(60));
    }

    private final JwtBearerValidator validator = inline(jwks(rsaJwk("k1", KEY)));

    private static String valid() {
        return sign("RS256", "k1", claims(ISS, "\"" + AUD + "\"", T + 300, T - 10), KEY.getPrivate());
    }

    private static String rejection(JwtBearerValidator v, String token) {
        try {
            v.validate(token);
            return null;
        } catch (JwtRejectedException e) {
            return e.detail();
        }
    }

    @Test
    void acceptsAValidRs256TokenAndReturnsItsClaims() throws Exception {
        assertThat(validator.validate(valid()).path("sub").asText()).isEqualTo("ups-client");
    }

    @Test
    void acceptsAudienceArraysAndOtherRsaAlgorithms() {
        assertThat(rejection(validator, sign("RS384", "k1", claims(ISS, "[\"other\",\"" + AUD + "\"]", T + 300, null),
                KEY.getPrivate()))).isNull();
        assertThat(rejection(validator, sign("RS512", "k1", claims(ISS, "\"" + AUD + "\"", T + 300, null),
                KEY.getPrivate()))).isNull();
    }

    @Test
    void acceptsEs256() {
        KeyPair ec = TestJwts.ec();
        JwtBearerValidator v = inline(jwks(TestJwts.ecJwk("e1", ec)));
        assertThat(rejection(v, sign("ES256", "e1", claims(ISS, "\"" + AUD + "\"", T + 300, null), ec.getPrivate()))).isNull();
        assertThat(rejection(v, sign("ES256", "e1", claims(ISS, "\"" + AUD + "\"", T + 300, null), TestJwts.ec().getPrivate())))
                .isEqualTo("bad signature");
    }

    @Test
    void expiryAndNotBeforeHonourTheLeeway() {
        String expiresNow = rs256Token(KEY, "k1", ISS, AUD, T);
        clock.advance(java.time.Duration.ofSeconds(60));
        assertThat(rejection(validator, expiresNow)).isNull();
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(rejection(validator, expiresNow)).isEqualTo("expired");

        String later = sign("RS256", "k1", claims(ISS, "\"" + AUD + "\"", T + 3600, T + 121), KEY.getPrivate());
        assertThat(rejection(validator, later)).isNull();
        String muchLater = sign("RS256", "k1", claims(ISS, "\"" + AUD + "\"", T + 3600, T + 122), KEY.getPrivate());
        assertThat(rejection(validator, muchLater)).isEqualTo("not yet valid");
    }

    @Test
    void rejectsWrongIssuerAndAudience() {
        assertThat(rejection(validator, rs256Token(KEY, "k1", "https://evil.example.com", AUD, T + 300))).isEqualTo("wrong issuer");
        assertThat(rejection(validator, sign("RS256", "k1", claims(ISS, "[\"api://other\"]", T + 300, null),
                KEY.getPrivate()))).isEqualTo("wrong audience");
        assertThat(rejection(validator, sign("RS256", "k1", "{\"iss\":\"" + ISS + "\",\"exp\":" + (T + 300) + "}",
                KEY.getPrivate()))).isEqualTo("wrong audience");
        assertThat(rejection(validator, sign("RS256", "k1", "{\"iss\":\"" + ISS + "\",\"aud\":\"" + AUD + "\"}",
                KEY.getPrivate()))).isEqualTo("JWT has no exp");
    }

    @Test
    void audienceIsNotCheckedWhenNoneIsConfigured() {
        JwtBearerValidator noAud = new JwtBearerValidator(ISS, null, null, JwksKeySource.inline(jwks(rsaJwk("k1", KEY))), clock,
                Duration.ZERO);
        assertThat(rejection(noAud, sign("RS256", "k1", "{\"iss\":\"" + ISS + "\",\"exp\":" + (T + 300)
                + ",\"client_id\":\"abc\"}", KEY.getPrivate()))).isNull();
    }

    @Test
    void aConfiguredClientIdMustMatchClientIdAzpOrAppid() {
        JwtBearerValidator cognito = new JwtBearerValidator(ISS, null, "ups-client-1",
                JwksKeySource.inline(jwks(rsaJwk("k1", KEY))), clock, Duration.ZERO);
        for (String claim : new String[] {"client_id", "azp", "appid"}) {
            assertThat(rejection(cognito, sign("RS256", "k1", "{\"iss\":\"" + ISS + "\",\"exp\":" + (T + 300)
                    + ",\"" + claim + "\":\"ups-client-1\"}", KEY.getPrivate()))).isNull();
        }
        assertThat(rejection(cognito, sign("RS256", "k1", "{\"iss\":\"" + ISS + "\",\"exp\":" + (T + 300)
                + ",\"client_id\":\"another-client\"}", KEY.getPrivate()))).isEqualTo("wrong client");
        assertThat(rejection(cognito, sign("RS256", "k1", "{\"iss\":\"" + ISS + "\",\"exp\":" + (T + 300) + "}",
                KEY.getPrivate()))).isEqualTo("wrong client");
    }

    @Test
    void rejectsASignatureByAnotherKeyAndATamperedPayload() {
        assertThat(rejection(validator, rs256Token(OTHER, "k1", ISS, AUD, T + 300)))
                .isEqualTo("bad signature");
        String[] parts = valid().split("\\.");
        String tampered = parts[0] + "." + b64(claims(ISS, "\"" + AUD + "\"", T + 99999, null)) + "." + parts[2];
        assertThat(rejection(validator, tampered)).isEqualTo("bad signature");
    }

    @Test
    void rejectsUnknownKid() {
        assertThat(rejection(validator, rs256Token(KEY, "k9", ISS, AUD, T + 300)))
                .isEqualTo("unknown signing key (kid k9)");
    }

    @Test
    void rejectsAlgNoneAndHs256() {
        String body = b64(claims(ISS, "\"" + AUD + "\"", T + 300, null));
        assertThat(rejection(validator, b64("{\"alg\":\"none\"}") + "." + body + ".")).isEqualTo("alg none not accepted");
        assertThat(rejection(validator, b64("{\"alg\":\"NONE\",\"kid\":\"k1\"}") + "." + body + ".x"))
                .isEqualTo("alg none not accepted");
        assertThat(rejection(validator, b64("{\"alg\":\"HS256\",\"kid\":\"k1\"}") + "." + body + "." + b64("mac")))
                .isEqualTo("alg HS256 not accepted");
    }

    @Test
    void rejectsMalformedTokensWithoutEchoingThem() {
        assertThat(rejection(validator, "not-a-jwt")).startsWith("malformed JWT");
        assertThat(rejection(validator, "a.b")).startsWith("malformed JWT");
        assertThat(rejection(validator, "a.b.c.d")).startsWith("malformed JWT");
        assertThat(rejection(validator, "%%%.e30.sig")).startsWith("malformed JWT");
        assertThat(rejection(validator, b64("[1]") + ".e30.c2ln")).startsWith("malformed JWT");
        assertThat(rejection(validator, b64("{\"kid\":\"k1\"}") + ".e30.c2ln")).isEqualTo("malformed JWT: no alg");
        String token = valid();
        String[] parts = token.split("\\.");
        assertThat(rejection(validator, parts[0] + "." + parts[1] + ".")).isEqualTo("malformed JWT: empty signature");
        assertThat(rejection(validator, parts[0] + "." + parts[1] + "." + parts[2])).isNull();
    }

    @Test
    void jwksUrlIsCachedAndRefetchedOnceForAnUnknownKidAfterRotation() throws Exception {
        String url = jwksEndpoint.serve(jwks(rsaJwk("k1", KEY)));
        AtomicReference<String> served = jwksEndpoint.served;
        AtomicInteger hits = jwksEndpoint.hits;
        JwtBearerValidator v = new JwtBearerValidator(ISS, AUD, null, JwksKeySource.remote(URI.create(url),
                HttpClientFactory.create(JwksKeySource.FETCH_TIMEOUT), clock), clock, Duration.ofSeconds(60));

        assertThat(rejection(v, valid())).isNull();
        assertThat(rejection(v, valid())).isNull();
        assertThat(hits.get()).isEqualTo(1);

        // The IdP rotates to k2; tokens signed with k2 arrive while k1 is still cached.
        served.set(jwks(rsaJwk("k1", KEY), rsaJwk("k2", OTHER)));
        clock.advance(java.time.Duration.ofSeconds(61));
        String k2Token = rs256Token(OTHER, "k2", ISS, AUD, T + 3600);
        assertThat(rejection(v, k2Token)).isNull();
        assertThat(hits.get()).isEqualTo(2);

        // Unknown kids refetch at most once a minute.
        String forged = rs256Token(OTHER, "k3", ISS, AUD, T + 3600);
        assertThat(rejection(v, forged)).isEqualTo("unknown signing key (kid k3)");
        assertThat(rejection(v, forged)).isEqualTo("unknown signing key (kid k3)");
        assertThat(hits.get()).isEqualTo(2);
        clock.advance(java.time.Duration.ofSeconds(60));
        assertThat(rejection(v, forged)).isEqualTo("unknown signing key (kid k3)");
        assertThat(hits.get()).isEqualTo(3);

        // After 10 minutes the cached set is refreshed: a key removed by the IdP stops working.
        served.set(jwks(rsaJwk("k2", OTHER)));
        clock.advance(java.time.Duration.ofSeconds(600));
        String k1Token = rs256Token(KEY, "k1", ISS, AUD, T + 3600);
        assertThat(rejection(v, k1Token)).isEqualTo("unknown signing key (kid k1)");
        assertThat(hits.get()).isEqualTo(4);
    }

    @Test
    void anUnreachableJwksIsARejectionNotACrash() throws Exception {
        String url = jwksEndpoint.serve("not json");
        AtomicReference<String> served = jwksEndpoint.served;
        JwtBearerValidator v = new JwtBearerValidator(ISS, AUD, null, JwksKeySource.remote(URI.create(url),
                HttpClientFactory.create(JwksKeySource.FETCH_TIMEOUT), clock), clock, Duration.ofSeconds(60));
        assertThat(rejection(v, valid())).isEqualTo("JWKS is not JSON");
        served.set(jwks(rsaJwk("k1", KEY)));
        assertThat(rejection(v, valid())).startsWith("JWKS unavailable");
        clock.advance(java.time.Duration.ofSeconds(60));
        assertThat(rejection(v, valid())).isNull();
    }

    @Test
    void inlineJwksMustBeAJwksDocument() {
        assertThatThrownBy(() -> JwksKeySource.inline("{\"nokeys\":1}")).isInstanceOf(IllegalArgumentException.class);
    }
}
