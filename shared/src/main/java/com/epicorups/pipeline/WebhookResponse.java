package com.epicorups.pipeline;

import java.util.Map;

/** What the webhook answers UPS: a status, a small JSON body, and any header beyond Content-Type (Allow on a 405). */
public record WebhookResponse(int statusCode, String body, Map<String, String> headers) {
    public WebhookResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public WebhookResponse(int statusCode, String body) {
        this(statusCode, body, Map.of());
    }
}
