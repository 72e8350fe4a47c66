package com.epicorups.ups;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.core.settings.Expected;
import com.epicorups.core.settings.SettingText;
import com.epicorups.core.settings.SettingsBinder;
import com.epicorups.core.settings.TextForm;
import com.epicorups.core.settings.Wording;
import com.epicorups.model.WeightUnit;
import com.epicorups.ups.customs.CustomsSettings;
import com.epicorups.ups.service.BestWay;
import com.epicorups.ups.service.LaneServiceChoice;
import com.epicorups.ups.service.ShipViaService;
import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code ups} section of CONNECTOR_SETTINGS: shipper accounts, services, labels, tracking and token limits.
 * Each component is one key (docs/configuration.md#ups), its default is set in the constructor and its rules are
 * in {@link #check}. Read with {@link #read} (as part of {@code ConnectorSettings.parse}) or built with
 * {@link #builder()}. The endpoint and OAuth credentials are the {@link UpsSecret}'s.
 */
public record UpsSettings(
        @Expected("an object {warehouseCode: {...}}") Map<String, Warehouse> warehouses,
        @Expected("an object {ShipViaCode: UPS service code, or {domestic, canada, mexico, international}}")
        Map<String, ShipViaService> serviceMap,
        @JsonAlias("defaultService") String defaultServiceCode,
        UnmappedShipVia unmappedShipVia,
        String packagingCode,
        LabelFormat labelFormat,
        LabelStockSize labelStockSize,
        TextTooLong textTooLong,
        @Expected("a weight with its unit, like \"50 LBS\" or {\"value\": 50, \"unit\": \"LBS\"}") PackageWeight maxPackageWeight,
        AddressValidationMode addressValidation,
        String requestOption,
        Boolean declaredValue,
        Boolean groupReleasesByOrder,
        String transactionSrc,
        ZoneId eventTimeZone,
        Set<String> labelRecoveryNotFoundCodes,
        TrackAlertVersion trackAlertVersion,
        String trackAlertType,
        String trackAlertWebhookUrl,
        String trackAlertCredentialType,
        String quantumViewSubscription,
        Integer quantumViewMaxPages,
        Long tokenDailyBudget,
        Duration tokenRefreshMargin,
        Duration tokenThrottleBlock,
        Timeouts timeouts,
        CustomsSettings customs,
        @Expected("an object {ShipViaCode: {maxTransitDays, services}}") Map<String, BestWay> bestWay) {

    public enum LabelFormat { GIF, ZPL, EPL }

    public enum TrackAlertVersion { V1, V2 }

    /** What the creator does with a non-blank ShipVia the service map does not name. */
    public enum UnmappedShipVia { DEFAULT, REFUSE }

    /**
     * What the shipment creator does with text longer than UPS takes once nothing more can be kept by re-wrapping
     * it (ups.textTooLong): FIT sends the words that fit and names what was cut in the audit entry; REFUSE fails
     * the release with FIELD_TOO_LONG (DLQ, no UPS call) for a person to shorten the data in Epicor.
     */
    public enum TextTooLong { FIT, REFUSE }

    /**
     * What the creator does when UPS Address Validation finds no candidate for a US or PR ship-to, or cannot be had
     * (ups.addressValidation): REQUIRED fails the release (ADDRESS_REJECTED, or the call's own reason after its
     * retries); BEST_EFFORT ships to the address as Epicor has it with an audit note (UPS still checks city, state and
     * postal code when it ships); OFF never calls Address Validation. An ambiguous answer (several candidates) fails
     * the release unless OFF: a person chooses.
     */
    public enum AddressValidationMode { REQUIRED, BEST_EFFORT, OFF }

    /** Label stock UPS prints thermal labels on: 4 wide, 6 or 8 high (LabelSpecification_LabelStockSize). */
    public static final Set<String> LABEL_STOCK_SIZES = Set.of("4x6", "4x8");

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    /** Problems read {@code ups.labelFormat must be ...}; numbers and booleans may be strings. */
    public static final Wording WORDING = Wording.of("CONNECTOR_SETTINGS", path -> path)
            .acceptingScalarStrings().listingChoices().callingObjects("an object");

    public UpsSettings {
        warehouses = warehouses == null ? Map.of() : withCodes(warehouses);
        serviceMap = serviceMap == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(serviceMap));
        defaultServiceCode = orDefault(defaultServiceCode, "03");
        unmappedShipVia = Objects.requireNonNullElse(unmappedShipVia, UnmappedShipVia.DEFAULT);
        packagingCode = orDefault(packagingCode, "02");
        labelFormat = Objects.requireNonNullElse(labelFormat, LabelFormat.ZPL);
        labelStockSize = Objects.requireNonNullElse(labelStockSize, LabelStockSize.DEFAULT);
        textTooLong = Objects.requireNonNullElse(textTooLong, TextTooLong.FIT);
        addressValidation = Objects.requireNonNullElse(addressValidation, AddressValidationMode.REQUIRED);
        requestOption = orDefault(requestOption, "validate");
        declaredValue = Objects.requireNonNullElse(declaredValue, false);
        groupReleasesByOrder = Objects.requireNonNullElse(groupReleasesByOrder, false);
        transactionSrc = orDefault(transactionSrc, "epicor-ups-connector");
        eventTimeZone = Objects.requireNonNullElse(eventTimeZone, ZoneId.of("UTC"));
        // UPS publishes no Label Recovery "nothing found" code, so none is assumed (decision 20): until the code UPS
        // answers is confirmed in CIE and set here, no Label Recovery answer is read as "nothing shipped".
        labelRecoveryNotFoundCodes = labelRecoveryNotFoundCodes == null ? Set.of()
                : Set.copyOf(labelRecoveryNotFoundCodes.stream().map(String::trim).toList());
        trackAlertVersion = Objects.requireNonNullElse(trackAlertVersion, TrackAlertVersion.V2);
        trackAlertType = orDefault(trackAlertType, "standard").toLowerCase(Locale.ROOT);
        trackAlertWebhookUrl = SettingText.trimmedOrNull(trackAlertWebhookUrl);
        trackAlertCredentialType = orDefault(trackAlertCredentialType, "Bearer");
        quantumViewSubscription = SettingText.trimmedOrNull(quantumViewSubscription);
        quantumViewMaxPages = Objects.requireNonNullElse(quantumViewMaxPages, 50);
        tokenDailyBudget = Objects.requireNonNullElse(tokenDailyBudget, 200L);
        tokenRefreshMargin = Objects.requireNonNullElse(tokenRefreshMargin, Duration.ofMinutes(5));
        tokenThrottleBlock = Objects.requireNonNullElse(tokenThrottleBlock, Duration.ofMinutes(5));
        timeouts = Objects.requireNonNullElse(timeouts, Timeouts.DEFAULT);
        customs = Objects.requireNonNullElse(customs, CustomsSettings.DEFAULT);
        bestWay = bestWay == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(bestWay));
    }

    /** For the settings reader: the components in declaration order. */
    private UpsSettings(SettingsBinder.Components c) {
        this(c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(),
                c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(),
                c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next());
    }

    /** Every default (no warehouse). */
    public static UpsSettings defaults() {
        return builder().build();
    }

    /**
     * Binds the {@code ups} section (null: every default) and adds each of its problems to {@code problems}.
     * Values with a problem are left at their defaults.
     */
    public static UpsSettings read(JsonNode section, List<String> problems) {
        UpsSettings settings = SettingsBinder.bind(section, UpsSettings.class, "ups", WORDING, problems);
        settings.check(problems);
        return settings;
    }

    /** The rules beyond the JSON types, each problem in the section's wording. */
    void check(List<String> problems) {
        warehouses.values().forEach(w -> w.check(problems));
        serviceMap.forEach((shipVia, service) -> service.check("ups.serviceMap." + shipVia, problems));
        if (tokenDailyBudget < 1) {
            problems.add("ups.tokenDailyBudget must be at least 1, was " + tokenDailyBudget);
        }
        if (quantumViewMaxPages < 1) {
            problems.add("ups.quantumViewMaxPages must be at least 1, was " + quantumViewMaxPages);
        }
        if (trackAlertVersion == TrackAlertVersion.V1 && trackAlertWebhookUrl == null) {
            problems.add("ups.trackAlertWebhookUrl is required when ups.trackAlertVersion is V1 "
                    + "(Track Alert v1 carries the webhook destination in every subscription)");
        }
        if (!"standard".equals(trackAlertType) && !"enhanced".equals(trackAlertType)) {
            problems.add("ups.trackAlertType must be standard or enhanced, was " + trackAlertType);
        }
        if (transactionSrc.length() > 512) {
            problems.add("ups.transactionSrc must be at most 512 characters");
        }
        if (!LABEL_STOCK_SIZES.contains(labelStockWidth() + "x" + labelStockHeight())) {
            problems.add("ups.labelStockSize must be 4x6 or 4x8 (width x height, inches): UPS prints labels 4 wide "
                    + "and 6 or 8 high, was " + labelStockWidth() + "x" + labelStockHeight());
        }
        if (maxPackageWeight != null) {
            maxPackageWeight.check("ups.maxPackageWeight", problems);
        }
        customs.check("ups.customs", problems);
        bestWay.forEach((shipVia, rule) -> rule.check("ups.bestWay." + shipVia, problems));
    }

    /** The warehouse for an Epicor WarehouseCode, or a permanent UNKNOWN_WAREHOUSE failure. */
    public Warehouse warehouse(String code) {
        Warehouse w = code == null ? null : warehouses.get(code);
        if (w == null) {
            throw new ConnectorException(Reason.UNKNOWN_WAREHOUSE, "no UPS shipper is configured for warehouse '" + code
                    + "' (CONNECTOR_SETTINGS ups.warehouses has " + warehouses.keySet() + ")");
        }
        return w;
    }

    /**
     * The UPS service of an Epicor ShipViaCode (per destination class): the configured default for a blank code, and
     * for a code the service map does not name unless {@code ups.unmappedShipVia} is REFUSE. Then such a code (FEDX, a
     * truck line, will-call) is refused with the permanent reason SHIP_VIA_NOT_UPS: a UPS label bought for a
     * release another carrier ships is money lost.
     */
    public ShipViaService serviceFor(String shipViaCode) {
        String code = shipViaCode == null ? "" : shipViaCode.trim();
        if (serviceMap.containsKey(code)) {
            return serviceMap.get(code);
        }
        if (refuseUnmappedShipVia() && !code.isEmpty()) {
            throw new ConnectorException(Reason.SHIP_VIA_NOT_UPS, "ShipVia '" + code
                    + "' is not in ups.serviceMap " + serviceMap.keySet() + " (ups.unmappedShipVia is REFUSE)");
        }
        return ShipViaService.of(defaultServiceCode);
    }

    /** The service code for a ShipViaCode on a lane, or SERVICE_NOT_ON_LANE ({@link LaneServiceChoice}). */
    public String serviceFor(String shipViaCode, String originCountry, String destinationCountry) {
        return LaneServiceChoice.service(shipViaCode, serviceFor(shipViaCode), originCountry, destinationCountry);
    }

    /** Whether a ShipViaCode missing from the service map is refused rather than shipped with the default. */
    public boolean refuseUnmappedShipVia() { return unmappedShipVia == UnmappedShipVia.REFUSE; }
    public String labelStockWidth() { return labelStockSize.width(); }
    public String labelStockHeight() { return labelStockSize.height(); }
    public Duration connectTimeout() { return Duration.ofMillis(timeouts.connectMillis()); }
    public Duration requestTimeout() { return Duration.ofMillis(timeouts.requestMillis()); }
    public Duration shipTimeout() { return Duration.ofMillis(timeouts.shipMillis()); }

    public static Builder builder() {
        return new Builder(JsonNodeFactory.instance.objectNode());
    }

    public Builder toBuilder() {
        return new Builder(SettingsBinder.toJson(this));
    }

    private static Map<String, Warehouse> withCodes(Map<String, Warehouse> warehouses) {
        Map<String, Warehouse> coded = new LinkedHashMap<>();
        warehouses.forEach((code, w) -> coded.put(code, w.withCode(code)));
        return Collections.unmodifiableMap(coded);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * One shipping location, keyed by its Epicor WarehouseCode in {@code ups.warehouses}: the shipper account that
     * pays for its labels and the ship-from address.
     *
     * @param code       the key it is configured under (not a JSON key of its own)
     * @param merchantId the account the token for this warehouse's calls is requested with (null: the UpsSecret's)
     */
    public record Warehouse(@JsonIgnore String code, String shipperName, String attentionName, String accountNumber,
                            String merchantId, String phone,
                            @Expected("an object (lines, city, stateProvince, postalCode, countryCode)") Address address) {
        public Warehouse {
            shipperName = SettingText.trimmedOrNull(shipperName);
            attentionName = SettingText.trimmedOrNull(attentionName);
            accountNumber = SettingText.trimmedOrNull(accountNumber);
            merchantId = SettingText.trimmedOrNull(merchantId);
            phone = SettingText.trimmedOrNull(phone);
        }

        /** For the settings reader: the components in declaration order. */
        private Warehouse(SettingsBinder.Components c) {
            this(c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next());
        }

        public Warehouse(String code, String shipperName, String attentionName, String accountNumber,
                         String merchantId, String phone, List<String> lines, String city, String stateProvince,
                         String postalCode, String countryCode) {
            this(code, shipperName, attentionName, accountNumber, merchantId, phone,
                    new Address(lines, city, stateProvince, postalCode, countryCode));
        }

        public List<String> lines() { return address == null ? List.of() : address.lines(); }
        public String city() { return address == null ? null : address.city(); }
        public String stateProvince() { return address == null ? null : address.stateProvince(); }
        public String postalCode() { return address == null ? null : address.postalCode(); }
        public String countryCode() { return address == null ? null : address.countryCode(); }

        Warehouse withCode(String key) {
            return new Warehouse(key, shipperName, attentionName, accountNumber, merchantId, phone, address);
        }

        void check(List<String> problems) {
            String where = "ups.warehouses." + code;
            if (accountNumber == null) {
                problems.add(where + ".accountNumber is missing: every warehouse needs its 6-character UPS account");
            } else if (!accountNumber.matches("[A-Za-z0-9]{6}")) {
                problems.add(where + ".accountNumber must be exactly 6 letters or digits, was '" + accountNumber + "'");
            }
            if (shipperName == null) {
                problems.add(where + ".shipperName is missing");
            } else if (shipperName.length() > 35) {
                problems.add(where + ".shipperName is longer than UPS's 35 characters");
            }
            if (attentionName != null && attentionName.length() > 35) {
                problems.add(where + ".attentionName is longer than UPS's 35 characters");
            }
            if (address == null) {
                problems.add(where + ".address is missing (lines, city, stateProvince, postalCode, countryCode)");
            } else {
                address.check(where + ".address", problems);
            }
        }
    }

    /** A warehouse's ship-from address. {@code lines} may also be one string; blank lines are dropped. */
    public record Address(@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> lines,
                          String city, String stateProvince, String postalCode, String countryCode) {
        public Address {
            lines = lines == null ? List.of() : lines.stream().filter(l -> l != null && !l.isBlank()).map(String::trim).toList();
            city = SettingText.trimmedOrNull(city);
            stateProvince = SettingText.trimmedOrNull(stateProvince);
            postalCode = SettingText.trimmedOrNull(postalCode);
            countryCode = countryCode == null || countryCode.isBlank() ? null : countryCode.trim().toUpperCase(Locale.ROOT);
        }

        /** For the settings reader: the components in declaration order. */
        private Address(SettingsBinder.Components c) {
            this(c.next(), c.next(), c.next(), c.next(), c.next());
        }

        void check(String where, List<String> problems) {
            if (lines.isEmpty() || lines.size() > 3) {
                problems.add(where + ".lines must hold 1 to 3 lines");
            }
            lines.stream().filter(line -> line.length() > 35).forEach(line -> problems.add(
                    where + ".lines has a line longer than 35 characters: '" + line + "'"));
            if (city == null) {
                problems.add(where + ".city is missing");
            }
            if (countryCode == null || !ISO_COUNTRIES.contains(countryCode)) {
                problems.add(where + ".countryCode must be a 2-letter ISO 3166 code (GB, not UK), was '" + countryCode + "'");
            }
            if (("US".equals(countryCode) || "CA".equals(countryCode) || "PR".equals(countryCode)) && stateProvince == null) {
                problems.add(where + ".stateProvince is required for " + countryCode);
            }
        }
    }

    /** LabelStockSize.Width and Height, passed to UPS as they are; also written {@code "4x6"} (width x height). */
    public record LabelStockSize(String width, String height) {
        static final LabelStockSize DEFAULT = new LabelStockSize("4", "6");

        public LabelStockSize {
            width = orDefault(width, "4");
            height = orDefault(height, "6");
        }

        /** For the settings reader: the components in declaration order. */
        private LabelStockSize(SettingsBinder.Components c) {
            this(c.next(), c.next());
        }

        @TextForm
        public static LabelStockSize parse(String text) {
            String[] widthHeight = text.toLowerCase(Locale.ROOT).split("x");
            if (widthHeight.length != 2) {
                throw new IllegalArgumentException("must be like \"4x6\" (width x height), was " + text);
            }
            return new LabelStockSize(widthHeight[0].trim(), widthHeight[1].trim());
        }
    }

    /**
     * A weight with its unit, for ups.maxPackageWeight; also written {@code "50 LBS"}. At most what UPS takes in a
     * package (150 LBS, 70 KGS).
     */
    public record PackageWeight(BigDecimal value, WeightUnit unit) {
        public PackageWeight {
            unit = Objects.requireNonNullElse(unit, WeightUnit.LBS);
        }

        /** For the settings reader: the components in declaration order. */
        private PackageWeight(SettingsBinder.Components c) {
            this(c.next(), c.next());
        }

        @TextForm
        public static PackageWeight parse(String text) {
            String[] parts = text.trim().split("\\s+");
            try {
                if (parts.length == 2) {
                    String unit = parts[1].toUpperCase(Locale.ROOT);
                    return new PackageWeight(new BigDecimal(parts[0]), unit.startsWith("LB") ? WeightUnit.LBS
                            : unit.startsWith("KG") ? WeightUnit.KGS : WeightUnit.valueOf(unit));
                }
            } catch (IllegalArgumentException e) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("must be a weight with its unit, like \"50 LBS\" or \"23 KGS\", was " + text);
        }

        void check(String where, List<String> problems) {
            BigDecimal most = unit == WeightUnit.KGS ? new BigDecimal("70") : new BigDecimal("150");
            if (value == null) {
                problems.add(where + ".value is missing");
            } else if (value.signum() <= 0 || value.compareTo(most) > 0) {
                problems.add(where + " must be more than 0 and at most " + most + " " + unit + " (UPS's most for a package),"
                        + " was " + value.toPlainString() + " " + unit);
            }
        }

        @Override
        public String toString() {
            return value.stripTrailingZeros().toPlainString() + " " + unit;
        }
    }

    /** Timeouts of UPS calls in milliseconds: TCP connect, every response but the ship call's, the ship call's. */
    public record Timeouts(Long connectMillis, Long requestMillis, Long shipMillis) {
        static final Timeouts DEFAULT = new Timeouts(null, null, null);

        public Timeouts {
            connectMillis = Objects.requireNonNullElse(connectMillis, 5_000L);
            requestMillis = Objects.requireNonNullElse(requestMillis, 30_000L);
            shipMillis = Objects.requireNonNullElse(shipMillis, 60_000L);
        }

        /** For the settings reader: the components in declaration order. */
        private Timeouts(SettingsBinder.Components c) {
            this(c.next(), c.next(), c.next());
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Writes the JSON a user would write for these settings, so what code builds goes through the same reading
     * and checks as CONNECTOR_SETTINGS.
     */
    public static final class Builder {
        private final ObjectNode json;

        private Builder(ObjectNode json) {
            this.json = json;
        }

        public Builder warehouse(Warehouse w) { json.withObjectProperty("warehouses").set(w.code(), SettingsBinder.valueToJson(w)); return this; }
        public Builder service(String shipVia, String upsCode) { json.withObjectProperty("serviceMap").put(shipVia, upsCode); return this; }
        public Builder service(String shipVia, ShipViaService perClass) { json.withObjectProperty("serviceMap").set(shipVia, SettingsBinder.valueToJson(perClass)); return this; }
        public Builder defaultServiceCode(String v) { json.put("defaultServiceCode", v); return this; }
        public Builder refuseUnmappedShipVia(boolean v) { json.put("unmappedShipVia", (v ? UnmappedShipVia.REFUSE : UnmappedShipVia.DEFAULT).name()); return this; }
        public Builder packagingCode(String v) { json.put("packagingCode", v); return this; }
        public Builder labelFormat(LabelFormat v) { json.put("labelFormat", v.name()); return this; }
        public Builder labelStock(String width, String height) { json.set("labelStockSize", SettingsBinder.valueToJson(new LabelStockSize(width, height))); return this; }
        public Builder requestOption(String v) { json.put("requestOption", v); return this; }
        public Builder declaredValue(boolean v) { json.put("declaredValue", v); return this; }
        public Builder groupReleasesByOrder(boolean v) { json.put("groupReleasesByOrder", v); return this; }
        public Builder transactionSrc(String v) { json.put("transactionSrc", v); return this; }
        public Builder eventTimeZone(ZoneId v) { json.put("eventTimeZone", v.getId()); return this; }
        public Builder trackAlertVersion(TrackAlertVersion v) { json.put("trackAlertVersion", v.name()); return this; }
        public Builder trackAlertType(String v) { json.put("trackAlertType", v); return this; }
        public Builder trackAlertWebhookUrl(String v) { json.put("trackAlertWebhookUrl", v); return this; }
        public Builder trackAlertCredentialType(String v) { json.put("trackAlertCredentialType", v); return this; }
        public Builder quantumViewSubscription(String v) { json.put("quantumViewSubscription", v); return this; }
        public Builder quantumViewMaxPages(int v) { json.put("quantumViewMaxPages", v); return this; }
        public Builder tokenDailyBudget(long v) { json.put("tokenDailyBudget", v); return this; }
        public Builder tokenRefreshMargin(Duration v) { json.put("tokenRefreshMargin", v.toString()); return this; }
        public Builder tokenThrottleBlock(Duration v) { json.put("tokenThrottleBlock", v.toString()); return this; }
        public Builder connectTimeout(Duration v) { json.withObjectProperty("timeouts").put("connectMillis", v.toMillis()); return this; }
        public Builder requestTimeout(Duration v) { json.withObjectProperty("timeouts").put("requestMillis", v.toMillis()); return this; }
        public Builder bestWay(String shipVia, BestWay v) { json.withObjectProperty("bestWay").set(shipVia, SettingsBinder.valueToJson(v)); return this; }
        public Builder customs(CustomsSettings v) { json.set("customs", SettingsBinder.valueToJson(v)); return this; }
        public Builder shipTimeout(Duration v) { json.withObjectProperty("timeouts").put("shipMillis", v.toMillis()); return this; }

        public Builder textTooLong(TextTooLong v) { json.put("textTooLong", v.name()); return this; }
        public Builder addressValidation(AddressValidationMode v) { json.put("addressValidation", v.name()); return this; }
        public Builder maxPackageWeight(String v) { json.put("maxPackageWeight", v); return this; }

        /** Adds a code to ups.labelRecoveryNotFoundCodes (empty by default). */
        public Builder labelRecoveryNotFoundCode(String v) {
            json.withArrayProperty("labelRecoveryNotFoundCodes").add(v);
            return this;
        }

        /** @throws IllegalArgumentException naming every problem, as CONNECTOR_SETTINGS would */
        public UpsSettings build() {
            List<String> problems = new ArrayList<>();
            UpsSettings settings = read(json, problems);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
            return settings;
        }
    }
}
