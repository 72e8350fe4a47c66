package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of UPS Ship that the schema cannot express: what Shipping.yaml states only in descriptions, and what
 * UPS refuses although the schema lets it through. Checked after spec validation, in the order of {@link #check};
 * the first broken rule is answered 400 with a UPS error body.
 *
 * <p>Codes: where UPS's code for a case is publicly known it is used (the README names the source). Where it is
 * not, the code is the sandbox's own and starts with {@code SBX}: it says what is wrong, but it is not UPS's, and
 * the connector must never rely on it (the README lists them).
 */
final class ShipRules {

    /** Reported by integrators for "Missing or invalid ship to StateProvinceCode". */
    static final String SHIP_TO_STATE = "120206";
    /** UPS's error table entry "Missing/Invalid Shipper StateProvinceCode" (quoted in gabrielbull/php-ups-api#129). */
    static final String SHIPPER_STATE = "120106";
    static final String SHIP_TO_POSTAL = "120207";
    static final String SHIPPER_POSTAL = "120802";
    /** "Shipment/ReferenceNumber is not allowed for this shipment" (gabrielbull/php-ups-api#333, #341). */
    static final String SHIPMENT_REFERENCE_NOT_ALLOWED = "120541";
    /** "Package/ReferenceNumber is not allowed for this shipment" (gabrielbull/php-ups-api#29). */
    static final String PACKAGE_REFERENCE_NOT_ALLOWED = "120542";
    /** "Missing/Illegal Package/PackageWeight/Weight" (gabrielbull/php-ups-api#173). */
    static final String ILLEGAL_WEIGHT = "110601";
    static final String LABEL_FORMAT = "120702";

    static final String CONTROL_CHARACTER = "SBX0101";
    static final String UNPAIRED_SURROGATE = "SBX0102";
    static final String OVERWEIGHT = "SBX0201";
    static final String COUNTRY_NOT_ISO = "SBX0301";
    static final String SHIP_FROM_STATE = "SBX0302";
    static final String EARLY_ATTENTION = "SBX0401";
    static final String EARLY_PHONE = "SBX0402";
    static final String LABEL_STOCK_SIZE = "SBX0501";
    static final String INTL_SHIPPER_PHONE = "SBX0601";
    static final String INTL_SHIPPER_ATTENTION = "SBX0602";
    static final String INTL_SHIP_TO_PHONE = "SBX0603";
    static final String INTL_SHIP_TO_ATTENTION = "SBX0604";
    static final String INTL_DESCRIPTION = "SBX0605";
    static final String INVOICE_TOTAL_REQUIRED = "SBX0606";
    static final String INVOICE_TOTAL_NOT_AVAILABLE = "SBX0607";
    static final String SHIPPER_PHONE_LAYOUT = "SBX0608";
    static final String SHIP_TO_PHONE_LAYOUT = "SBX0609";
    /** A service UPS does not offer between the origin and destination countries (README "Services per lane"). */
    static final String SERVICE_NOT_ON_LANE = "SBX0901";

    /** UPS's per-package limit: 150 lb, 70 kg (ups.com packaging "weight and size"), in each weight unit. */
    static final Map<String, BigDecimal> MAX_PACKAGE_WEIGHT = Map.of(
            "LBS", new BigDecimal("150"), "KGS", new BigDecimal("70"), "OZS", new BigDecimal("2400"));
    static final String NEXT_DAY_AIR_EARLY = "14";
    static final Set<String> LABEL_FORMATS = Set.of("GIF", "ZPL", "EPL", "SPL");

    private static final Set<String> ISO_COUNTRIES =
            Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));
    /** Countries whose addresses need a StateProvinceCode: US, CA, VN (ShipTo_Address) and PR (issue 12). */
    private static final Set<String> STATE_REQUIRED = Set.of("US", "CA", "PR", "VN");
    private static final Set<String> US_STATES = Set.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
            "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH",
            "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
            "AS", "GU", "MP", "PR", "VI", "UM", "AA", "AE", "AP");
    private static final Set<String> CA_PROVINCES = Set.of(
            "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT");
    private static final Set<String> NANP = Set.of("US", "PR", "CA", "VI");
    private static final Pattern US_ZIP = Pattern.compile("\\d{5}(-?\\d{4})?");
    private static final Pattern CA_POSTAL = Pattern.compile("[A-Z]\\d[A-Z] ?\\d[A-Z]\\d");

    private ShipRules() {
    }

    /** The error UPS would answer for this ShipmentRequest, or empty when it would ship it. */
    static Optional<Reply> check(JsonNode shipmentRequest) {
        JsonNode shipment = shipmentRequest.path("Shipment");
        return first(
                text(shipmentRequest, "ShipmentRequest"),
                countries(shipment),
                states(shipment),
                postalCodes(shipment),
                lane(shipment),
                references(shipment),
                service(shipment),
                weights(shipment),
                label(shipmentRequest.path("LabelSpecification")));
    }

    @SafeVarargs
    private static Optional<Reply> first(Optional<Reply>... checks) {
        return Arrays.stream(checks).flatMap(Optional::stream).findFirst();
    }

    // ---------------------------------------------------------------- text

    /**
     * UPS prints and stores text; a control character (tab, line feed, ...) or half of a surrogate pair cannot be
     * printed and is refused. UPS documents no code for this: SBX0101 / SBX0102 are the sandbox's.
     */
    static Optional<Reply> text(JsonNode node, String path) {
        if (node.isTextual()) {
            String value = node.asText();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
                    return fail(CONTROL_CHARACTER, path + " contains the control character U+"
                            + String.format("%04X", (int) c) + " at position " + (i + 1));
                }
                if (Character.isHighSurrogate(c) && (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))
                        || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
                    return fail(UNPAIRED_SURROGATE, path + " contains half of a UTF-16 surrogate pair at position " + (i + 1)
                            + ": not a character");
                }
            }
            return Optional.empty();
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Reply> problem = text(node.get(i), path + "[" + i + "]");
                if (problem.isPresent()) {
                    return problem;
                }
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                Optional<Reply> problem = text(field.getValue(), path + "." + field.getKey());
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- addresses

    /** CountryCode must be a country UPS knows: an ISO 3166-1 alpha-2 code (ShipTo_Address/CountryCode). */
    private static Optional<Reply> countries(JsonNode shipment) {
        for (String party : List.of("Shipper", "ShipFrom", "ShipTo")) {
            JsonNode address = shipment.path(party).path("Address");
            if (address.isMissingNode()) {
                continue;
            }
            String country = country(address);
            if (!ISO_COUNTRIES.contains(country)) {
                return fail(COUNTRY_NOT_ISO, "Invalid " + party + " country or territory code '"
                        + Json.text(address, "CountryCode") + "': not an ISO 3166-1 alpha-2 code");
            }
        }
        return Optional.empty();
    }

    /**
     * US, CA, PR and VN addresses need a StateProvinceCode; for the US and Canada it must be a valid state or
     * province code (ShipTo_Address/StateProvinceCode).
     */
    private static Optional<Reply> states(JsonNode shipment) {
        for (String party : List.of("Shipper", "ShipFrom", "ShipTo")) {
            JsonNode address = shipment.path(party).path("Address");
            if (address.isMissingNode()) {
                continue;
            }
            String country = country(address);
            String state = Json.text(address, "StateProvinceCode").trim().toUpperCase(Locale.ROOT);
            boolean missing = STATE_REQUIRED.contains(country) && state.isEmpty();
            boolean invalid = !state.isEmpty() && ("US".equals(country) && !US_STATES.contains(state)
                    || "CA".equals(country) && !CA_PROVINCES.contains(state));
            if (missing || invalid) {
                String what = (missing ? "Missing" : "Invalid") + " " + party + " StateProvinceCode"
                        + (missing ? "" : " '" + state + "'") + " for " + country;
                return fail(switch (party) {
                    case "Shipper" -> SHIPPER_STATE;
                    case "ShipTo" -> SHIP_TO_STATE;
                    default -> SHIP_FROM_STATE;
                }, what);
            }
        }
        return Optional.empty();
    }

    private static Optional<Reply> postalCodes(JsonNode shipment) {
        String shipTo = country(shipment.path("ShipTo").path("Address"));
        if (!postalCodeValid(shipment.path("ShipTo").path("Address"))) {
            return fail(SHIP_TO_POSTAL, "Invalid or missing ShipTo postal code for country " + shipTo);
        }
        if (!postalCodeValid(shipment.path("Shipper").path("Address"))) {
            return fail(SHIPPER_POSTAL, "Invalid or missing Shipper postal code for country "
                    + country(shipment.path("Shipper").path("Address")));
        }
        return Optional.empty();
    }

    private static boolean postalCodeValid(JsonNode address) {
        String postal = Json.text(address, "PostalCode").toUpperCase(Locale.ROOT);
        return switch (country(address)) {
            case "US", "PR" -> US_ZIP.matcher(postal).matches();
            case "CA" -> CA_POSTAL.matcher(postal).matches();
            default -> true;
        };
    }

    // ---------------------------------------------------------------- lanes

    /**
     * Rules Shipping.yaml states in its descriptions that depend on the lane (UPS's codes for them are not public):
     * <ul>
     *   <li>ShipTo country differs from ShipFrom (or Shipper): Shipper.Phone, Shipper.AttentionName,
     *       ShipTo.Phone and ShipTo.AttentionName are required; Description too unless the packaging is a UPS
     *       Letter ({@code Shipper_Phone}, {@code Shipment_Shipper/AttentionName}, {@code ShipTo_Phone},
     *       {@code Shipment_ShipTo/AttentionName}, {@code ShipmentRequest_Shipment/Description}).</li>
     *   <li>US origin to PR or CA: InvoiceLineTotal is required; on any other lane it is not available
     *       ({@code Shipment_InvoiceLineTotal}).</li>
     *   <li>Phone numbers of US, PR, CA and VI parties: area code + 7 digits, optionally + a 4-digit
     *       extension, i.e. 10 or 14 digits without the country code ({@code Shipper_Phone/Number}).</li>
     * </ul>
     */
    private static Optional<Reply> lane(JsonNode shipment) {
        String from = from(shipment);
        String to = country(shipment.path("ShipTo").path("Address"));
        String shipperPhone = Json.text(shipment, "Shipper", "Phone", "Number");
        String shipToPhone = Json.text(shipment, "ShipTo", "Phone", "Number");
        if (!from.equals(to)) {
            if (shipperPhone.isBlank()) {
                return fail(INTL_SHIPPER_PHONE, "Shipper phone number is required for an international shipment");
            }
            if (Json.text(shipment, "Shipper", "AttentionName").isBlank()) {
                return fail(INTL_SHIPPER_ATTENTION, "Shipper attention name is required for an international shipment");
            }
            if (shipToPhone.isBlank()) {
                return fail(INTL_SHIP_TO_PHONE, "ShipTo phone number is required when ShipTo and ShipFrom countries differ");
            }
            if (Json.text(shipment, "ShipTo", "AttentionName").isBlank()) {
                return fail(INTL_SHIP_TO_ATTENTION, "ShipTo attention name is required when ShipTo and ShipFrom countries differ");
            }
            boolean letter = Json.list(shipment.get("Package")).stream()
                    .allMatch(p -> "01".equals(Json.text(p, "Packaging", "Code")));
            if (!letter && Json.text(shipment, "Description").isBlank()) {
                return fail(INTL_DESCRIPTION, "Description of goods is required for an international shipment");
            }
        }
        boolean invoiceLane = "US".equals(from) && ("PR".equals(to) || "CA".equals(to));
        boolean hasInvoiceTotal = !Json.text(shipment, "InvoiceLineTotal", "MonetaryValue").isBlank();
        if (invoiceLane && !hasInvoiceTotal) {
            return fail(INVOICE_TOTAL_REQUIRED, "InvoiceLineTotal is required for shipments from the US to " + to);
        }
        if (!invoiceLane && shipment.has("InvoiceLineTotal")) {
            return fail(INVOICE_TOTAL_NOT_AVAILABLE, "InvoiceLineTotal is only available for shipments from the US to PR or CA");
        }
        String shipperCountry = country(shipment.path("Shipper").path("Address"));
        if (!nanpPhoneValid(shipperCountry, shipperPhone)) {
            return fail(SHIPPER_PHONE_LAYOUT, "Shipper phone number must be area code + 7 digits (+ 4-digit extension)"
                    + " for " + shipperCountry + ", was " + shipperPhone);
        }
        if (!nanpPhoneValid(to, shipToPhone)) {
            return fail(SHIP_TO_PHONE_LAYOUT, "ShipTo phone number must be area code + 7 digits (+ 4-digit extension)"
                    + " for " + to + ", was " + shipToPhone);
        }
        return Optional.empty();
    }

    /**
     * Shipment-level ReferenceNumber only when the lane is not US/US or PR/PR; package-level only when it is
     * ({@code Shipment_ReferenceNumber}, {@code Package_ReferenceNumber}), with UPS's codes 120541 / 120542.
     */
    private static Optional<Reply> references(JsonNode shipment) {
        String from = from(shipment);
        String to = country(shipment.path("ShipTo").path("Address"));
        boolean domesticReferenceLane = from.equals(to) && ("US".equals(to) || "PR".equals(to));
        if (domesticReferenceLane && !Json.list(shipment.get("ReferenceNumber")).isEmpty()) {
            return fail(SHIPMENT_REFERENCE_NOT_ALLOWED, "Shipment/ReferenceNumber is not allowed for this shipment");
        }
        if (!domesticReferenceLane && Json.list(shipment.get("Package")).stream()
                .anyMatch(p -> !Json.list(p.get("ReferenceNumber")).isEmpty())) {
            return fail(PACKAGE_REFERENCE_NOT_ALLOWED, "Package/ReferenceNumber is not allowed for this shipment");
        }
        return Optional.empty();
    }

    private static boolean nanpPhoneValid(String country, String phone) {
        if (phone.isBlank() || !NANP.contains(country)) {
            return true;
        }
        return phone.matches("\\d{10}|\\d{14}");
    }

    // ---------------------------------------------------------------- service, packages, label

    /**
     * The service is one UPS offers on the lane ({@link ServiceLanes}). Next Day Air Early needs ShipTo.AttentionName and ShipTo.Phone ({@code Shipment_ShipTo/AttentionName},
     * {@code ShipTo_Phone/Number}).
     */
    private static Optional<Reply> service(JsonNode shipment) {
        Optional<Reply> offLane = ServiceLanes.check(Json.text(shipment, "Service", "Code").trim(), from(shipment),
                country(shipment.path("ShipTo").path("Address")));
        if (offLane.isPresent()) {
            return offLane;
        }
        if (!NEXT_DAY_AIR_EARLY.equals(Json.text(shipment, "Service", "Code"))) {
            return Optional.empty();
        }
        if (Json.text(shipment, "ShipTo", "AttentionName").isBlank()) {
            return fail(EARLY_ATTENTION, "ShipTo AttentionName is required for UPS Next Day Air Early");
        }
        if (Json.text(shipment, "ShipTo", "Phone", "Number").isBlank()) {
            return fail(EARLY_PHONE, "ShipTo Phone Number is required for UPS Next Day Air Early");
        }
        return Optional.empty();
    }

    /**
     * Every package weighs more than nothing (a weight of 0 is "Missing/Illegal", 110601) and at most 150 lb /
     * 70 kg: UPS carries parcels; heavier goods go as several packages or as freight.
     */
    private static Optional<Reply> weights(JsonNode shipment) {
        List<JsonNode> packages = Json.list(shipment.get("Package"));
        for (int i = 0; i < packages.size(); i++) {
            JsonNode weight = packages.get(i).path("PackageWeight");
            String text = Json.text(weight, "Weight").trim();
            String unit = Json.text(weight, "UnitOfMeasurement", "Code").trim().toUpperCase(Locale.ROOT);
            BigDecimal value = decimal(text);
            if (value == null || value.signum() <= 0) {
                return fail(ILLEGAL_WEIGHT, "Missing/Illegal Package/PackageWeight/Weight: package " + (i + 1)
                        + " weighs '" + text + "'");
            }
            BigDecimal max = MAX_PACKAGE_WEIGHT.get(unit.isEmpty() ? "LBS" : unit);
            if (max != null && value.compareTo(max) > 0) {
                return fail(OVERWEIGHT, "Package " + (i + 1) + " weight " + text + " " + unit
                        + " is out of allowable range: UPS takes at most " + max.toPlainString() + " " + unit + " per package");
            }
        }
        return Optional.empty();
    }

    /** Label format GIF, ZPL, EPL or SPL; thermal stock is 4 wide and 6 or 8 high (LabelSpecification_LabelStockSize). */
    private static Optional<Reply> label(JsonNode labelSpecification) {
        String format = Json.text(labelSpecification, "LabelImageFormat", "Code").toUpperCase(Locale.ROOT);
        if (!format.isEmpty() && !LABEL_FORMATS.contains(format)) {
            return fail(LABEL_FORMAT, "Invalid LabelImageFormat code");
        }
        if (format.isEmpty() || "GIF".equals(format) || !labelSpecification.has("LabelStockSize")) {
            return Optional.empty();
        }
        String height = Json.text(labelSpecification, "LabelStockSize", "Height").trim();
        String width = Json.text(labelSpecification, "LabelStockSize", "Width").trim();
        if (!Set.of("6", "8").contains(height) || !"4".equals(width)) {
            return fail(LABEL_STOCK_SIZE, "Invalid LabelStockSize " + width + "x" + height + " for " + format
                    + " labels: Width must be 4 and Height 6 or 8");
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- helpers

    static String country(JsonNode address) {
        return Json.text(address, "CountryCode").trim().toUpperCase(Locale.ROOT);
    }

    private static String from(JsonNode shipment) {
        JsonNode shipFrom = shipment.path("ShipFrom");
        return country(shipFrom.isMissingNode() ? shipment.path("Shipper").path("Address") : shipFrom.path("Address"));
    }

    static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Optional<Reply> fail(String code, String message) {
        return Optional.of(Reply.error(400, code, message));
    }
}
