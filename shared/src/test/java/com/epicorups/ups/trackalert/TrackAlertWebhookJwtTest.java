package com.epicorups.ups.trackalert;

import com.epicorups.core.Reason;
import com.epicorups.testing.MutableClock;
import static com.epicorups.ups.trackalert.TestJwts.NOW;
import static com.epicorups.ups.trackalert.TestJwts.claims;
import static com.epicorups.ups.trackalert.TestJwts.jwks;
import static com.epicorups.ups.trackalert.TestJwts.rs256Token;
import static com.epicorups.ups.trackalert.TestJwts.rsaJwk;
import static com.epicorups.ups.trackalert.TestJwts.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.Json;
import com.epicorups.port.WebhookVerdict;
import com.epicorups.ups.UpsSettings.TrackAlertVersion;
import java.security.KeyPair;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Track Alert v2 deliveries carrying a JWT from the customer's OAuth server, end to end through the receiver. */
class TrackAlertWebhookJwtTest {
    static final String ISS = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example";
    static final String AUD = "ups-trackalert";
    static final KeyPair KEY = TestJwts.rsa();
    static final KeyPair ROTATED = TestJwts.rsa();
    static final long T = NOW.getEpochSecond();

    private final MutableClock clock = new MutableClock(NOW);

    @RegisterExtension
    final JwksEndpoint jwksEndpoint = new JwksEndpoint();

    private TrackAlertWebhookReceiver receiver(String secretJson) throws Exception {
        return new TrackAlertWebhookReceiver(TrackAlertVersion.V2, WebhookSecret.parse(Json.mapper().readTree(secretJson)),
                false, TrackAlertWebhookReceiver.DEFAULT_MAX_BODY_BYTES, ZoneOffset.UTC, clock);
    }

    private TrackAlertWebhookReceiver receiverWithJwksUrl(String url) throws Exception {
        return receiver("{\"jwtIssuer\":\"" + ISS + "\",\"jwtAudience\":\"" + AUD + "\",\"jwksUrl\":\"" + url + "\"}");
    }

    /** Our failure, not the caller's: the token could not be checked (503, the webhook's 5xx alarm). */
    private static void assertUnchecked(WebhookVerdict v) {
        assertThat(v.isAccepted()).isFalse();
        assertThat(v.httpStatus()).isEqualTo(503);
        assertThat(v.rejectReason()).isEqualTo(Reason.WEBHOOK_AUTH_UNAVAILABLE);
    }

    private static String inlineSecret(String extra) {
        return "{\"jwtIssuer\":\"" + ISS + "\",\"jwtAudience\":\"" + AUD + "\",\"jwks\":" + jwks(rsaJwk("k1", KEY)) + extra + "}";
    }

    private static Map<String, String> headers(String authorization, String apiKey) {
        Map<String, String> h = new HashMap<>();
        if (authorization != null) {
            h.put("Authorization", authorization);
        }
        if (apiKey != null) {
            h.put("x-api-key", apiKey);
        }
        return h;
    }

    private static void assertUnauthenticated(WebhookVerdict v, String detail, String token) {
        assertThat(v.isAccepted()).isFalse();
        assertThat(v.httpStatus()).isEqualTo(401);
        assertThat(v.rejectReason()).isEqualTo(Reason.WEBHOOK_UNAUTHENTICATED);
        assertThat(v.detail()).isEqualTo(detail);
        if (token != null) {
            assertThat(v.detail()).doesNotContain(token).doesNotContain(token.split("\\.")[1]);
        }
    }

    @Test
    void aValidJwtIsAcceptedAndTheBodyParsed() throws Exception {
        WebhookVerdict v = receiver(inlineSecret("")).receive(
                headers("Bearer " + rs256Token(KEY, "k1", ISS, AUD, T + 3600), null), TrackAlertWebhookReceiverTest.DELIVERED);
        assertThat(v.isAccepted()).isTrue();
        assertThat(v.update().trackingNumbers()).containsExactly("1Z204W4R0308071865");
    }

