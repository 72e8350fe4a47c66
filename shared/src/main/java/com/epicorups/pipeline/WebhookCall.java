package com.epicorups.pipeline;

import java.util.Map;

/**
 * One HTTP call to the Track Alert webhook as API Gateway passes it: the method, the headers (case-insensitive
 * names), the body as sent and whether API Gateway base64-encoded it, and the caller's address (for the count of
 * refused calls; may be null).
 */
public record WebhookCall(String method, Map<String, String> headers, String body, boolean base64Encoded,
                          String sourceIp) {
    public WebhookCall {
        headers = headers == null ? Map.of() : headers;
    }

    /** A POST with a plain body, as UPS sends its events. */
    public static WebhookCall post(Map<String, String> headers, String body) {
        return new WebhookCall("POST", headers, body, false, null);
    }
}
