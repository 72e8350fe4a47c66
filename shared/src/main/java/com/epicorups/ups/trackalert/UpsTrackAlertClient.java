package com.epicorups.ups.trackalert;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.port.SubscriptionResult;
import com.epicorups.port.TrackAlertSubscriptions;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.transport.UpsApiException;
import com.epicorups.ups.transport.UpsHttp;
import com.epicorups.ups.wire.Nodes;
import com.epicorups.ups.wire.UpsError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Track Alert package subscriptions, 100 numbers per call. v2 ({@code /api/track/v2/subscription/{type}/package})
 * or v1 ({@code /api/track/v1/subscription/standard/package} with destination{url, credentialType, credential}),
 * chosen by ups.trackAlertVersion. Subscriptions last 14 days.
 */
public final class UpsTrackAlertClient implements TrackAlertSubscriptions {
    public static final String OPERATION = "trackAlertSubscribe";
    public static final int MAX_PER_CALL = 100;
    public static final Duration LIFETIME = Duration.ofDays(14);
    private static final Pattern NUMBER = Pattern.compile("^1Z[0-9A-Z]{16}$|^1R[0-9A-Z]{14}$|^1R[0-9A-Z]{26}$");

    private final UpsHttp http;
    private final UpsSettings settings;
    private final String v1Credential;
    private final Clock clock;

    /**
     * @param v1Credential the WebhookSecret {@code credential} UPS echoes to our webhook (v1 only; may be null for v2)
     */
    public UpsTrackAlertClient(UpsHttp http, String v1Credential) {
        this(http, v1Credential, Clock.systemUTC());
    }

    public UpsTrackAlertClient(UpsHttp http, String v1Credential, Clock clock) {
        this.http = http;
        this.settings = http.settings();
        this.v1Credential = v1Credential;
        this.clock = clock;
        if (settings.trackAlertVersion() == UpsSettings.TrackAlertVersion.V1 && (v1Credential == null || v1Credential.isBlank())) {
            throw new ConnectorException(Reason.UPS_SETTINGS_INVALID, "Track Alert v1 needs the webhook credential (WebhookSecret.credential)");
        }
    }

    @Override
    public SubscriptionResult subscribe(List<String> trackingNumbers) {
        Set<String> wanted = new LinkedHashSet<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        for (String t : trackingNumbers) {
            String n = t == null ? "" : t.trim().toUpperCase(Locale.ROOT);
            if (NUMBER.matcher(n).matches()) {
                wanted.add(n);
            } else {
                rejected.put(t == null ? "" : t, "not a 1Z/1R tracking number");
            }
        }
        Instant expires = clock.instant().plus(LIFETIME);
        List<String> accepted = new ArrayList<>();
        List<String> all = new ArrayList<>(wanted);
        for (int from = 0; from < all.size(); from += MAX_PER_CALL) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + MAX_PER_CALL));
            JsonNode json;
            try {
                json = http.post(OPERATION, path(), body(chunk), null, UpsHttp.Retry.IDEMPOTENT).json();
            } catch (UpsApiException e) {
                if (e.httpStatus() != 400) {
                    throw e;
                }
                JsonNode error = parse(e.responseBody());
                List<String> invalid = error == null ? List.of() : Nodes.texts(error.path("invalidTrackingNumbers"));
                String reason = e.errors().isEmpty() ? "rejected by UPS"
                        : String.join("; ", e.errors().stream().map(UpsError::toString).toList());
                if (invalid.isEmpty() && !e.hasCode("VSS210") && !e.hasCode("VSS215")) {
                    throw e;
                }
                // VSS210: none of the numbers is valid; VSS215 (CIE): none is a CIE test number. Either refuses the
                // numbers for good, not the call: the whole chunk is rejected, not retried.
                for (String n : invalid.isEmpty() ? chunk : invalid) {
                    rejected.put(n, reason);
                }
                continue;
            }
            List<String> valid = Nodes.texts(json.path("validTrackingNumbers"));
            List<String> invalid = Nodes.texts(json.path("invalidTrackingNumbers"));
            for (String n : invalid) {
                rejected.put(n, "UPS: invalid tracking number");
            }
            for (String n : valid) {
                accepted.add(n.trim().toUpperCase(Locale.ROOT));
            }
        }
        return new SubscriptionResult(accepted, rejected, expires);
    }

    String path() {
        return settings.trackAlertVersion() == UpsSettings.TrackAlertVersion.V1
                ? "/api/track/v1/subscription/standard/package"
                : "/api/track/v2/subscription/" + settings.trackAlertType() + "/package";
    }

    ObjectNode body(List<String> numbers) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("locale", "en_US");
        root.put("countryCode", "US");
        ArrayNode list = root.putArray("trackingNumberList");
        numbers.forEach(list::add);
        if (settings.trackAlertVersion() == UpsSettings.TrackAlertVersion.V1) {
            ObjectNode dest = root.putObject("destination");
            dest.put("url", settings.trackAlertWebhookUrl());
            dest.put("credentialType", settings.trackAlertCredentialType());
            dest.put("credential", v1Credential);
        }
        return root;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null ? null : Json.mapper().readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "UpsTrackAlertClient[" + settings.trackAlertVersion() + ", credential=***]";
    }
}
