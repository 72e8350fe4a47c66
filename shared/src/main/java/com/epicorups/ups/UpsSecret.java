package com.epicorups.ups;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.core.settings.SettingText;
import com.epicorups.core.settings.SettingsBinder;
import com.epicorups.core.settings.Wording;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The UpsSecret (Secrets Manager): which UPS (CIE or production) and the app's OAuth client credentials. Read at
 * first use, never during a function's start (a SnapStart snapshot holds no secret), and again whenever its
 * value changes. {@link #toString()} never prints the client secret.
 *
 * @param merchantId the account sent as {@code x-merchant-id} when a token is requested; a warehouse's own
 *                   merchantId overrides it for that warehouse's calls
 */
public record UpsSecret(URI baseUrl, String clientId, String clientSecret, String merchantId) {
    /** PERMANENT: a shipment request that needs UPS goes to the DLQ at once with this reason, replayable after the fix. */
    public static final Reason REASON = Reason.UPS_SETTINGS_INVALID;

    /** Problems read {@code UpsSecret.baseUrl is missing}. */
    static final Wording WORDING = Wording.of("UpsSecret", path -> "UpsSecret." + path).listingChoices();

    public UpsSecret {
        if (baseUrl != null && baseUrl.toString().endsWith("/")) {
            String text = baseUrl.toString();
            baseUrl = URI.create(text.substring(0, text.length() - 1));
        }
        clientId = SettingText.trimmedOrNull(clientId);
        clientSecret = SettingText.trimmedOrNull(clientSecret);
        merchantId = SettingText.trimmedOrNull(merchantId);
    }

    /** For the settings reader: the components in declaration order. */
    private UpsSecret(SettingsBinder.Components c) {
        this(c.next(), c.next(), c.next(), c.next());
    }

    /** @throws ConnectorException PERMANENT UPS_SETTINGS_INVALID, naming every problem (never the client secret) */
    public static UpsSecret parse(JsonNode secret) {
        if (secret == null || !secret.isObject()) {
            throw invalid(List.of("UpsSecret must be a JSON object with baseUrl, clientId and clientSecret"));
        }
        List<String> problems = new ArrayList<>();
        UpsSecret parsed = SettingsBinder.bind(secret, UpsSecret.class, "", WORDING, problems);
        parsed.check(problems);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return parsed;
    }

    private void check(List<String> problems) {
        if (baseUrl == null) {
            problems.add("UpsSecret.baseUrl is missing (https://wwwcie.ups.com or https://onlinetools.ups.com)");
        } else if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            problems.add("UpsSecret.baseUrl is not a URL: " + baseUrl);
        }
        if (clientId == null) {
            problems.add("UpsSecret.clientId is missing");
        }
        if (clientSecret == null) {
            problems.add("UpsSecret.clientSecret is missing");
        }
    }

    public static Builder builder() {
        return new Builder(JsonNodeFactory.instance.objectNode());
    }

    public Builder toBuilder() {
        return new Builder(SettingsBinder.toJson(this));
    }

    @Override
    public String toString() {
        return "UpsSecret[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret=***, merchantId="
                + merchantId + "]";
    }

    private static ConnectorException invalid(List<String> problems) {
        return new ConnectorException(REASON, String.join("; ", problems));
    }

    /** Writes the secret's JSON, so what code builds is read and checked as Secrets Manager's value would be. */
    public static final class Builder {
        private final ObjectNode json;

        private Builder(ObjectNode json) {
            this.json = json;
        }

        public Builder baseUrl(String v) { json.put("baseUrl", v); return this; }
        public Builder clientId(String v) { json.put("clientId", v); return this; }
        public Builder clientSecret(String v) { json.put("clientSecret", v); return this; }
        public Builder merchantId(String v) { json.put("merchantId", v); return this; }

        /** @throws ConnectorException PERMANENT UPS_SETTINGS_INVALID naming every problem */
        public UpsSecret build() {
            return parse(json);
        }
    }
}
