package com.epicorups.epicor.auth;

import com.epicorups.epicor.HttpExchange;

/** Who the connector is to Epicor (the API key is separate and always sent). */
public interface Identity {
    /** The Authorization header value; fetches a token first when none is held. */
    String authorization(HttpExchange http);

    /** Drops any held token and fetches a new one (no-op for Basic). */
    void refresh(HttpExchange http);

    /** At the start of a poll cycle; by default fetches a fresh token (see {@link #refresh}). */
    default void startCycle(HttpExchange http) {
        refresh(http);
    }

    /** Whether a 401 may be cured by {@link #refresh} (true for tokens, false for Basic). */
    boolean renewable();
}
