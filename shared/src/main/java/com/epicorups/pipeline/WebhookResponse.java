package com.epicorups.pipeline;

/** What the webhook answers UPS: a status and a small JSON body. */
public record WebhookResponse(int statusCode, String body) {
}
