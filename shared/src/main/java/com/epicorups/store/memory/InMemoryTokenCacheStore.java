package com.epicorups.store.memory;

import com.epicorups.store.CachedToken;
import com.epicorups.store.TokenCacheStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The local-run token cache: same contract as the DynamoDB one, held in memory. */
public final class InMemoryTokenCacheStore implements TokenCacheStore {
    private final Map<String, CachedToken> tokens = new HashMap<>();
    private final Map<String, Lease> leases = new HashMap<>();
    private final Map<String, Long> dailyCounts = new HashMap<>();
    private final Map<String, Instant> blocks = new HashMap<>();

    private record Lease(String owner, Instant until) {
    }

    @Override
    public synchronized Optional<CachedToken> get(String cacheKey) {
        return Optional.ofNullable(tokens.get(cacheKey));
    }

    @Override
    public synchronized boolean tryAcquireRefreshLease(String cacheKey, String owner, Instant now, Duration leaseFor) {
        Lease current = leases.get(cacheKey);
        if (current != null && current.until().isAfter(now) && !current.owner().equals(owner)) {
            return false;
        }
        leases.put(cacheKey, new Lease(owner, now.plus(leaseFor)));
        return true;
    }

    @Override
    public synchronized void storeToken(String cacheKey, String owner, CachedToken token) {
        tokens.put(cacheKey, token);
        releaseLease(cacheKey, owner);
    }

    @Override
    public synchronized void releaseLease(String cacheKey, String owner) {
        Lease current = leases.get(cacheKey);
        if (current != null && current.owner().equals(owner)) {
            leases.remove(cacheKey);
        }
    }

    @Override
    public synchronized long incrementDailyRequests(String cacheKey, LocalDate day) {
        return dailyCounts.merge(cacheKey + "#" + day, 1L, Long::sum);
    }

    @Override
    public synchronized long dailyRequests(String cacheKey, LocalDate day) {
        return dailyCounts.getOrDefault(cacheKey + "#" + day, 0L);
    }

    @Override
    public synchronized void blockUntil(String cacheKey, Instant until) {
        blocks.merge(cacheKey, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public synchronized Optional<Instant> blockedUntil(String cacheKey) {
        return Optional.ofNullable(blocks.get(cacheKey));
    }
}
