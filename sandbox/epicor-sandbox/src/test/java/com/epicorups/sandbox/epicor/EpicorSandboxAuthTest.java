package com.epicorups.sandbox.epicor;

import com.epicorups.testing.MutableClock;
import static com.epicorups.sandbox.epicor.EpicorErrorAssert.assertEpicorError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EpicorSandboxAuthTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
  private EpicorSandbox sandbox;
  private TestHttp http;

  @BeforeEach
  void start() {
    sandbox = EpicorSandbox.builder().dataset(EpicorDataset.sample()).apiKey("sandbox-api-key")
        .user("integration", "secret").oauthClient("client-id", "client-secret")
        .tokenLifetime(Duration.ofMinutes(60)).clock(clock).build().start();
    http = new TestHttp(sandbox);
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  private String ordersUrl() {
    return http.api("Erp.BO.SalesOrderSvc/SalesOrders?$top=1");
  }

  @Test
  void basicWithApiKeyIsServed() {
    TestHttp.Reply reply = http.get(ordersUrl());
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("value")).hasSize(1);
    assertThat(sandbox.rootUrl()).matches("http://127\\.0\\.0\\.1:\\d+/EpicorSandbox");
  }

  @Test
  void missingOrWrongApiKeyIs401EvenWithGoodBasic() {
    http.apiKey = null;
    assertEpicorError(http.get(ordersUrl()), 401, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    http.apiKey = "wrong";
    assertEpicorError(http.get(ordersUrl()), 401, EpicorApiException.UNAUTHORIZED_EXCEPTION);
  }

  @Test
  void badOrMissingIdentityIs401() {
    http.authorization = TestHttp.basic("integration", "wrong");
    assertEpicorError(http.get(ordersUrl()), 401, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    http.authorization = null;
    assertEpicorError(http.get(ordersUrl()), 401, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    http.authorization = "Bearer not-a-token";
    assertEpicorError(http.get(ordersUrl()), 401, EpicorApiException.UNAUTHORIZED_EXCEPTION);
  }

  @Test
  void tokenResourceIssuesJsonBearerThatExpires() {
    TestHttp.Reply token = http.send(HttpRequest.newBuilder(URI.create(sandbox.rootUrl() + "/TokenResource.svc/"))
        .header("username", "integration").header("password", "secret").header("Accept", "application/json")
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(token.status()).isEqualTo(200);
    JsonNode body = token.json();
    assertThat(body.get("TokenType").asText()).isEqualTo("Bearer");
    assertThat(body.get("ExpiresIn").asLong()).isEqualTo(3600);
    String accessToken = body.get("AccessToken").asText();
    assertThat(accessToken.split("\\.")).hasSize(3);

    http.authorization = "Bearer " + accessToken;
    assertThat(http.get(ordersUrl()).status()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(59));
    assertThat(http.get(ordersUrl()).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(1));
    String message = assertEpicorError(http.get(ordersUrl()), 401, EpicorApiException.UNAUTHORIZED_EXCEPTION);
    assertThat(message).containsIgnoringCase("expired");
  }

  @Test
  void tokenResourceAnswersXmlWithoutJsonAcceptAndTakesBasicToo() {
    TestHttp.Reply token = http.send(HttpRequest.newBuilder(URI.create(sandbox.rootUrl() + "/TokenResource.svc/"))
        .header("Authorization", TestHttp.basic("integration", "secret")).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.raw().headers().firstValue("Content-Type").orElse("")).contains("xml");
    assertThat(token.body()).startsWith("<Token").contains("<AccessToken>").contains("<TokenType>Bearer</TokenType>");
    String accessToken = token.body().replaceAll(".*<AccessToken>(.*)</AccessToken>.*", "$1");
    http.authorization = "Bearer " + accessToken;
    assertThat(http.get(ordersUrl()).status()).isEqualTo(200);
  }

  @Test
  void tokenResourceRejectsBadPassword() {
    TestHttp.Reply token = http.send(HttpRequest.newBuilder(URI.create(sandbox.rootUrl() + "/TokenResource.svc/"))
        .header("username", "integration").header("password", "nope").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.noBody()));
    assertEpicorError(token, 401, EpicorApiException.UNAUTHORIZED_EXCEPTION);
  }

  @Test
  void oauthClientCredentialsTokenIsAcceptedUntilExpireAll() {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(sandbox.oauthTokenUrl()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(
            "grant_type=client_credentials&client_id=client-id&client_secret=client-secret&scope=epicor_erp"));
    TestHttp.Reply token = http.send(req);
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.json().get("token_type").asText()).isEqualTo("Bearer");
    assertThat(token.json().get("expires_in").asLong()).isEqualTo(3600);
    http.authorization = "Bearer " + token.json().get("access_token").asText();
    assertThat(http.get(ordersUrl()).status()).isEqualTo(200);

    sandbox.faults().expireAllTokens();
    assertEpicorError(http.get(ordersUrl()), 401, EpicorApiException.UNAUTHORIZED_EXCEPTION);

    TestHttp.Reply bad = http.send(HttpRequest.newBuilder(URI.create(sandbox.oauthTokenUrl()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=client-id&client_secret=x")));
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.json().get("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void unknownCompanyIsAClearEpicorError() {
    TestHttp.Reply reply = http.get(sandbox.rootUrl() + "/api/v2/odata/NOPE/Erp.BO.SalesOrderSvc/SalesOrders?$top=1");
    assertThat(assertEpicorError(reply, 400, EpicorApiException.BO_EXCEPTION)).contains("NOPE");
  }

  @Test
  void requestsAreRecordedWithoutCredentials() {
    http.get(ordersUrl());
    http.apiKey = null;
    http.get(ordersUrl());
    RecordedRequest first = sandbox.requests().all().get(0);
    assertThat(first.kind()).isEqualTo(RequestKind.READ_SET);
    assertThat(first.path()).endsWith("/Erp.BO.SalesOrderSvc/SalesOrders");
    assertThat(first.query()).isEqualTo("$top=1");
    assertThat(first.header("Authorization")).isEqualTo("Basic");
    assertThat(first.header("x-api-key")).isEqualTo("sandbox-api-key");
    assertThat(first.status()).isEqualTo(200);
    assertThat(sandbox.requests().all().get(1).status()).isEqualTo(401);
    assertThat(sandbox.requests().count(RequestKind.READ_SET)).isEqualTo(2);
  }
}
