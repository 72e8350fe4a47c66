package com.epicorups.epicor;

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
import java.util.Locale;

/**
 * The EpicorSecret (Secrets Manager): where Epicor is, which company, and who the connector is there. Read at
 * first use, never during a function's start (a SnapStart snapshot holds no secret), and again whenever its
 * value changes. {@link #toString()} prints no credential.
 */
public record EpicorSecret(URI baseUrl, String company, String apiKey, AuthMode authMode, String username,
                           String password, String clientId, String clientSecret, URI tokenUrl, String scope,
                           String plant) {

    public enum AuthMode { BASIC, TOKEN, OAUTH2 }

    /** Problems read {@code Epicor setting 'apiKey' is required}. */
    static final Wording WORDING = Wording.of("EpicorSecret", path -> "Epicor setting '" + path + "'");

    /**
     * PERMANENT: retrying cannot fix a wrong secret, so work that needs it goes to the DLQ at once with the
     * reason, and a redrive after the fix (secrets are re-read within minutes) completes it.
     */
    public static final Reason REASON = Reason.EPICOR_SETTINGS_INVALID;

    public EpicorSecret {
        baseUrl = baseUrl == null ? null : withoutTrailingSlashes(baseUrl);
        company = SettingText.trimmedOrNull(company);
        apiKey = SettingText.trimmedOrNull(apiKey);
        authMode = authMode == null ? AuthMode.BASIC : authMode;
        username = SettingText.trimmedOrNull(username);
        password = SettingText.trimmedOrNull(password);
        clientId = SettingText.trimmedOrNull(clientId);
        clientSecret = SettingText.trimmedOrNull(clientSecret);
        scope = SettingText.trimmedOrNull(scope);
        plant = SettingText.trimmedOrNull(plant);
    }

    /** For the settings reader: the components in declaration order. */
    private EpicorSecret(SettingsBinder.Components c) {
        this(c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(),
                c.next());
    }

    /**
     * @throws ConnectorException PERMANENT EPICOR_SETTINGS_INVALID, naming every problem (never a value of a credential)
     */
    public static EpicorSecret parse(JsonNode secret) {
        List<String> problems = new ArrayList<>();
        if (secret == null || !secret.isObject()) {
            throw invalid(List.of(WORDING.problem("EpicorSecret", "must be a JSON object")));
        }
        EpicorSecret parsed = SettingsBinder.bind(secret, EpicorSecret.class, "", WORDING, problems);
        parsed.check(problems);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return parsed;
    }

    private void check(List<String> problems) {
        if (baseUrl == null) {
            problems.add(WORDING.problem("baseUrl", "is required"));
        } else if (httpUrlProblem(baseUrl) != null) {
            problems.add(WORDING.problem("baseUrl", httpUrlProblem(baseUrl)));
        } else if (baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
            problems.add(WORDING.problem("baseUrl",
                    "must be the server root like https://host/instance, without query or fragment"));
        }
        if (company == null) {
            problems.add(WORDING.problem("company", "is required"));
        } else if (company.contains("#")) {
            problems.add(WORDING.problem("company", "must not contain '#'"));
        }
        if (apiKey == null) {
            problems.add(WORDING.problem("apiKey", "is required"));
        }
        if (authMode == AuthMode.OAUTH2) {
            required(problems, "clientId", clientId);
            required(problems, "clientSecret", clientSecret);
            required(problems, "tokenUrl", tokenUrl);
        } else {
            required(problems, "username", username);
            required(problems, "password", password);
        }
        if (tokenUrl != null && httpUrlProblem(tokenUrl) != null) {
            problems.add(WORDING.problem("tokenUrl", httpUrlProblem(tokenUrl)));
        }
    }

    /** {@code {root}/api/v2/odata/{Company}/}. */
    public String odataRoot() {
        return baseUrl + "/api/v2/odata/" + OData.pathSegment(company) + "/";
    }

    /** {@code {root}/TokenResource.svc/} (the trailing slash matters). */
    public String tokenResourceUrl() {
        return baseUrl + "/TokenResource.svc/";
    }

    public static Builder builder() {
        return new Builder(JsonNodeFactory.instance.objectNode());
    }

    public Builder toBuilder() {
        return new Builder(SettingsBinder.toJson(this));
    }

    /** Never prints a credential. */
    @Override
    public String toString() {
        return "EpicorSecret[baseUrl=" + baseUrl + ", company=" + company + ", authMode=" + authMode + ", plant="
                + plant + "]";
    }

    private static ConnectorException invalid(List<String> problems) {
        return new ConnectorException(REASON, String.join("; ", problems));
    }

    private static void required(List<String> problems, String key, Object value) {
        if (value == null) {
            problems.add(WORDING.problem(key, "is required"));
        }
    }

    private static String httpUrlProblem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            return "must be an http(s) URL with a host, was '" + uri + "'";
        }
        return null;
    }

    private static URI withoutTrailingSlashes(URI uri) {
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    /** Writes the secret's JSON, so what code builds is read and checked as Secrets Manager's value would be. */
    public static final class Builder {
        private final ObjectNode json;

        private Builder(ObjectNode json) {
            this.json = json;
        }

        public Builder baseUrl(String v) { json.put("baseUrl", v); return this; }
        public Builder company(String v) { json.put("company", v); return this; }
        public Builder apiKey(String v) { json.put("apiKey", v); return this; }
        public Builder authMode(AuthMode v) { json.put("authMode", v.name()); return this; }
        public Builder username(String v) { json.put("username", v); return this; }
        public Builder password(String v) { json.put("password", v); return this; }
        public Builder clientId(String v) { json.put("clientId", v); return this; }
        public Builder clientSecret(String v) { json.put("clientSecret", v); return this; }
        public Builder tokenUrl(String v) { json.put("tokenUrl", v); return this; }
        public Builder scope(String v) { json.put("scope", v); return this; }
        public Builder plant(String v) { json.put("plant", v); return this; }

        /** @throws ConnectorException PERMANENT EPICOR_SETTINGS_INVALID naming every problem */
        public EpicorSecret build() {
            return parse(json);
        }
    }
}
