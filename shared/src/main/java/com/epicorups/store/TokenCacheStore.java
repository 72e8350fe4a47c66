package com.epicorups.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The shared cache of OAuth tokens, one item per credential set. The key names the account
 * (for example {@code ups#clientIdHash#merchantId}), never the secret.
 */
public interface TokenCacheStore {
    Optional<CachedToken> get(String cacheKey);

    /**
     * Takes the refresh lease if nobody holds an unexpired one. Exactly one of many concurrent callers
     * gets true; the others wait for the token it stores.
     */
    boolean tryAcquireRefreshLease(String cacheKey, String owner, Instant now, Duration leaseFor);

    /** Stores a fresh token and releases the lease held by {@code owner}. */
    void storeToken(String cacheKey, String owner, CachedToken token);

    /** Gives the lease up without a token (the refresh failed). */
    void releaseLease(String cacheKey, String owner);

    /** Counts one token request against the UTC day; returns the count after this one. */
    long incrementDailyRequests(String cacheKey, LocalDate day);

    long dailyRequests(String cacheKey, LocalDate day);

    /**
     * Records that the token endpoint throttled this credential set until {@code until}, so other
     * instances fail fast instead of calling it again. Stores that cannot hold it may ignore it.
     */
    default void blockUntil(String cacheKey, Instant until) {
    }

    /** When the token endpoint may be called again for this credential set; empty when not blocked. */
    default Optional<Instant> blockedUntil(String cacheKey) {
        return Optional.empty();
    }
}
