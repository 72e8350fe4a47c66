package com.epicorups.store;

import java.time.Instant;

/** An OAuth access token and when it expires. Never logged: see {@link #toString()}. */
public record CachedToken(String accessToken, Instant issuedAt, Instant expiresAt) {
    public boolean validAt(Instant instant) {
        return instant.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "CachedToken[issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + ", accessToken=***]";
    }
}
