package com.epicorups.port;

import java.util.Map;

/**
 * Authenticates and parses one Track Alert webhook call. Authentication happens before the body is
 * parsed; header names are matched case-insensitively.
 */
public interface TrackAlertReceiver {
    WebhookVerdict receive(Map<String, String> headers, String body);
}
