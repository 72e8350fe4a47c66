package com.epicorups.epicor.auth;

import com.epicorups.core.Json;
import com.epicorups.epicor.EpicorSettings.OAuthClientAuth;
import com.epicorups.epicor.HttpExchange;
import com.epicorups.epicor.error.EpicorAuthException;
import com.epicorups.epicor.error.EpicorTransientException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.StringJoiner;

/**
 * OAuth2 client credentials against the configured token URL (Epicor IdP, Entra ID): form body
 * {@code grant_type=client_credentials[&scope=..]}, client authenticated by HTTP Basic or by
 * {@code client_id}/{@code client_secret} in the body; reads {@code access_token} and {@code expires_in}.
 * The API key is not sent here: the token URL may belong to a third party.
 */
public final class OAuth2Identity extends BearerTokenIdentity {
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String scope;
    private final OAuthClientAuth clientAuth;

    public OAuth2Identity(URI tokenUrl, String clientId, String clientSecret, String scope, OAuthClientAuth clientAuth,
                          Clock clock) {
        super(clock);
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.clientAuth = clientAuth;
    }

    /** OAuth2 tokens are reused across cycles until they are about to expire (identity providers rate-limit). */
    @Override
    public void startCycle(HttpExchange http) {
        if (!holdsUsableToken()) {
            refresh(http);
        }
    }

    @Override
    public synchronized void refresh(HttpExchange http) {
        StringJoiner form = new StringJoiner("&");
        form.add("grant_type=client_credentials");
        if (scope != null) {
            form.add("scope=" + enc(scope));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUrl)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (clientAuth == OAuthClientAuth.BASIC) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (enc(clientId) + ":" + enc(clientSecret)).getBytes(StandardCharsets.UTF_8)));
        } else {
            form.add("client_id=" + enc(clientId));
            form.add("client_secret=" + enc(clientSecret));
        }
        request.POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        HttpResponse<String> response = http.send(request, "OAuth2 token");
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status != 200) {
            String err = body == null ? "" : (body.path("error").asText("") + " " + body.path("error_description").asText("")).trim();
            String msg = "OAuth2 token: token endpoint answered HTTP " + status + (err.isEmpty() ? "" : ": " + err);
            if (status == 400 || status == 401 || status == 403) {
                throw new EpicorAuthException(status, null, msg);
            }
            throw new EpicorTransientException(status, null, msg);
        }
        String access = body == null ? "" : body.path("access_token").asText("");
        if (access.isBlank()) {
            throw new EpicorAuthException(200, null, "OAuth2 token: reply has no access_token");
        }
        long expiresIn = body.path("expires_in").asLong(0);
        token = new BearerToken(access, expiresIn > 0 ? clock.instant().plusSeconds(expiresIn) : null);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.mapper().readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
