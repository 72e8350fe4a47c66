package com.epicorups.sandbox.epicor;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Issues and checks bearer tokens shaped like Epicor's JWTs (username and exp claims). */
final class TokenIssuer {

  record Issued(String token, String identity, Instant expiresAt) {}

  private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration lifetime;

  TokenIssuer(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  Issued issue(String identity) {
    Instant expiresAt = clock.instant().plus(lifetime);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = b64.encodeToString(("{\"username\":\"" + identity.replace("\"", "") + "\",\"exp\":"
        + expiresAt.getEpochSecond() + ",\"iss\":\"epicor-sandbox\"}").getBytes(StandardCharsets.UTF_8));
    byte[] signature = new byte[32];
    random.nextBytes(signature);
    Issued issued = new Issued(header + "." + payload + "." + b64.encodeToString(signature), identity, expiresAt);
    tokens.put(issued.token(), issued);
    return issued;
  }

  long lifetimeSeconds() {
    return lifetime.toSeconds();
  }

  /** The identity behind a token that exists and has not expired. */
  Optional<String> identityOf(String token) {
    Issued issued = tokens.get(token);
    if (issued == null || !clock.instant().isBefore(issued.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(issued.identity());
  }

  void expireAll() {
    tokens.replaceAll((token, issued) -> new Issued(token, issued.identity(), Instant.EPOCH));
  }
}
