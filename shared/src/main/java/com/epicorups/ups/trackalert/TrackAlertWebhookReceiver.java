package com.epicorups.ups.trackalert;

import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.model.TrackingSource;
import com.epicorups.model.TrackingStatus;
import com.epicorups.model.TrackingUpdate;
import com.epicorups.port.TrackAlertReceiver;
import com.epicorups.port.WebhookVerdict;
import com.epicorups.ups.UpsSettings.TrackAlertVersion;
import com.epicorups.ups.wire.Nodes;
import com.epicorups.ups.wire.UpsStatusMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Authenticates and parses one Track Alert webhook call, with no I/O. Authentication comes first and
 * never looks at the body: v1 compares the {@code credential} header in constant time against the
 * current and previous WebhookSecret credential; v2 requires {@code x-api-key} (when configured) and a
 * {@code Authorization: Bearer} value that is either one of WebhookSecret.bearerTokens or, when
 * {@code jwtIssuer} is configured, a JWT that {@link JwtBearerValidator} accepts (signature against the
 * issuer's JWKS, exp/nbf, iss, aud), unless an API Gateway authorizer validates the bearer token
 * ({@code bearerValidatedByGateway}). Then the body size is capped and the
 * payload parsed leniently (UPS sends "" for unknown fields).
 */
public final class TrackAlertWebhookReceiver implements TrackAlertReceiver {
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    private final TrackAlertVersion version;
    private final boolean bearerValidatedByGateway;
    private final int maxBodyBytes;
    private final ZoneId fallbackZone;
    private final List<byte[]> credentialDigests = new ArrayList<>();
    private final List<byte[]> bearerDigests = new ArrayList<>();
    private final byte[] apiKeyDigest;
    private final JwtBearerValidator jwtValidator;

    public TrackAlertWebhookReceiver(TrackAlertVersion version, WebhookSecret credentials) {
        this(version, credentials, false, DEFAULT_MAX_BODY_BYTES, ZoneOffset.UTC);
    }

    public TrackAlertWebhookReceiver(TrackAlertVersion version, WebhookSecret credentials,
                                     boolean bearerValidatedByGateway, int maxBodyBytes, ZoneId fallbackZone) {
        this(version, credentials, bearerValidatedByGateway, maxBodyBytes, fallbackZone, Clock.systemUTC());
    }

    /** {@code clock} decides JWT expiry and the JWKS cache age. */
    public TrackAlertWebhookReceiver(TrackAlertVersion version, WebhookSecret credentials,
                                     boolean bearerValidatedByGateway, int maxBodyBytes, ZoneId fallbackZone, Clock clock) {
        this.jwtValidator = credentials.jwt() == null ? null : JwtBearerValidator.of(credentials.jwt(), clock);
        this.version = version;
        this.bearerValidatedByGateway = bearerValidatedByGateway;
        this.maxBodyBytes = maxBodyBytes;
        this.fallbackZone = fallbackZone;
        if (credentials.credential() != null) {
            credentialDigests.add(digest(credentials.credential()));
        }
        if (credentials.previousCredential() != null) {
            credentialDigests.add(digest(credentials.previousCredential()));
        }
        for (String b : credentials.bearerTokens()) {
            bearerDigests.add(digest(b));
        }
        this.apiKeyDigest = credentials.apiKey() == null ? null : digest(credentials.apiKey());
    }

    @Override
    public WebhookVerdict receive(Map<String, String> headers, String body) {
        String denied;
        try {
            denied = authenticate(headers == null ? Map.of() : headers);
        } catch (JwtRejectedException keysUnavailable) {
            // Our side failed, not the caller: a 5xx raises the webhook's alarm, where a 401 would pass for a
            // stranger's call while UPS's events are refused.
            return WebhookVerdict.rejected(503, Reason.WEBHOOK_AUTH_UNAVAILABLE, "bearer JWT not checked: " + keysUnavailable.detail());
        }
        if (denied != null) {
            return WebhookVerdict.rejected(401, Reason.WEBHOOK_UNAUTHENTICATED, denied);
        }
        return parse(body);
    }

    /**
     * The body of an event already authenticated (when it arrived), parsed into its update: for the replay of an
     * event the parser of the day could not read.
     */
    public WebhookVerdict parse(String body) {
        if (body == null || body.isBlank()) {
            return WebhookVerdict.rejected(400, Reason.WEBHOOK_MALFORMED, "empty body");
        }
        // A char is at most 3 UTF-8 bytes: only count bytes when the length alone does not decide.
        if (body.length() > maxBodyBytes
                || (body.length() * 3L > maxBodyBytes && body.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes)) {
            return WebhookVerdict.rejected(413, Reason.WEBHOOK_TOO_LARGE, "body larger than " + maxBodyBytes + " bytes");
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (Exception e) {
            return WebhookVerdict.rejected(400, Reason.WEBHOOK_MALFORMED, "body is not JSON");
        }
        if (json == null || !json.isObject()) {
            return WebhookVerdict.rejected(400, Reason.WEBHOOK_MALFORMED, "body is not a JSON object");
        }
        String tracking = Nodes.text(json, "trackingNumber");
        if (tracking == null) {
            return WebhookVerdict.rejected(400, Reason.WEBHOOK_MALFORMED, "trackingNumber is missing");
        }
        tracking = tracking.toUpperCase(Locale.ROOT);
        if (!tracking.matches("[0-9A-Z]{7,34}")) {
            return WebhookVerdict.rejected(400, Reason.WEBHOOK_MALFORMED, "trackingNumber is not a UPS number");
        }
        JsonNode status = json.path("activityStatus");
        String type = Nodes.text(status, "type");
        String code = Nodes.text(status, "code");
        String description = Nodes.text(status, "description");
        if (type == null && code == null && description == null) {
            return WebhookVerdict.rejected(400, Reason.WEBHOOK_MALFORMED, "activityStatus is missing");
        }
        TrackingStatus mapped = UpsStatusMapper.map(type, code, description);
        ZoneOffset offset = UpsStatusMapper.offset(Nodes.text(json, "gmtOffset"));
        Instant eventTime = UpsStatusMapper.instant(Nodes.text(json, "gmtActivityDate"), Nodes.text(json, "gmtActivityTime"),
                ZoneOffset.UTC);
        if (eventTime == null) {
            eventTime = UpsStatusMapper.instant(Nodes.text(json, "localActivityDate"), Nodes.text(json, "localActivityTime"),
                    offset != null ? offset : fallbackZone);
        }
        LocalDate scheduled = UpsStatusMapper.date(Nodes.text(json, "scheduledDeliveryDate"));
        Instant deliveredAt = null;
        if (mapped == TrackingStatus.DELIVERED) {
            deliveredAt = UpsStatusMapper.instant(Nodes.text(json, "actualDeliveryDate"), Nodes.text(json, "actualDeliveryTime"),
                    offset != null ? offset : fallbackZone);
            if (deliveredAt == null) {
                deliveredAt = eventTime;
            }
        }
        String when = firstNonNull(Nodes.text(json, "gmtActivityDate"), Nodes.text(json, "localActivityDate"), "")
                + firstNonNull(Nodes.text(json, "gmtActivityTime"), Nodes.text(json, "localActivityTime"), "");
        String eventId = "ta:" + tracking + ":" + when + ":" + (type == null ? "" : type) + ":" + (code == null ? "" : code);
        return WebhookVerdict.accepted(new TrackingUpdate(eventId, TrackingSource.TRACK_ALERT, null, null, List.of(tracking),
                mapped, description, eventTime, scheduled, deliveredAt, null));
    }

    /** Null when authenticated, else why not (without echoing any presented value). */
    private String authenticate(Map<String, String> headers) throws JwtRejectedException {
        if (version == TrackAlertVersion.V1) {
            String presented = header(headers, "credential");
            if (presented == null) {
                return "no credential header";
            }
            if (credentialDigests.isEmpty()) {
                return "no webhook credential configured";
            }
            return matchesAny(presented, credentialDigests) ? null : "credential does not match";
        }
        if (apiKeyDigest == null && bearerDigests.isEmpty() && jwtValidator == null && !bearerValidatedByGateway) {
            return "no webhook apiKey or bearer token configured";
        }
        if (apiKeyDigest != null) {
            String key = header(headers, "x-api-key");
            if (key == null) {
                return "no x-api-key header";
            }
            if (!MessageDigest.isEqual(digest(key), apiKeyDigest)) {
                return "x-api-key does not match";
            }
        }
        if (!bearerValidatedByGateway) {
            String auth = header(headers, "authorization");
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return "no bearer token";
            }
            String token = auth.substring(7).trim();
            if (!bearerDigests.isEmpty() && matchesAny(token, bearerDigests)) {
                return null;
            }
            if (jwtValidator == null) {
                return "bearer token not accepted";
            }
            try {
                jwtValidator.validate(token);
            } catch (JwtRejectedException e) {
                if (e.keySetUnavailable()) {
                    throw e;
                }
                return "bearer JWT rejected: " + e.detail();
            }
        }
        return null;
    }

    private static boolean matchesAny(String presented, List<byte[]> digests) {
        byte[] d = digest(presented);
        boolean match = false;
        for (byte[] candidate : digests) {
            // Compare against every candidate so timing does not reveal which one matched.
            match |= MessageDigest.isEqual(d, candidate);
        }
        return match;
    }

    private static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                String v = e.getValue();
                return v == null || v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "TrackAlertWebhookReceiver[" + version + ", credentials=***]";
    }
}
