package com.epicorups.sandbox.ups;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TokenTest extends SandboxTestBase {

    @Test
    void issuesAllStringTokenResponse() {
        TestClient.Answer answer = client.token("client-id", "client-secret");

        assertThat(answer.status()).isEqualTo(200);
        var json = answer.json();
        for (String field : new String[]{"token_type", "issued_at", "client_id", "access_token", "expires_in", "status",
                "refresh_count", "scope"}) {
            assertThat(json.get(field).isTextual()).as(field).isTrue();
        }
        assertThat(json.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(json.get("issued_at").asText()).isEqualTo(String.valueOf(clock.instant().toEpochMilli()));
        assertThat(json.get("expires_in").asText()).isEqualTo("3599");
        assertThat(json.get("status").asText()).isEqualTo("approved");
        assertThat(json.get("client_id").asText()).isEqualTo("client-id");
        assertThat(ups.tokenRequests()).isEqualTo(1);
    }

    @Test
    void tokenWorksUntilItExpires() {
        client.login();
        assertThat(client.get("/api/track/v1/details/1ZA1B2C30312345671").status()).isEqualTo(200);

        clock.advance(Duration.ofHours(1));

        TestClient.Answer expired = client.get("/api/track/v1/details/1ZA1B2C30312345671");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(TestClient.errorCode(expired)).isEqualTo("251004");
    }

    @Test
    void missingOrUnknownTokenIsRejectedWith250002() {
        TestClient.Answer missing = client.get("/api/track/v1/details/1ZA1B2C30312345671");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().toString())
                .isEqualTo("{\"response\":{\"errors\":[{\"code\":\"250002\",\"message\":\"Invalid Authentication Information.\"}]}}");

        client.login();
        ups.revokeTokens();
        assertThat(TestClient.errorCode(client.get("/api/track/v1/details/1ZA1B2C30312345671"))).isEqualTo("250002");
    }

    @Test
    void wrongCredentialsAre401WithUpsErrorBody() {
        TestClient.Answer answer = client.token("client-id", "wrong");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(TestClient.errorCode(answer)).isEqualTo("10401");
        assertThat(answer.json().toString()).contains("ClientSecret is Invalid");

        TestClient.Answer unknown = client.token("not-a-client", "client-secret");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().toString()).contains("ClientId is Invalid");
    }

    @Test
    void dailyQuotaAnswers429AndResetsNextDay() {
        ups.dailyTokenQuota(3);
        for (int i = 0; i < 3; i++) {
            assertThat(client.token("client-id", "client-secret").status()).isEqualTo(200);
        }

        TestClient.Answer over = client.token("client-id", "client-secret");
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.json().toString())
                .isEqualTo("{\"response\":{\"errors\":[{\"code\":\"10429\",\"message\":\"Too Many Requests\"}]}}");
        assertThat(ups.tokenRequests()).isEqualTo(4);

        clock.advance(Duration.ofDays(1));
        assertThat(client.token("client-id", "client-secret").status()).isEqualTo(200);
    }

    @Test
    void tokenRequestWithoutGrantTypeDoesNotValidate() {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(ups.baseUrl() + "/security/v1/oauth/token"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("client-id:client-secret".getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("scope=public")).build();

        assertThat(client.send(request).status()).isEqualTo(400);
        assertThat(ups.validationFailures()).singleElement().asString().contains("grant_type");
        ups.clearValidationFailures();
    }

    @Test
    void tokenEndpoint429Fault() {
        ups.faults().tokenTooManyRequests(1);

        assertThat(client.token("client-id", "client-secret").status()).isEqualTo(429);
        assertThat(client.token("client-id", "client-secret").status()).isEqualTo(200);
    }
}