    @Test
    void eachJwtProblemIsASpecific401() throws Exception {
        TrackAlertWebhookReceiver r = receiver(inlineSecret(""));
        String body = TrackAlertWebhookReceiverTest.DELIVERED;
        String expired = rs256Token(KEY, "k1", ISS, AUD, T - 61);
        assertUnauthenticated(r.receive(headers("Bearer " + expired, null), body), "bearer JWT rejected: expired", expired);
        String notYet = sign("RS256", "k1", claims(ISS, "\"" + AUD + "\"", T + 3600, T + 120), KEY.getPrivate());
        assertUnauthenticated(r.receive(headers("Bearer " + notYet, null), body), "bearer JWT rejected: not yet valid", notYet);
        String wrongIss = rs256Token(KEY, "k1", "https://other-idp.example.com", AUD, T + 3600);
        assertUnauthenticated(r.receive(headers("Bearer " + wrongIss, null), body), "bearer JWT rejected: wrong issuer", wrongIss);
        String wrongAud = rs256Token(KEY, "k1", ISS, "someone-else", T + 3600);
        assertUnauthenticated(r.receive(headers("Bearer " + wrongAud, null), body), "bearer JWT rejected: wrong audience", wrongAud);
        String forged = rs256Token(ROTATED, "k1", ISS, AUD, T + 3600);
        assertUnauthenticated(r.receive(headers("Bearer " + forged, null), body), "bearer JWT rejected: bad signature", forged);
        String unknownKid = rs256Token(KEY, "k7", ISS, AUD, T + 3600);
        assertUnauthenticated(r.receive(headers("Bearer " + unknownKid, null), body),
                "bearer JWT rejected: unknown signing key (kid k7)", unknownKid);
        String none = TestJwts.b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + TestJwts.b64(claims(ISS, "\"" + AUD + "\"", T + 3600, null)) + ".";
        assertUnauthenticated(r.receive(headers("Bearer " + none, null), body), "bearer JWT rejected: alg none not accepted", none);
        assertUnauthenticated(r.receive(headers("Bearer garbage", null), body),
                "bearer JWT rejected: malformed JWT: not three dot-separated parts", null);
        assertUnauthenticated(r.receive(headers(null, null), body), "no bearer token", null);
        assertUnauthenticated(r.receive(headers("Basic dXNlcjpwdw==", null), body), "no bearer token", null);
    }

    @Test
    void xApiKeyIsStillRequiredWhenConfigured() throws Exception {
        TrackAlertWebhookReceiver r = receiver(inlineSecret(",\"apiKey\":\"ups-key\""));
        String good = "Bearer " + rs256Token(KEY, "k1", ISS, AUD, T + 3600);
        String body = TrackAlertWebhookReceiverTest.DELIVERED;
        assertUnauthenticated(r.receive(headers(good, null), body), "no x-api-key header", null);
        assertUnauthenticated(r.receive(headers(good, "wrong"), body), "x-api-key does not match", null);
        assertThat(r.receive(headers(good, "ups-key"), body).isAccepted()).isTrue();
    }

    @Test
    void staticBearerTokensStillWorkAlongsideJwts() throws Exception {
        TrackAlertWebhookReceiver r = receiver(inlineSecret(",\"bearerTokens\":[\"static-value\"]"));
        String body = TrackAlertWebhookReceiverTest.DELIVERED;
        assertThat(r.receive(headers("Bearer static-value", null), body).isAccepted()).isTrue();
        assertThat(r.receive(headers("Bearer " + rs256Token(KEY, "k1", ISS, AUD, T + 3600), null), body).isAccepted()).isTrue();
        assertUnauthenticated(r.receive(headers("Bearer other-static", null), body),
                "bearer JWT rejected: malformed JWT: not three dot-separated parts", null);

        TrackAlertWebhookReceiver staticOnly = receiver("{\"bearerTokens\":[\"static-value\"]}");
        assertThat(staticOnly.receive(headers("Bearer static-value", null), body).isAccepted()).isTrue();
        assertUnauthenticated(staticOnly.receive(headers("Bearer " + rs256Token(KEY, "k1", ISS, AUD, T + 3600), null), body),
                "bearer token not accepted", null);
    }

    @Test
    void jwksUrlServedByTheIdpFollowsKeyRotation() throws Exception {
        String url = jwksEndpoint.serve(jwks(rsaJwk("k1", KEY)));
        TrackAlertWebhookReceiver r = receiverWithJwksUrl(url);
        String body = TrackAlertWebhookReceiverTest.DELIVERED;
        assertThat(r.receive(headers("Bearer " + rs256Token(KEY, "k1", ISS, AUD, T + 3600), null), body).isAccepted()).isTrue();

        jwksEndpoint.served.set(jwks(rsaJwk("k2", ROTATED)));
        clock.advance(java.time.Duration.ofSeconds(90));
        assertThat(r.receive(headers("Bearer " + rs256Token(ROTATED, "k2", ISS, AUD, T + 3600), null), body).isAccepted()).isTrue();
    }

