package com.epicorups.epicor.auth;

import com.epicorups.epicor.HttpExchange;
import java.time.Clock;

/** An identity that sends a bearer token it fetched itself, fetching a new one when it holds none usable. */
abstract class BearerTokenIdentity implements Identity {
    protected final Clock clock;
    protected volatile BearerToken token;

    protected BearerTokenIdentity(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String authorization(HttpExchange http) {
        if (!holdsUsableToken()) {
            // Calls made at the same time (a batch's concurrent reads) wait for one token request, not one each.
            synchronized (this) {
                if (!holdsUsableToken()) {
                    refresh(http);
                }
            }
        }
        return "Bearer " + token.value();
    }

    protected boolean holdsUsableToken() {
        BearerToken t = token;
        return t != null && t.usableAt(clock.instant());
    }

    @Override
    public boolean renewable() {
        return true;
    }
}
