package com.epicorups.epicor;

import com.epicorups.model.WeightUnit;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the Epicor client needs, typed and validated. Built from the EpicorSecret JSON and the
 * {@code epicor} sub-object of CONNECTOR_SETTINGS by {@link #fromJson}, or with {@link #builder()} in code.
 * Every validation failure names the offending setting.
 */
public final class EpicorSettings {

    public enum AuthMode { BASIC, TOKEN, OAUTH2 }

    /** How OAuth2 client credentials are presented to the token endpoint. */
    public enum OAuthClientAuth { BASIC, BODY }

    public enum Source { ORDER_RELS, BAQ }

    public enum WeightSource { NET, GROSS }

    public enum CheckpointMode { SYSREVID, CHANGEDATE }

    /**
     * Open, not void, firm releases flagged ready to fulfil. Only OrderRel database columns, so Epicor can
     * evaluate it in SQL; header and line state are checked by the connector after the batched reads.
     */
    public static final String DEFAULT_ELIGIBILITY_FILTER =
            "OpenRelease eq true and VoidRelease eq false and FirmRelease eq true and ReadyToFulfill eq true";

    /** The reconciliation sweep runs once a day unless configured otherwise. */
    public static final int DEFAULT_SWEEP_EVERY_HOURS = 24;
    /** Thirty days: a sweep rarer than that leaves a stuck release unshipped for longer than anyone waits. */
    public static final int MAX_SWEEP_EVERY_HOURS = 720;

    private final URI baseUrl;
    private final String company;
    private final String apiKey;
    private final AuthMode authMode;
    private final String username;
    private final String password;
    private final String clientId;
    private final String clientSecret;
    private final URI tokenUrl;
    private final String scope;
    private final OAuthClientAuth oauthClientAuth;
    private final String plant;
    private final int pageSize;
    private final String eligibilityFilter;
    private final Source source;
    private final String baqId;
    private final WeightSource weightSource;
    private final WeightUnit weightUnit;
    private final CheckpointMode checkpointMode;
    private final WriteBackMapping writeBack;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final int keysPerCall;
    private final int maxPagesPerCycle;
    private final int sweepEveryHours;
    private final java.util.Set<String> upsShipViaCodes;

    private EpicorSettings(Builder b) {
        this.baseUrl = parseBaseUrl(b.baseUrl);
        this.company = required(b.company, "company");
        if (company.contains("#")) {
            throw invalid("company", "must not contain '#'");
        }
        this.apiKey = required(b.apiKey, "apiKey");
        this.authMode = Objects.requireNonNull(b.authMode, "authMode");
        this.plant = blankToNull(b.plant);
        if (authMode == AuthMode.OAUTH2) {
            this.clientId = required(b.clientId, "clientId");
            this.clientSecret = required(b.clientSecret, "clientSecret");
            String token = required(b.tokenUrl, "tokenUrl");
            this.tokenUrl = parseHttpUrl(token, "tokenUrl");
            this.username = blankToNull(b.username);
            this.password = blankToNull(b.password);
        } else {
            this.username = required(b.username, "username");
            this.password = required(b.password, "password");
            this.clientId = blankToNull(b.clientId);
            this.clientSecret = blankToNull(b.clientSecret);
            this.tokenUrl = b.tokenUrl == null || b.tokenUrl.isBlank() ? null : parseHttpUrl(b.tokenUrl, "tokenUrl");
        }
        this.scope = blankToNull(b.scope);
        this.oauthClientAuth = Objects.requireNonNull(b.oauthClientAuth, "oauthClientAuth");
        if (b.pageSize < 1 || b.pageSize > 1000) {
            throw invalid("epicor.pageSize", "must be between 1 and 1000, was " + b.pageSize);
        }
        this.pageSize = b.pageSize;
        this.eligibilityFilter = required(b.eligibilityFilter, "epicor.eligibilityFilter");
        this.source = Objects.requireNonNull(b.source, "source");
        this.baqId = blankToNull(b.baqId);
        if (source == Source.BAQ && baqId == null) {
            throw invalid("epicor.baqId", "is required when epicor.source is BAQ");
        }
        if (baqId != null && !baqId.matches("[A-Za-z0-9_\\-.]+")) {
            throw invalid("epicor.baqId", "may contain only letters, digits, '_', '-' and '.', was '" + baqId + "'");
        }
        this.weightSource = Objects.requireNonNull(b.weightSource, "weightSource");
        this.weightUnit = Objects.requireNonNull(b.weightUnit, "weightUnit");
        this.checkpointMode = Objects.requireNonNull(b.checkpointMode, "checkpointMode");
        this.writeBack = Objects.requireNonNull(b.writeBack, "writeBack");
        this.connectTimeout = positive(b.connectTimeout, "epicor.connectTimeoutSeconds");
        this.readTimeout = positive(b.readTimeout, "epicor.readTimeoutSeconds");
        if (b.maxAttempts < 1 || b.maxAttempts > 10) {
            throw invalid("epicor.maxAttempts", "must be between 1 and 10, was " + b.maxAttempts);
        }
        this.maxAttempts = b.maxAttempts;
        this.backoffBase = positive(b.backoffBase, "epicor.backoffBaseMillis");
        this.backoffMax = positive(b.backoffMax, "epicor.backoffMaxMillis");
        if (backoffMax.compareTo(backoffBase) < 0) {
            throw invalid("epicor.backoffMaxMillis", "must be at least epicor.backoffBaseMillis");
        }
        if (b.keysPerCall < 1 || b.keysPerCall > 200) {
            throw invalid("epicor.keysPerCall", "must be between 1 and 200, was " + b.keysPerCall);
        }
        this.keysPerCall = b.keysPerCall;
        if (b.maxPagesPerCycle < 1) {
            throw invalid("epicor.maxPagesPerCycle", "must be at least 1, was " + b.maxPagesPerCycle);
        }
        this.maxPagesPerCycle = b.maxPagesPerCycle;
        if (b.sweepEveryHours < 0 || b.sweepEveryHours > MAX_SWEEP_EVERY_HOURS) {
            throw invalid("epicor.sweepEveryHours", "must be between 0 (off) and " + MAX_SWEEP_EVERY_HOURS
                    + ", was " + b.sweepEveryHours);
        }
        this.sweepEveryHours = b.sweepEveryHours;
        this.upsShipViaCodes = java.util.Set.copyOf(b.upsShipViaCodes);
    }

    /**
     * @param secret   the EpicorSecret JSON (baseUrl, company, apiKey, authMode, credentials, plant)
     * @param settings the whole CONNECTOR_SETTINGS JSON (only its {@code epicor} object is read); may be null
     */
    public static EpicorSettings fromJson(JsonNode secret, JsonNode settings) {
        if (secret == null || !secret.isObject()) {
            throw invalid("EpicorSecret", "must be a JSON object");
        }
        Builder b = builder()
                .baseUrl(text(secret, "baseUrl"))
                .company(text(secret, "company"))
                .apiKey(text(secret, "apiKey"))
                .username(text(secret, "username"))
                .password(text(secret, "password"))
                .clientId(text(secret, "clientId"))
                .clientSecret(text(secret, "clientSecret"))
                .tokenUrl(text(secret, "tokenUrl"))
                .scope(text(secret, "scope"))
                .plant(text(secret, "plant"));
        String mode = text(secret, "authMode");
        b.authMode(mode == null ? AuthMode.BASIC : parseEnum(AuthMode.class, mode, "authMode"));

        JsonNode epicor = settings == null ? null : settings.get("epicor");
        if (epicor != null && !epicor.isNull()) {
            if (!epicor.isObject()) {
                throw invalid("epicor", "must be a JSON object");
            }
            if (epicor.has("pageSize")) {
                b.pageSize(intValue(epicor, "pageSize", "epicor.pageSize"));
            }
            if (epicor.hasNonNull("eligibilityFilter")) {
                b.eligibilityFilter(text(epicor, "eligibilityFilter"));
            }
            if (epicor.hasNonNull("source")) {
                b.source(parseEnum(Source.class, text(epicor, "source"), "epicor.source"));
            }
            b.baqId(text(epicor, "baqId"));
            if (epicor.hasNonNull("weightSource")) {
                b.weightSource(parseEnum(WeightSource.class, text(epicor, "weightSource"), "epicor.weightSource"));
            }
            if (epicor.hasNonNull("weightUnit")) {
                b.weightUnit(parseEnum(WeightUnit.class, text(epicor, "weightUnit"), "epicor.weightUnit"));
            }
            if (epicor.hasNonNull("checkpointMode")) {
                b.checkpointMode(parseEnum(CheckpointMode.class, text(epicor, "checkpointMode"),
                        "epicor.checkpointMode"));
            }
            if (epicor.hasNonNull("oauthClientAuth")) {
                b.oauthClientAuth(parseEnum(OAuthClientAuth.class, text(epicor, "oauthClientAuth"),
                        "epicor.oauthClientAuth"));
            }
            JsonNode writeBack = epicor.get("writeBack");
            // CONTRACTS.md names the key "fieldMapping": accepted as writeBack.fields.
            if (epicor.hasNonNull("fieldMapping")) {
                com.fasterxml.jackson.databind.node.ObjectNode merged = writeBack != null && writeBack.isObject()
                        ? ((com.fasterxml.jackson.databind.node.ObjectNode) writeBack).deepCopy()
                        : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                if (!merged.has("fields")) {
                    merged.set("fields", epicor.get("fieldMapping"));
                }
                writeBack = merged;
            }
            if (writeBack != null) {
                b.writeBack(WriteBackMapping.fromJson(writeBack));
            }
            if (epicor.has("connectTimeoutSeconds")) {
                b.connectTimeout(Duration.ofSeconds(intValue(epicor, "connectTimeoutSeconds", "epicor.connectTimeoutSeconds")));
            }
            if (epicor.has("readTimeoutSeconds")) {
                b.readTimeout(Duration.ofSeconds(intValue(epicor, "readTimeoutSeconds", "epicor.readTimeoutSeconds")));
            }
            if (epicor.has("maxAttempts")) {
                b.maxAttempts(intValue(epicor, "maxAttempts", "epicor.maxAttempts"));
            }
            if (epicor.has("backoffBaseMillis")) {
                b.backoffBase(Duration.ofMillis(intValue(epicor, "backoffBaseMillis", "epicor.backoffBaseMillis")));
            }
            if (epicor.has("backoffMaxMillis")) {
                b.backoffMax(Duration.ofMillis(intValue(epicor, "backoffMaxMillis", "epicor.backoffMaxMillis")));
            }
            if (epicor.has("keysPerCall")) {
                b.keysPerCall(intValue(epicor, "keysPerCall", "epicor.keysPerCall"));
            }
            if (epicor.has("maxPagesPerCycle")) {
                b.maxPagesPerCycle(intValue(epicor, "maxPagesPerCycle", "epicor.maxPagesPerCycle"));
            }
            if (epicor.has("sweepEveryHours")) {
                b.sweepEveryHours(intValue(epicor, "sweepEveryHours", "epicor.sweepEveryHours"));
            }
            if (epicor.has("upsShipViaCodes")) {
                JsonNode codes = epicor.get("upsShipViaCodes");
                if (!codes.isArray()) {
                    throw invalid("epicor.upsShipViaCodes", "must be a JSON array of Epicor ShipViaCode values");
                }
                java.util.Set<String> set = new java.util.LinkedHashSet<>();
                codes.forEach(c -> set.add(c.asText().trim()));
                b.upsShipViaCodes(set);
            }
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.baseUrl = baseUrl.toString();
        b.company = company;
        b.apiKey = apiKey;
        b.authMode = authMode;
        b.username = username;
        b.password = password;
        b.clientId = clientId;
        b.clientSecret = clientSecret;
        b.tokenUrl = tokenUrl == null ? null : tokenUrl.toString();
        b.scope = scope;
        b.oauthClientAuth = oauthClientAuth;
        b.plant = plant;
        b.pageSize = pageSize;
        b.eligibilityFilter = eligibilityFilter;
        b.source = source;
        b.baqId = baqId;
        b.weightSource = weightSource;
        b.weightUnit = weightUnit;
        b.checkpointMode = checkpointMode;
        b.writeBack = writeBack;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.maxAttempts = maxAttempts;
        b.backoffBase = backoffBase;
        b.backoffMax = backoffMax;
        b.keysPerCall = keysPerCall;
        b.maxPagesPerCycle = maxPagesPerCycle;
        b.sweepEveryHours = sweepEveryHours;
        b.upsShipViaCodes = upsShipViaCodes;
        return b;
    }

    /** {@code {root}/api/v2/odata/{Company}/}. */
    public String odataRoot() {
        return baseUrl + "/api/v2/odata/" + OData.pathSegment(company) + "/";
    }

    /** {@code {root}/TokenResource.svc/} (the trailing slash matters). */
    public String tokenResourceUrl() {
        return baseUrl + "/TokenResource.svc/";
    }

    public URI baseUrl() { return baseUrl; }
    public String company() { return company; }
    public String apiKey() { return apiKey; }
    public AuthMode authMode() { return authMode; }
    public String username() { return username; }
    public String password() { return password; }
    public String clientId() { return clientId; }
    public String clientSecret() { return clientSecret; }
    public URI tokenUrl() { return tokenUrl; }
    public String scope() { return scope; }
    public OAuthClientAuth oauthClientAuth() { return oauthClientAuth; }
    public String plant() { return plant; }
    public int pageSize() { return pageSize; }
    public String eligibilityFilter() { return eligibilityFilter; }
    public Source source() { return source; }
    public String baqId() { return baqId; }
    public WeightSource weightSource() { return weightSource; }
    public WeightUnit weightUnit() { return weightUnit; }
    public CheckpointMode checkpointMode() { return checkpointMode; }
    public WriteBackMapping writeBack() { return writeBack; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration readTimeout() { return readTimeout; }
    public int maxAttempts() { return maxAttempts; }
    public Duration backoffBase() { return backoffBase; }
    public Duration backoffMax() { return backoffMax; }
    /** How many keys one batched lookup puts in its {@code $filter} before it is split into another call. */
    public int keysPerCall() { return keysPerCall; }
    /** A cycle stops after this many pages (the checkpoint is kept per page, so the next cycle goes on from there). */
    public int maxPagesPerCycle() { return maxPagesPerCycle; }
    /**
     * How often the poller's reconciliation sweep reads every eligible release (not only the changed ones) and
     * enqueues those the shipment ledger has never seen; 0 turns it off.
     */
    public int sweepEveryHours() { return sweepEveryHours; }
    /** The sweep interval, or null when the sweep is off. */
    public Duration sweepEvery() { return sweepEveryHours == 0 ? null : Duration.ofHours(sweepEveryHours); }
    /**
     * The Epicor ShipVia codes that mean UPS; a release whose effective ShipViaCode is another carrier's is
     * skipped (NOT_UPS_SHIP_VIA). Empty means every release is shipped by UPS.
     */
    public java.util.Set<String> upsShipViaCodes() { return upsShipViaCodes; }

    /** Never prints a secret. */
    @Override
    public String toString() {
        return "EpicorSettings[baseUrl=" + baseUrl + ", company=" + company + ", authMode=" + authMode
                + ", plant=" + plant + ", pageSize=" + pageSize + ", source=" + source + ", checkpointMode="
                + checkpointMode + ", weightSource=" + weightSource + ", weightUnit=" + weightUnit + "]";
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Which Epicor entity and columns receive each tracking fact. A null column means "do not write it".
     * ORDER_REL_UD writes user-defined columns of OrderRel (SalesOrderSvc/OrderRels); CUST_SHIP writes
     * ShipHead (CustShipSvc/CustShips) of the pack that ships the release.
     */
    public record WriteBackMapping(Target target, String trackingNumber, String status, String estimatedDelivery,
                                   String deliveredAt, String labelLocation) {
        public enum Target { ORDER_REL_UD, CUST_SHIP }

        public static final WriteBackMapping DEFAULT = new WriteBackMapping(Target.ORDER_REL_UD,
                "TrackingNumber_c", "UPSStatus_c", "EstDeliveryDate_c", "DeliveredDate_c", "LabelLocation_c");

        public WriteBackMapping {
            Objects.requireNonNull(target, "epicor.writeBack.target");
            trackingNumber = checkColumn(trackingNumber, "trackingNumber");
            status = checkColumn(status, "status");
            estimatedDelivery = checkColumn(estimatedDelivery, "estimatedDelivery");
            deliveredAt = checkColumn(deliveredAt, "deliveredAt");
            labelLocation = checkColumn(labelLocation, "labelLocation");
            if (trackingNumber == null && status == null && estimatedDelivery == null && deliveredAt == null
                    && labelLocation == null) {
                throw invalid("epicor.writeBack.fields", "maps no fact to any Epicor column");
            }
        }

        private static String checkColumn(String column, String fact) {
            String c = blankToNull(column);
            if (c != null && !c.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw invalid("epicor.writeBack.fields." + fact, "is not an Epicor column name: '" + c + "'");
            }
            return c;
        }

        /** Fact name (trackingNumber, status, ...) to Epicor column, only the mapped ones, in a stable order. */
        public Map<String, String> columnsByFact() {
            Map<String, String> m = new LinkedHashMap<>();
            if (trackingNumber != null) m.put("trackingNumber", trackingNumber);
            if (status != null) m.put("status", status);
            if (estimatedDelivery != null) m.put("estimatedDelivery", estimatedDelivery);
            if (deliveredAt != null) m.put("deliveredAt", deliveredAt);
            if (labelLocation != null) m.put("labelLocation", labelLocation);
            return m;
        }

        static WriteBackMapping fromJson(JsonNode node) {
            if (node == null || node.isNull()) {
                return DEFAULT;
            }
            if (!node.isObject()) {
                throw invalid("epicor.writeBack", "must be a JSON object");
            }
            Target target = node.hasNonNull("target")
                    ? parseEnum(Target.class, node.get("target").asText(), "epicor.writeBack.target")
                    : Target.ORDER_REL_UD;
            WriteBackMapping base = target == Target.ORDER_REL_UD ? DEFAULT
                    // ShipHead.TrackingNumber is a standard column; every other fact needs a configured UD column.
                    : new WriteBackMapping(Target.CUST_SHIP, "TrackingNumber", null, null, null, null);
            JsonNode fields = node.get("fields");
            if (fields == null || fields.isNull()) {
                return base;
            }
            if (!fields.isObject()) {
                throw invalid("epicor.writeBack.fields", "must be a JSON object of fact -> column");
            }
            fields.fieldNames().forEachRemaining(name -> {
                if (!java.util.Set.of("trackingNumber", "status", "estimatedDelivery", "deliveredAt", "labelLocation")
                        .contains(name)) {
                    throw invalid("epicor.writeBack.fields." + name,
                            "is not a fact; use trackingNumber, status, estimatedDelivery, deliveredAt or labelLocation");
                }
            });
            return new WriteBackMapping(target,
                    pick(fields, "trackingNumber", base.trackingNumber),
                    pick(fields, "status", base.status),
                    pick(fields, "estimatedDelivery", base.estimatedDelivery),
                    pick(fields, "deliveredAt", base.deliveredAt),
                    pick(fields, "labelLocation", base.labelLocation));
        }

        private static String pick(JsonNode fields, String fact, String fallback) {
            if (!fields.has(fact)) {
                return fallback;
            }
            JsonNode v = fields.get(fact);
            return v.isNull() ? null : v.asText();
        }
    }

    // ---------------------------------------------------------------------------------------------

    public static final class Builder {
        private String baseUrl;
        private String company;
        private String apiKey;
        private AuthMode authMode = AuthMode.BASIC;
        private String username;
        private String password;
        private String clientId;
        private String clientSecret;
        private String tokenUrl;
        private String scope;
        private OAuthClientAuth oauthClientAuth = OAuthClientAuth.BASIC;
        private String plant;
        private int pageSize = 100;
        private String eligibilityFilter = DEFAULT_ELIGIBILITY_FILTER;
        private Source source = Source.ORDER_RELS;
        private String baqId;
        private WeightSource weightSource = WeightSource.NET;
        private WeightUnit weightUnit = WeightUnit.LBS;
        private CheckpointMode checkpointMode = CheckpointMode.SYSREVID;
        private WriteBackMapping writeBack = WriteBackMapping.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private int maxAttempts = 3;
        private Duration backoffBase = Duration.ofMillis(500);
        private Duration backoffMax = Duration.ofSeconds(8);
        private int keysPerCall = 40;
        private int maxPagesPerCycle = 100;
        private int sweepEveryHours = DEFAULT_SWEEP_EVERY_HOURS;
        private java.util.Set<String> upsShipViaCodes = java.util.Set.of();

        private Builder() {
        }

        public Builder baseUrl(String v) { baseUrl = v; return this; }
        public Builder company(String v) { company = v; return this; }
        public Builder apiKey(String v) { apiKey = v; return this; }
        public Builder authMode(AuthMode v) { authMode = v; return this; }
        public Builder username(String v) { username = v; return this; }
        public Builder password(String v) { password = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder clientSecret(String v) { clientSecret = v; return this; }
        public Builder tokenUrl(String v) { tokenUrl = v; return this; }
        public Builder scope(String v) { scope = v; return this; }
        public Builder oauthClientAuth(OAuthClientAuth v) { oauthClientAuth = v; return this; }
        public Builder plant(String v) { plant = v; return this; }
        public Builder pageSize(int v) { pageSize = v; return this; }
        public Builder eligibilityFilter(String v) { eligibilityFilter = v; return this; }
        public Builder source(Source v) { source = v; return this; }
        public Builder baqId(String v) { baqId = v; return this; }
        public Builder weightSource(WeightSource v) { weightSource = v; return this; }
        public Builder weightUnit(WeightUnit v) { weightUnit = v; return this; }
        public Builder checkpointMode(CheckpointMode v) { checkpointMode = v; return this; }
        public Builder writeBack(WriteBackMapping v) { writeBack = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder readTimeout(Duration v) { readTimeout = v; return this; }
        public Builder maxAttempts(int v) { maxAttempts = v; return this; }
        public Builder backoffBase(Duration v) { backoffBase = v; return this; }
        public Builder backoffMax(Duration v) { backoffMax = v; return this; }
        public Builder keysPerCall(int v) { keysPerCall = v; return this; }
        public Builder maxPagesPerCycle(int v) { maxPagesPerCycle = v; return this; }
        public Builder sweepEveryHours(int v) { sweepEveryHours = v; return this; }
        public Builder upsShipViaCodes(java.util.Set<String> v) { upsShipViaCodes = Objects.requireNonNull(v); return this; }

        public EpicorSettings build() {
            return new EpicorSettings(this);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * PERMANENT: retrying cannot fix a wrong setting, so work that needs it goes to the DLQ at once with the
     * reason, and a redrive after the fix (secrets and settings are re-read within minutes) completes it.
     */
    private static com.epicorups.core.ConnectorException invalid(String setting, String problem) {
        return new com.epicorups.core.ConnectorException(com.epicorups.core.Reason.EPICOR_SETTINGS_INVALID,
                "Epicor setting '" + setting + "' " + problem);
    }

    private static String required(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw invalid(setting, "is required");
        }
        return value.trim();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Duration positive(Duration d, String setting) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw invalid(setting, "must be positive");
        }
        return d;
    }

    private static URI parseBaseUrl(String value) {
        String v = required(value, "baseUrl");
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        URI uri = parseHttpUrl(v, "baseUrl");
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw invalid("baseUrl", "must be the server root like https://host/instance, without query or fragment");
        }
        return uri;
    }

    private static URI parseHttpUrl(String v, String setting) {
        URI uri;
        try {
            uri = URI.create(v.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(setting, "is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw invalid(setting, "must be an http(s) URL with a host, was '" + v + "'");
        }
        return uri;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static int intValue(JsonNode node, String field, String setting) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw invalid(setting, "must be a whole number, was " + v);
        }
        return v.intValue();
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String setting) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(setting, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())
                    + ", was '" + value + "'");
        }
    }
}