    @Test
    void aJwksThatCannotBeFetchedIsOurFailureA503NotTheCallers401() throws Exception {
        String url = jwksEndpoint.serve("<html>maintenance</html>");
        TrackAlertWebhookReceiver r = receiverWithJwksUrl(url);
        String body = TrackAlertWebhookReceiverTest.DELIVERED;
        String token = rs256Token(KEY, "k1", ISS, AUD, T + 3600);

        WebhookVerdict unchecked = r.receive(headers("Bearer " + token, null), body);
        assertUnchecked(unchecked);
        assertThat(unchecked.detail()).isEqualTo("bearer JWT not checked: JWKS is not JSON").doesNotContain(token);
        // A token that is bad on its face is still the caller's problem, JWKS or not.
        assertUnauthenticated(r.receive(headers("Bearer not-a-jwt", null), body),
                "bearer JWT rejected: malformed JWT: not three dot-separated parts", null);

        jwksEndpoint.served.set(jwks(rsaJwk("k1", KEY)));
        clock.advance(Duration.ofSeconds(60));
        assertThat(r.receive(headers("Bearer " + token, null), body).isAccepted()).isTrue();
    }

    @Test
    void aRotatedKeyThatCannotBeFetchedBecauseTheJwksIsDownIsA503NotTheCallers401() throws Exception {
        String url = jwksEndpoint.serve(jwks(rsaJwk("k1", KEY)));
        TrackAlertWebhookReceiver r = receiverWithJwksUrl(url);
        String body = TrackAlertWebhookReceiverTest.DELIVERED;
        assertThat(r.receive(headers("Bearer " + rs256Token(KEY, "k1", ISS, AUD, T + 3600), null), body).isAccepted()).isTrue();

        // UPS rotates to k2 while its JWKS endpoint is down: the new key cannot be learnt, so UPS's calls cannot
        // be checked. That is our failure (503, the 5xx alarm), not a stranger's call (401, a WARN).
        jwksEndpoint.served.set("<html>maintenance</html>");
        clock.advance(Duration.ofSeconds(90));
        String rotated = rs256Token(ROTATED, "k2", ISS, AUD, T + 3600);
        WebhookVerdict unchecked = r.receive(headers("Bearer " + rotated, null), body);
        assertUnchecked(unchecked);
        WebhookVerdict again = r.receive(headers("Bearer " + rotated, null), body);
        assertThat(again.httpStatus()).as("within the refetch limit, still unchecked").isEqualTo(503);
        assertThat(r.receive(headers("Bearer " + rs256Token(KEY, "k1", ISS, AUD, T + 3600), null), body).isAccepted())
                .as("the cached key still checks its tokens").isTrue();

        jwksEndpoint.served.set(jwks(rsaJwk("k2", ROTATED)));
        clock.advance(Duration.ofSeconds(60));
        assertThat(r.receive(headers("Bearer " + rotated, null), body).isAccepted()).isTrue();
    }

    @Test
    void theSecretsJwtKeysAreCheckedAndNeverPrintTheKeys() throws Exception {
        WebhookSecret c = WebhookSecret.parse(Json.mapper().readTree(
                inlineSecret(",\"jwtLeewaySeconds\":5,\"apiKey\":\"k\",\"jwtClientId\":\"c1\"")));
        assertThat(c.jwt().clientId()).isEqualTo("c1");
        assertThat(c.jwt().issuer()).isEqualTo(ISS);
        assertThat(c.jwt().audience()).isEqualTo(AUD);
        assertThat(c.jwt().leeway()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.toString()).doesNotContain("\"k\"").contains("jwtIssuer=" + ISS);
        assertThat(WebhookSecret.parse(Json.mapper().readTree("{\"apiKey\":\"k\"}")).jwt()).isNull();

        assertThatThrownBy(() -> WebhookSecret.parse(Json.mapper().readTree("{\"jwtIssuer\":\"" + ISS + "\"}")))
                .hasMessageContaining("jwksUrl");
        assertThatThrownBy(() -> WebhookSecret.parse(Json.mapper().readTree(
                "{\"jwtIssuer\":\"" + ISS + "\",\"jwksUrl\":\"http://idp.example.com/jwks\"}"))).hasMessageContaining("https");
        assertThatThrownBy(() -> WebhookSecret.parse(Json.mapper().readTree("{\"jwksUrl\":\"https://idp/jwks\"}")))
                .hasMessageContaining("jwtIssuer");
        assertThatThrownBy(() -> WebhookSecret.parse(Json.mapper().readTree(
                "{\"jwtIssuer\":\"" + ISS + "\",\"jwks\":{\"x\":1}}"))).hasMessageContaining("jwks");
        assertThatThrownBy(() -> WebhookSecret.parse(Json.mapper().readTree(
                inlineSecret(",\"jwtLeewaySeconds\":-1")))).hasMessageContaining("jwtLeewaySeconds");
        // The JWKS may also be stored as a JSON string inside the secret.
        WebhookSecret asString = WebhookSecret.parse(Json.mapper().readTree("{\"jwtIssuer\":\"" + ISS + "\",\"jwks\":"
                + Json.mapper().writeValueAsString(jwks(rsaJwk("k1", KEY))) + "}"));
        assertThat(asString.jwt().inlineJwks()).contains("k1");
    }
}
