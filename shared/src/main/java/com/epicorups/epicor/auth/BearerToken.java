package com.epicorups.epicor.auth;

import com.epicorups.logging.Redactor;
import java.time.Instant;

/** A bearer token and when it stops working. Never printed, and masked in every log line once held. */
record BearerToken(String value, Instant expiresAt) {
    BearerToken {
        Redactor.global().register(value);
    }

    boolean usableAt(Instant now) {
        // Renew a minute early so a token does not expire in the middle of a page.
        return expiresAt == null || now.isBefore(expiresAt.minusSeconds(60));
    }

    @Override
    public String toString() {
        return "BearerToken[expiresAt=" + expiresAt + "]";
    }
}
