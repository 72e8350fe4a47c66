package com.epicorups.epicor.auth;

import com.epicorups.epicor.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP Basic with an Epicor user (use a dedicated integration user). */
public final class BasicIdentity implements Identity {
    private final String header;

    public BasicIdentity(String username, String password) {
        this.header = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String authorization(HttpExchange http) {
        return header;
    }

    @Override
    public void refresh(HttpExchange http) {
        // Nothing to renew: the credentials go with every call.
    }

    @Override
    public boolean renewable() {
        return false;
    }
}
