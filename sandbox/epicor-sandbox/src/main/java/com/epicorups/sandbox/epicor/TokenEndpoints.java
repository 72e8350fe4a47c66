package com.epicorups.sandbox.epicor;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {root}/TokenResource.svc/ (Epicor's own tokens) and {root}/connect/token (an OAuth2 IdP's client credentials). */
final class TokenEndpoints {
  private final EpicorSandbox sandbox;
  private final EpicorSandbox.Settings settings;

  TokenEndpoints(EpicorSandbox sandbox) {
    this.sandbox = sandbox;
    this.settings = sandbox.settings();
  }

  void tokenResource(HttpExchange exchange, Reply reply) {
    requirePost(exchange);
    Headers h = exchange.getRequestHeaders();
    String user = h.getFirst("username");
    String password = h.getFirst("password");
    if (user == null) {
      String[] basic = basicCredentials(h);
      if (basic != null) {
        user = basic[0];
        password = basic[1];
      }
    }
    if (user == null || password == null || !password.equals(settings.users().get(user))) {
      throw EpicorApiException.unauthorized("Incorrect username or password.");
    }
    TokenIssuer.Issued issued = sandbox.tokens().issue(user);
    String accept = Optional.ofNullable(h.getFirst("Accept")).orElse("");
    if (accept.toLowerCase(Locale.ROOT).contains("json")) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("AccessToken", issued.token());
      body.put("ExpiresIn", sandbox.tokens().lifetimeSeconds());
      body.put("TokenType", "Bearer");
      reply.json(200, body);
    } else {
      reply.xml(("<Token xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\"><AccessToken>" + issued.token()
          + "</AccessToken><ExpiresIn>" + sandbox.tokens().lifetimeSeconds()
          + "</ExpiresIn><TokenType>Bearer</TokenType></Token>").getBytes(StandardCharsets.UTF_8));
    }
  }

  void oauthToken(HttpExchange exchange, Reply reply) throws IOException {
    requirePost(exchange);
    Map<String, String> form = parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String clientId = form.get("client_id");
    String clientSecret = form.get("client_secret");
    String[] basic = basicCredentials(exchange.getRequestHeaders());
    if (basic != null) {
      clientId = basic[0];
      clientSecret = basic[1];
    }
    String grant = form.getOrDefault("grant_type", "");
    if (!grant.equals("client_credentials")) {
      reply.json(400, Map.of("error", "unsupported_grant_type"));
      return;
    }
    if (clientId == null || clientSecret == null || !clientSecret.equals(settings.oauthClients().get(clientId))) {
      reply.json(401, Map.of("error", "invalid_client"));
      return;
    }
    TokenIssuer.Issued issued = sandbox.tokens().issue(clientId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", issued.token());
    body.put("expires_in", sandbox.tokens().lifetimeSeconds());
    body.put("token_type", "Bearer");
    body.put("scope", form.getOrDefault("scope", "epicor_erp"));
    reply.json(200, body);
  }

  /** The user (or OAuth client) a v2 call runs as: x-api-key plus Basic or an unexpired Bearer, else 401. */
  String authenticate(Headers headers) {
    String key = headers.getFirst("x-api-key");
    if (key == null || !key.equals(settings.apiKey())) {
      throw EpicorApiException.unauthorized(key == null ? "API key is required." : "Invalid API key.");
    }
    String authorization = headers.getFirst("Authorization");
    if (authorization == null) {
      throw EpicorApiException.unauthorized("Authorization has been denied for this request.");
    }
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return sandbox.tokens().identityOf(authorization.substring(7).trim())
          .orElseThrow(() -> EpicorApiException.unauthorized("Access token is invalid or has expired."));
    }
    String[] basic = basicCredentials(headers);
    if (basic != null && basic[1].equals(settings.users().get(basic[0]))) {
      return basic[0];
    }
    throw EpicorApiException.unauthorized("Incorrect username or password.");
  }

  private static void requirePost(HttpExchange exchange) {
    if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
      throw Reply.methodNotAllowed(exchange.getRequestMethod());
    }
  }

  private static String[] basicCredentials(Headers headers) {
    String authorization = headers.getFirst("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(name, value);
    }
    return form;
  }
}
