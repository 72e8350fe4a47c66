package com.epicorups.epicor.auth;

import com.epicorups.core.Json;
import com.epicorups.epicor.HttpExchange;
import com.epicorups.epicor.error.EpicorAuthException;
import com.epicorups.epicor.error.EpicorErrors;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;

/**
 * Epicor-issued bearer token: {@code POST {root}/TokenResource.svc/} with the user and password as request
 * headers {@code username}/{@code password} and {@code Accept: application/json} (without it the reply is XML).
 * Reply {@code {"AccessToken","ExpiresIn","TokenType":"Bearer"}}. There is no refresh token: a new token is
 * requested at the start of every poll cycle, when the held one is about to expire, and once after a 401.
 */
public final class TokenResourceIdentity extends BearerTokenIdentity {
    private final URI tokenUrl;
    private final String apiKey;
    private final String username;
    private final String password;

    public TokenResourceIdentity(String tokenResourceUrl, String apiKey, String username, String password, Clock clock) {
        super(clock);
        this.tokenUrl = URI.create(tokenResourceUrl);
        this.apiKey = apiKey;
        this.username = username;
        this.password = password;
    }

    @Override
    public synchronized void refresh(HttpExchange http) {
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUrl)
                .header("username", username)
                .header("password", password)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("x-api-key", apiKey)
                .POST(HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> response = http.send(request, "Epicor token (TokenResource.svc)");
        if (response.statusCode() != 200) {
            throw EpicorErrors.fromResponse(response.statusCode(), response.body(), "Epicor token (TokenResource.svc)");
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (Exception e) {
            throw new EpicorAuthException(200, null, "Epicor token (TokenResource.svc): reply is not JSON", e);
        }
        String access = body.path("AccessToken").asText("");
        if (access.isBlank()) {
            throw new EpicorAuthException(200, null, "Epicor token (TokenResource.svc): reply has no AccessToken");
        }
        long expiresIn = body.path("ExpiresIn").asLong(0);
        Instant now = clock.instant();
        token = new BearerToken(access, expiresIn > 0 ? now.plusSeconds(expiresIn) : null);
    }
}
