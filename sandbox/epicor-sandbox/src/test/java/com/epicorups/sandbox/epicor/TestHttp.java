package com.epicorups.sandbox.epicor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A tiny client for the sandbox, sending the same headers the connector does. */
final class TestHttp {
  static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  static final String CO = "EPIC06";

  record Reply(int status, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  /** Generous: a test that is not about a timeout must not fail on a busy machine. */
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
  private final EpicorSandbox sandbox;
  String apiKey = "sandbox-api-key";
  String authorization = basic("integration", "secret");
  Duration timeout = TIMEOUT;
  String company = CO;

  TestHttp(EpicorSandbox sandbox) {
    this.sandbox = sandbox;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** {root}/api/v2/odata/{company}/ + path (company EPIC06 unless set). */
  String api(String path) {
    return sandbox.rootUrl() + "/api/v2/odata/" + company + "/" + path;
  }

  Reply get(String url) {
    return send(request(url).GET());
  }

  Reply patch(String url, String json) {
    return send(request(url).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
  }

  Reply post(String url, String json) {
    return send(request(url).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Reply delete(String url) {
    return send(request(url).DELETE());
  }

  HttpRequest.Builder request(String url) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Accept", "application/json");
    if (apiKey != null) {
      b.header("x-api-key", apiKey);
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  Reply send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply sendRaw(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), r);
  }
}
