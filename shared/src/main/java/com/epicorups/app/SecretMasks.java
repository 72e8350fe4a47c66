package com.epicorups.app;

import com.epicorups.logging.Redactor;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Registers the sensitive values of a connector secret (EpicorSecret, UpsSecret, WebhookSecret; see
 * docs/configuration.md) with the {@link Redactor}, so that no log line, whatever class writes it, can print
 * one. Names, ids and URLs in the same secrets stay readable: masking "EPIC06" would blank every release key.
 */
final class SecretMasks {
    /** Keys whose text value is a credential in any of the three secrets. */
    static final List<String> SECRET_KEYS = List.of("password", "apiKey", "clientSecret", "credential",
            "previousCredential");
    /** Keys whose array elements are credentials (WebhookSecret's static bearer tokens). */
    static final List<String> SECRET_ARRAYS = List.of("bearerTokens");

    private SecretMasks() {
    }

    static void register(JsonNode secret, Redactor redactor) {
        if (secret == null || !secret.isObject()) {
            return;
        }
        for (String key : SECRET_KEYS) {
            redactor.register(text(secret, key));
        }
        for (String key : SECRET_ARRAYS) {
            secret.path(key).forEach(value -> redactor.register(value.isTextual() ? value.asText() : null));
        }
        // The Basic headers built from them: Epicor's user (BASIC, TOKEN), an OAuth client (Epicor OAUTH2, UPS).
        redactor.registerBasicCredentials(text(secret, "username"), text(secret, "password"));
        redactor.registerBasicCredentials(text(secret, "clientId"), text(secret, "clientSecret"));
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
