package com.epicorups.ups;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Typed, validated settings of the UPS client: the UpsSecret (base URL, client id/secret, merchant id) plus
 * the {@code ups} sub-object of CONNECTOR_SETTINGS. Immutable; build with {@link #builder()} or
 * {@link #fromJson(JsonNode, JsonNode)}. The client secret never appears in {@link #toString()}.
 */
public final class UpsSettings {
    public enum LabelFormat { GIF, ZPL, EPL }

    /**
     * What the shipment creator does with text longer than UPS takes once nothing more can be kept by re-wrapping
     * it (ups.textTooLong): FIT sends the words that fit and names what was cut in the audit entry; REFUSE fails
     * the release with FIELD_TOO_LONG (DLQ, no UPS call) for a person to shorten the data in Epicor.
     */
    public enum TextTooLong { FIT, REFUSE }

    /** Label stock UPS prints thermal labels on: 4 wide, 6 or 8 high (LabelSpecification_LabelStockSize). */
    public static final Set<String> LABEL_STOCK_SIZES = Set.of("4x6", "4x8");

    public enum TrackAlertVersion { V1, V2 }

    /** One shipping location: shipper account and ship-from address. */
    public record Warehouse(String code, String shipperName, String attentionName, String accountNumber,
                            String merchantId, String phone, List<String> lines, String city,
                            String stateProvince, String postalCode, String countryCode) {
        public Warehouse {
            lines = lines == null ? List.of() : List.copyOf(lines);
        }

        /** The merchant id the token for this account is requested with (null = the secret's default). */
        public String tokenMerchantId(String fallback) {
            return merchantId != null ? merchantId : fallback;
        }
    }

    private final URI baseUrl;
    private final String clientId;
    private final String clientSecret;
    private final String merchantId;
    private final Map<String, Warehouse> warehouses;
    private final Map<String, String> serviceMap;
    private final String defaultServiceCode;
    private final String packagingCode;
    private final LabelFormat labelFormat;
    private final String labelStockHeight;
    private final String labelStockWidth;
    private final TextTooLong textTooLong;
    private final boolean groupReleasesByOrder;
    private final boolean refuseUnmappedShipVia;
    private final String requestOption;
    private final boolean declaredValue;
    private final TrackAlertVersion trackAlertVersion;
    private final String trackAlertType;
    private final String trackAlertWebhookUrl;
    private final String trackAlertCredentialType;
    private final String quantumViewSubscription;
    private final int quantumViewMaxPages;
    private final long tokenDailyBudget;
    private final Duration tokenRefreshMargin;
    private final Duration tokenThrottleBlock;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration shipTimeout;
    private final String transactionSrc;
    private final ZoneId eventTimeZone;
    private final Set<String> labelRecoveryNotFoundCodes;

    private UpsSettings(Builder b) {
        this.baseUrl = require(b.baseUrl, "UpsSecret.baseUrl");
        this.clientId = requireText(b.clientId, "UpsSecret.clientId");
        this.clientSecret = requireText(b.clientSecret, "UpsSecret.clientSecret");
        this.merchantId = blankToNull(b.merchantId);
        this.warehouses = Map.copyOf(b.warehouses);
        this.serviceMap = Map.copyOf(b.serviceMap);
        this.defaultServiceCode = requireText(b.defaultServiceCode, "ups.defaultServiceCode");
        this.packagingCode = requireText(b.packagingCode, "ups.packagingCode");
        this.labelFormat = require(b.labelFormat, "ups.labelFormat");
        this.labelStockHeight = requireText(b.labelStockHeight, "ups.labelStockSize height");
        this.labelStockWidth = requireText(b.labelStockWidth, "ups.labelStockSize width");
        this.textTooLong = require(b.textTooLong, "ups.textTooLong");
        this.groupReleasesByOrder = b.groupReleasesByOrder;
        this.refuseUnmappedShipVia = b.refuseUnmappedShipVia;
        this.requestOption = requireText(b.requestOption, "ups.requestOption");
        this.declaredValue = b.declaredValue;
        this.trackAlertVersion = require(b.trackAlertVersion, "ups.trackAlertVersion");
        this.trackAlertType = requireText(b.trackAlertType, "ups.trackAlertType");
        this.trackAlertWebhookUrl = blankToNull(b.trackAlertWebhookUrl);
        this.trackAlertCredentialType = requireText(b.trackAlertCredentialType, "ups.trackAlertCredentialType");
        this.quantumViewSubscription = blankToNull(b.quantumViewSubscription);
        this.quantumViewMaxPages = b.quantumViewMaxPages;
        this.tokenDailyBudget = b.tokenDailyBudget;
        this.tokenRefreshMargin = require(b.tokenRefreshMargin, "ups.tokenRefreshMargin");
        this.tokenThrottleBlock = require(b.tokenThrottleBlock, "ups.tokenThrottleBlock");
        this.connectTimeout = require(b.connectTimeout, "ups.timeouts.connectMillis");
        this.requestTimeout = require(b.requestTimeout, "ups.timeouts.requestMillis");
        this.shipTimeout = require(b.shipTimeout, "ups.timeouts.shipMillis");
        this.transactionSrc = requireText(b.transactionSrc, "ups.transactionSrc");
        this.eventTimeZone = require(b.eventTimeZone, "ups.eventTimeZone");
        this.labelRecoveryNotFoundCodes = Set.copyOf(b.labelRecoveryNotFoundCodes);
        if (tokenDailyBudget < 1) {
            throw invalid("ups.tokenDailyBudget must be at least 1, was " + tokenDailyBudget);
        }
        if (quantumViewMaxPages < 1) {
            throw invalid("ups.quantumViewMaxPages must be at least 1, was " + quantumViewMaxPages);
        }
        if (trackAlertVersion == TrackAlertVersion.V1 && trackAlertWebhookUrl == null) {
            throw invalid("ups.trackAlertWebhookUrl is required when ups.trackAlertVersion is V1 "
                    + "(Track Alert v1 carries the webhook destination in every subscription)");
        }
        if (!"standard".equals(trackAlertType) && !"enhanced".equals(trackAlertType)) {
            throw invalid("ups.trackAlertType must be standard or enhanced, was " + trackAlertType);
        }
        if (!LABEL_STOCK_SIZES.contains(labelStockWidth + "x" + labelStockHeight)) {
            throw invalid("ups.labelStockSize must be 4x6 or 4x8 (width x height, inches): UPS prints labels 4 wide "
                    + "and 6 or 8 high, was " + labelStockWidth + "x" + labelStockHeight);
        }
        if (transactionSrc.length() > 512) {
            throw invalid("ups.transactionSrc must be at most 512 characters");
        }
        for (Warehouse w : warehouses.values()) {
            validateWarehouse(w);
        }
    }

    private static void validateWarehouse(Warehouse w) {
        String where = "ups.warehouses." + w.code();
        if (w.accountNumber() == null || w.accountNumber().isBlank()) {
            throw invalid(where + ".accountNumber is missing: every warehouse needs its 6-character UPS account");
        }
        if (!w.accountNumber().matches("[A-Za-z0-9]{6}")) {
            throw invalid(where + ".accountNumber must be exactly 6 letters or digits, was '" + w.accountNumber() + "'");
        }
        if (w.shipperName() == null || w.shipperName().isBlank()) {
            throw invalid(where + ".shipperName is missing");
        }
        if (w.shipperName().length() > 35) {
            throw invalid(where + ".shipperName is longer than UPS's 35 characters");
        }
        if (w.attentionName() != null && w.attentionName().length() > 35) {
            throw invalid(where + ".attentionName is longer than UPS's 35 characters");
        }
        if (w.lines().isEmpty() || w.lines().size() > 3) {
            throw invalid(where + ".address.lines must hold 1 to 3 lines");
        }
        for (String line : w.lines()) {
            if (line.length() > 35) {
                throw invalid(where + ".address.lines has a line longer than 35 characters: '" + line + "'");
            }
        }
        if (w.city() == null || w.city().isBlank()) {
            throw invalid(where + ".address.city is missing");
        }
        if (w.countryCode() == null || !Set.of(java.util.Locale.getISOCountries()).contains(w.countryCode())) {
            throw invalid(where + ".address.countryCode must be a 2-letter ISO 3166 code (GB, not UK), was '"
                    + w.countryCode() + "'");
        }
        if (("US".equals(w.countryCode()) || "CA".equals(w.countryCode()) || "PR".equals(w.countryCode()))
                && (w.stateProvince() == null || w.stateProvince().isBlank())) {
            throw invalid(where + ".address.stateProvince is required for " + w.countryCode());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.baseUrl = baseUrl;
        b.clientId = clientId;
        b.clientSecret = clientSecret;
        b.merchantId = merchantId;
        b.warehouses.putAll(warehouses);
        b.serviceMap.putAll(serviceMap);
        b.defaultServiceCode = defaultServiceCode;
        b.packagingCode = packagingCode;
        b.labelFormat = labelFormat;
        b.labelStockHeight = labelStockHeight;
        b.labelStockWidth = labelStockWidth;
        b.textTooLong = textTooLong;
        b.groupReleasesByOrder = groupReleasesByOrder;
        b.refuseUnmappedShipVia = refuseUnmappedShipVia;
        b.requestOption = requestOption;
        b.declaredValue = declaredValue;
        b.trackAlertVersion = trackAlertVersion;
        b.trackAlertType = trackAlertType;
        b.trackAlertWebhookUrl = trackAlertWebhookUrl;
        b.trackAlertCredentialType = trackAlertCredentialType;
        b.quantumViewSubscription = quantumViewSubscription;
        b.quantumViewMaxPages = quantumViewMaxPages;
        b.tokenDailyBudget = tokenDailyBudget;
        b.tokenRefreshMargin = tokenRefreshMargin;
        b.tokenThrottleBlock = tokenThrottleBlock;
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        b.shipTimeout = shipTimeout;
        b.transactionSrc = transactionSrc;
        b.eventTimeZone = eventTimeZone;
        b.labelRecoveryNotFoundCodes.clear();
        b.labelRecoveryNotFoundCodes.addAll(labelRecoveryNotFoundCodes);
        return b;
    }

    /**
     * Parses the UpsSecret JSON and the {@code ups} sub-object of CONNECTOR_SETTINGS (either the whole
     * settings document or just its {@code ups} object). Every settings key is optional except warehouses
     * used for shipping; a malformed value fails with a message naming the key.
     */
    public static UpsSettings fromJson(JsonNode secret, JsonNode settings) {
        if (secret == null || !secret.isObject()) {
            throw invalid("UpsSecret must be a JSON object with baseUrl, clientId and clientSecret");
        }
        Builder b = builder();
        String base = str(secret, "baseUrl");
        if (base == null) {
            throw invalid("UpsSecret.baseUrl is missing (https://wwwcie.ups.com or https://onlinetools.ups.com)");
        }
        try {
            URI uri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            b.baseUrl(uri);
        } catch (IllegalArgumentException e) {
            throw invalid("UpsSecret.baseUrl is not a URL: " + base);
        }
        b.clientId(str(secret, "clientId")).clientSecret(str(secret, "clientSecret")).merchantId(str(secret, "merchantId"));

        JsonNode ups = settings == null ? null : (settings.has("ups") ? settings.get("ups") : settings);
        if (ups == null || ups.isNull() || ups.isMissingNode()) {
            return b.build();
        }
        if (!ups.isObject()) {
            throw invalid("CONNECTOR_SETTINGS.ups must be a JSON object");
        }
        JsonNode whs = ups.path("warehouses");
        if (!whs.isMissingNode() && !whs.isNull()) {
            if (!whs.isObject()) {
                throw invalid("ups.warehouses must be an object {warehouseCode: {...}}");
            }
            whs.fields().forEachRemaining(e -> b.warehouse(parseWarehouse(e.getKey(), e.getValue())));
        }
        JsonNode map = ups.path("serviceMap");
        if (!map.isMissingNode() && !map.isNull()) {
            if (!map.isObject()) {
                throw invalid("ups.serviceMap must be an object {ShipViaCode: UPS service code}");
            }
            map.fields().forEachRemaining(e -> {
                String code = e.getValue().asText("").trim();
                if (!code.matches("[0-9A-Za-z]{2,3}")) {
                    throw invalid("ups.serviceMap." + e.getKey() + " is not a UPS service code: '" + code + "'");
                }
                b.service(e.getKey(), code);
            });
        }
        String def = str(ups, "defaultServiceCode") != null ? str(ups, "defaultServiceCode") : str(ups, "defaultService");
        if (def != null) {
            b.defaultServiceCode(def);
        }
        if (str(ups, "packagingCode") != null) {
            b.packagingCode(str(ups, "packagingCode"));
        }
        if (str(ups, "labelFormat") != null) {
            try {
                b.labelFormat(LabelFormat.valueOf(str(ups, "labelFormat").toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw invalid("ups.labelFormat must be GIF, ZPL or EPL, was " + str(ups, "labelFormat"));
            }
        }
        JsonNode stock = ups.path("labelStockSize");
        if (stock.isTextual()) {
            String[] wh = stock.asText().toLowerCase().split("x");
            if (wh.length != 2) {
                throw invalid("ups.labelStockSize must be like \"4x6\" (width x height), was " + stock.asText());
            }
            b.labelStock(wh[0].trim(), wh[1].trim());
        } else if (stock.isObject()) {
            b.labelStock(Objects.requireNonNullElse(str(stock, "width"), "4"), Objects.requireNonNullElse(str(stock, "height"), "6"));
        }
        if (str(ups, "textTooLong") != null) {
            try {
                b.textTooLong(TextTooLong.valueOf(str(ups, "textTooLong").toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw invalid("ups.textTooLong must be FIT or REFUSE, was " + str(ups, "textTooLong"));
            }
        }
        b.groupReleasesByOrder(bool(ups, "groupReleasesByOrder", false));
        if (str(ups, "unmappedShipVia") != null) {
            String mode = str(ups, "unmappedShipVia").toLowerCase();
            if (!mode.equals("default") && !mode.equals("refuse")) {
                throw invalid("ups.unmappedShipVia must be DEFAULT or REFUSE, was " + str(ups, "unmappedShipVia"));
            }
            b.refuseUnmappedShipVia(mode.equals("refuse"));
        }
        b.declaredValue(bool(ups, "declaredValue", false));
        if (str(ups, "requestOption") != null) {
            b.requestOption(str(ups, "requestOption"));
        }
        if (str(ups, "trackAlertVersion") != null) {
            try {
                b.trackAlertVersion(TrackAlertVersion.valueOf(str(ups, "trackAlertVersion").toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw invalid("ups.trackAlertVersion must be V1 or V2, was " + str(ups, "trackAlertVersion"));
            }
        }
        if (str(ups, "trackAlertType") != null) {
            b.trackAlertType(str(ups, "trackAlertType").toLowerCase());
        }
        b.trackAlertWebhookUrl(str(ups, "trackAlertWebhookUrl"));
        if (str(ups, "trackAlertCredentialType") != null) {
            b.trackAlertCredentialType(str(ups, "trackAlertCredentialType"));
        }
        b.quantumViewSubscription(str(ups, "quantumViewSubscription"));
        if (ups.has("quantumViewMaxPages")) {
            b.quantumViewMaxPages((int) longValue(ups, "quantumViewMaxPages"));
        }
        if (ups.has("tokenDailyBudget")) {
            b.tokenDailyBudget(longValue(ups, "tokenDailyBudget"));
        }
        if (ups.has("tokenRefreshMargin")) {
            b.tokenRefreshMargin(duration(ups, "tokenRefreshMargin"));
        }
        if (ups.has("tokenThrottleBlock")) {
            b.tokenThrottleBlock(duration(ups, "tokenThrottleBlock"));
        }
        JsonNode timeouts = ups.path("timeouts");
        if (timeouts.isObject()) {
            if (timeouts.has("connectMillis")) {
                b.connectTimeout(Duration.ofMillis(longValue(timeouts, "connectMillis")));
            }
            if (timeouts.has("requestMillis")) {
                b.requestTimeout(Duration.ofMillis(longValue(timeouts, "requestMillis")));
            }
            if (timeouts.has("shipMillis")) {
                b.shipTimeout(Duration.ofMillis(longValue(timeouts, "shipMillis")));
            }
        }
        if (str(ups, "transactionSrc") != null) {
            b.transactionSrc(str(ups, "transactionSrc"));
        }
        if (str(ups, "eventTimeZone") != null) {
            try {
                b.eventTimeZone(ZoneId.of(str(ups, "eventTimeZone")));
            } catch (RuntimeException e) {
                throw invalid("ups.eventTimeZone is not a time zone id: " + str(ups, "eventTimeZone"));
            }
        }
        JsonNode nf = ups.path("labelRecoveryNotFoundCodes");
        if (nf.isArray()) {
            b.labelRecoveryNotFoundCodes.clear();
            nf.forEach(n -> b.labelRecoveryNotFoundCodes.add(n.asText().trim()));
        }
        return b.build();
    }

    private static Warehouse parseWarehouse(String code, JsonNode w) {
        String where = "ups.warehouses." + code;
        if (!w.isObject()) {
            throw invalid(where + " must be an object");
        }
        JsonNode address = w.path("address");
        if (!address.isObject()) {
            throw invalid(where + ".address is missing (lines, city, stateProvince, postalCode, countryCode)");
        }
        List<String> lines = new ArrayList<>();
        JsonNode ln = address.path("lines");
        if (ln.isArray()) {
            ln.forEach(l -> {
                if (!l.asText("").isBlank()) {
                    lines.add(l.asText().trim());
                }
            });
        } else if (ln.isTextual()) {
            lines.add(ln.asText().trim());
        }
        String country = str(address, "countryCode");
        return new Warehouse(code, str(w, "shipperName"), str(w, "attentionName"), str(w, "accountNumber"),
                str(w, "merchantId"), str(w, "phone"), lines, str(address, "city"), str(address, "stateProvince"),
                str(address, "postalCode"), country == null ? null : country.toUpperCase());
    }

    private static String str(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (v.isContainerNode()) {
            throw invalid(field + " must be a string");
        }
        String t = v.asText().trim();
        return t.isEmpty() ? null : t;
    }

    private static boolean bool(JsonNode node, String field, boolean dflt) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String t = v.asText().trim().toLowerCase();
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        throw invalid("ups." + field + " must be true or false, was " + v);
    }

    private static long longValue(JsonNode node, String field) {
        JsonNode v = node.path(field);
        try {
            return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
            throw invalid("ups." + field + " must be a whole number, was " + v);
        }
    }

    /** A number of seconds, or an ISO-8601 duration such as PT5M. */
    private static Duration duration(JsonNode node, String field) {
        JsonNode v = node.path(field);
        String t = v.asText().trim();
        try {
            return t.toUpperCase().startsWith("P") ? Duration.parse(t) : Duration.ofSeconds(Long.parseLong(t));
        } catch (RuntimeException e) {
            throw invalid("ups." + field + " must be seconds or an ISO-8601 duration (PT5M), was " + v);
        }
    }

    private static ConnectorException invalid(String message) {
        return new ConnectorException(Reason.UPS_SETTINGS_INVALID, message);
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw invalid(name + " is missing");
        }
        return value;
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw invalid(name + " is missing");
        }
        return value.trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The warehouse for an Epicor WarehouseCode, or a permanent UNKNOWN_WAREHOUSE failure. */
    public Warehouse warehouse(String code) {
        Warehouse w = code == null ? null : warehouses.get(code);
        if (w == null) {
            throw new ConnectorException(Reason.UNKNOWN_WAREHOUSE, "no UPS shipper is configured for warehouse '" + code + "' (CONNECTOR_SETTINGS ups.warehouses has "
                            + warehouses.keySet() + ")");
        }
        return w;
    }

    /**
     * The UPS service code for an Epicor ShipViaCode: the configured default for a blank code, and for a code
     * the service map does not name unless {@code ups.unmappedShipVia} is REFUSE. Then such a code (FEDX, a
     * truck line, will-call) is refused with the permanent reason SHIP_VIA_NOT_UPS: a UPS label bought for a
     * release another carrier ships is money lost.
     */
    public String serviceFor(String shipViaCode) {
        String code = shipViaCode == null ? "" : shipViaCode.trim();
        if (serviceMap.containsKey(code)) {
            return serviceMap.get(code);
        }
        if (refuseUnmappedShipVia && !code.isEmpty()) {
            throw new ConnectorException(Reason.SHIP_VIA_NOT_UPS, "ShipVia '" + code
                    + "' is not in ups.serviceMap " + serviceMap.keySet() + " (ups.unmappedShipVia is REFUSE)");
        }
        return defaultServiceCode;
    }

    /** Whether a ShipViaCode missing from the service map is refused rather than shipped with the default. */
    public boolean refuseUnmappedShipVia() { return refuseUnmappedShipVia; }

    public URI baseUrl() { return baseUrl; }
    public String clientId() { return clientId; }
    /** The OAuth client secret: hand it only to the token provider. */
    public String clientSecret() { return clientSecret; }
    public String merchantId() { return merchantId; }
    public Map<String, Warehouse> warehouses() { return warehouses; }
    public Map<String, String> serviceMap() { return serviceMap; }
    public String defaultServiceCode() { return defaultServiceCode; }
    public String packagingCode() { return packagingCode; }
    public LabelFormat labelFormat() { return labelFormat; }
    public String labelStockHeight() { return labelStockHeight; }
    public String labelStockWidth() { return labelStockWidth; }
    public TextTooLong textTooLong() { return textTooLong; }
    public boolean groupReleasesByOrder() { return groupReleasesByOrder; }
    public String requestOption() { return requestOption; }
    public boolean declaredValue() { return declaredValue; }
    public TrackAlertVersion trackAlertVersion() { return trackAlertVersion; }
    public String trackAlertType() { return trackAlertType; }
    public String trackAlertWebhookUrl() { return trackAlertWebhookUrl; }
    public String trackAlertCredentialType() { return trackAlertCredentialType; }
    public String quantumViewSubscription() { return quantumViewSubscription; }
    public int quantumViewMaxPages() { return quantumViewMaxPages; }
    public long tokenDailyBudget() { return tokenDailyBudget; }
    public Duration tokenRefreshMargin() { return tokenRefreshMargin; }
    public Duration tokenThrottleBlock() { return tokenThrottleBlock; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration requestTimeout() { return requestTimeout; }
    public Duration shipTimeout() { return shipTimeout; }
    public String transactionSrc() { return transactionSrc; }
    public ZoneId eventTimeZone() { return eventTimeZone; }
    public Set<String> labelRecoveryNotFoundCodes() { return labelRecoveryNotFoundCodes; }

    @Override
    public String toString() {
        return "UpsSettings[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret=***, merchantId="
                + merchantId + ", warehouses=" + warehouses.keySet() + ", serviceMap=" + serviceMap
                + ", defaultServiceCode=" + defaultServiceCode + ", labelFormat=" + labelFormat
                + ", trackAlertVersion=" + trackAlertVersion + ", tokenDailyBudget=" + tokenDailyBudget + "]";
    }

    /** Mutable builder with the documented defaults. */
    public static final class Builder {
        private URI baseUrl;
        private String clientId;
        private String clientSecret;
        private String merchantId;
        private final Map<String, Warehouse> warehouses = new LinkedHashMap<>();
        private final Map<String, String> serviceMap = new LinkedHashMap<>();
        private String defaultServiceCode = "03";
        private String packagingCode = "02";
        private LabelFormat labelFormat = LabelFormat.ZPL;
        private String labelStockHeight = "6";
        private String labelStockWidth = "4";
        private TextTooLong textTooLong = TextTooLong.FIT;
        private boolean groupReleasesByOrder;
        private boolean refuseUnmappedShipVia;
        private String requestOption = "validate";
        private boolean declaredValue;
        private TrackAlertVersion trackAlertVersion = TrackAlertVersion.V2;
        private String trackAlertType = "standard";
        private String trackAlertWebhookUrl;
        private String trackAlertCredentialType = "Bearer";
        private String quantumViewSubscription;
        private int quantumViewMaxPages = 50;
        private long tokenDailyBudget = 200;
        private Duration tokenRefreshMargin = Duration.ofMinutes(5);
        private Duration tokenThrottleBlock = Duration.ofMinutes(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration shipTimeout = Duration.ofSeconds(60);
        private String transactionSrc = "epicor-ups-connector";
        private ZoneId eventTimeZone = ZoneId.of("UTC");
        /**
         * UPS publishes no Label Recovery "nothing found" code, so none is assumed: until the code UPS answers is
         * confirmed in CIE and set here, a Label Recovery answer is never read as "nothing shipped" (issue 12).
         */
        private final Set<String> labelRecoveryNotFoundCodes = new LinkedHashSet<>();

        public Builder baseUrl(URI v) { baseUrl = v; return this; }
        public Builder baseUrl(String v) { baseUrl = URI.create(v); return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder clientSecret(String v) { clientSecret = v; return this; }
        public Builder merchantId(String v) { merchantId = v; return this; }
        public Builder warehouse(Warehouse w) { warehouses.put(w.code(), w); return this; }
        public Builder service(String shipVia, String upsCode) { serviceMap.put(shipVia, upsCode); return this; }
        public Builder defaultServiceCode(String v) { defaultServiceCode = v; return this; }
        public Builder packagingCode(String v) { packagingCode = v; return this; }
        public Builder labelFormat(LabelFormat v) { labelFormat = v; return this; }
        public Builder labelStock(String width, String height) { labelStockWidth = width; labelStockHeight = height; return this; }
        public Builder textTooLong(TextTooLong v) { textTooLong = v; return this; }
        public Builder groupReleasesByOrder(boolean v) { groupReleasesByOrder = v; return this; }
        public Builder refuseUnmappedShipVia(boolean v) { refuseUnmappedShipVia = v; return this; }
        public Builder requestOption(String v) { requestOption = v; return this; }
        public Builder declaredValue(boolean v) { declaredValue = v; return this; }
        public Builder trackAlertVersion(TrackAlertVersion v) { trackAlertVersion = v; return this; }
        public Builder trackAlertType(String v) { trackAlertType = v; return this; }
        public Builder trackAlertWebhookUrl(String v) { trackAlertWebhookUrl = v; return this; }
        public Builder trackAlertCredentialType(String v) { trackAlertCredentialType = v; return this; }
        public Builder quantumViewSubscription(String v) { quantumViewSubscription = v; return this; }
        public Builder quantumViewMaxPages(int v) { quantumViewMaxPages = v; return this; }
        public Builder tokenDailyBudget(long v) { tokenDailyBudget = v; return this; }
        public Builder tokenRefreshMargin(Duration v) { tokenRefreshMargin = v; return this; }
        public Builder tokenThrottleBlock(Duration v) { tokenThrottleBlock = v; return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        public Builder shipTimeout(Duration v) { shipTimeout = v; return this; }
        public Builder transactionSrc(String v) { transactionSrc = v; return this; }
        public Builder eventTimeZone(ZoneId v) { eventTimeZone = v; return this; }
        public Builder labelRecoveryNotFoundCode(String v) { labelRecoveryNotFoundCodes.add(v); return this; }

        public UpsSettings build() {
            return new UpsSettings(this);
        }
    }
}
