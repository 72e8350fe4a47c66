package com.epicorups.sandbox.ups;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** OAuth client-credentials tokens: issue, expire, and a daily per-client quota like UPS's. */
final class TokenService {

    record Issued(String clientId, String accessToken, Instant issuedAt, Instant expiresAt) {
    }

    enum Check { OK, MISSING, UNKNOWN, EXPIRED }

    private final Map<String, String> clients;
    private final Clock clock;
    private volatile Duration lifetime;
    private volatile int dailyQuota;
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Map<String, Integer> issuedPerDay = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    TokenService(Map<String, String> clients, Clock clock, Duration lifetime, int dailyQuota) {
        this.clients = Map.copyOf(clients);
        this.clock = clock;
        this.lifetime = lifetime;
        this.dailyQuota = dailyQuota;
    }

    boolean clientKnown(String clientId) {
        return clientId != null && clients.containsKey(clientId);
    }

    boolean credentialsValid(String clientId, String secret) {
        return clientId != null && secret != null && secret.equals(clients.get(clientId));
    }

    /** Counts the request against today's quota; false when the quota is already used up. */
    synchronized boolean withinQuota(String clientId) {
        String key = clientId + "#" + LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int used = issuedPerDay.getOrDefault(key, 0);
        if (used >= dailyQuota) {
            return false;
        }
        issuedPerDay.put(key, used + 1);
        return true;
    }

    Issued issue(String clientId) {
        byte[] bytes = new byte[96];
        random.nextBytes(bytes);
        String token = "eyJraWQiOiJzYW5kYm94In0." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Issued issued = new Issued(clientId, token, now, now.plus(lifetime));
        tokens.put(token, issued);
        return issued;
    }

    Check check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Check.MISSING;
        }
        Issued issued = tokens.get(authorization.substring(7).trim());
        if (issued == null) {
            return Check.UNKNOWN;
        }
        return clock.instant().isBefore(issued.expiresAt()) ? Check.OK : Check.EXPIRED;
    }

    Duration lifetime() {
        return lifetime;
    }

    void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    void dailyQuota(int quota) {
        this.dailyQuota = quota;
    }

    /** Expires every issued token now (e.g. to test the client's 401 refresh path). */
    void revokeAll() {
        tokens.clear();
    }
}
