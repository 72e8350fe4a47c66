package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What UPS requires of {@code ShipmentServiceOptions.InternationalForms} beyond the schema (Shipping.yaml states it
 * in descriptions), and the paperless-invoice rule: an account enrolled in paperless invoice may not send goods
 * across a customs border without invoice data. Every rule and its source is in the README; the codes are the
 * sandbox's ({@code SBX07xx}).
 */
final class InternationalFormsRules {

    static final String INVOICE_DATA_REQUIRED = "SBX0701";
    static final String INVOICE_FIELD_MISSING = "SBX0702";
    static final String INVOICE_CURRENCY = "SBX0703";
    static final String PRODUCT_MISSING = "SBX0704";
    static final String PRODUCT_FIELD = "SBX0705";
    static final String SOLD_TO_COUNTRY = "SBX0706";
    static final String EEI_ITN = "SBX0707";

    static final String INVOICE = "01";
    /** Same customs territory: US and Puerto Rico (US customs territory, 19 CFR 101.1). */
    private static final Set<String> US_CUSTOMS_TERRITORY = Set.of("US", "PR");
    private static final Set<String> ISO_COUNTRIES =
            Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,7}");
    private static final Pattern COMMODITY = Pattern.compile("[A-Za-z0-9]{6,15}");
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private InternationalFormsRules() {
    }

    /**
     * The error UPS would answer for the request's international forms, or empty. {@code paperless}: the shipper's
     * account is enrolled in paperless invoice.
     */
    static Optional<Reply> check(JsonNode shipment, boolean paperless) {
        JsonNode forms = shipment.path("ShipmentServiceOptions").path("InternationalForms");
        if (forms.isMissingNode()) {
            if (paperless && crossesCustomsBorder(shipment) && !allLetters(shipment)) {
                return fail(INVOICE_DATA_REQUIRED, "The shipper's account uses paperless invoice: an international"
                        + " shipment of goods must carry InternationalForms with a commercial invoice");
            }
            return Optional.empty();
        }
        List<String> types = Json.list(forms.get("FormType")).stream().map(JsonNode::asText).toList();
        if (!types.contains(INVOICE)) {
            return Optional.empty();
        }
        for (String field : List.of("InvoiceNumber", "InvoiceDate", "ReasonForExport", "CurrencyCode")) {
            if (Json.text(forms, field).isBlank()) {
                return fail(INVOICE_FIELD_MISSING, "InternationalForms/" + field + " is required for an invoice");
            }
        }
        try {
            LocalDate.parse(Json.text(forms, "InvoiceDate"), YYYYMMDD);
        } catch (DateTimeParseException e) {
            return fail(INVOICE_FIELD_MISSING, "InternationalForms/InvoiceDate must be yyyyMMdd, was "
                    + Json.text(forms, "InvoiceDate"));
        }
        String currency = Json.text(forms, "CurrencyCode");
        if (!isCurrency(currency)) {
            return fail(INVOICE_CURRENCY, "InternationalForms/CurrencyCode '" + currency + "' is not an ISO 4217 currency");
        }
        JsonNode soldTo = forms.path("Contacts").path("SoldTo");
        if (soldTo.isMissingNode()) {
            return fail(INVOICE_FIELD_MISSING, "InternationalForms/Contacts/SoldTo is required for an invoice");
        }
        String soldToCountry = ShipRules.country(soldTo.path("Address"));
        String shipToCountry = ShipRules.country(shipment.path("ShipTo").path("Address"));
        if (!soldToCountry.equals(shipToCountry) && !"CA".equals(shipToCountry) && !"CA".equals(soldToCountry)) {
            return fail(SOLD_TO_COUNTRY, "InternationalForms/Contacts/SoldTo country " + soldToCountry
                    + " must be the ShipTo country " + shipToCountry);
        }
        List<JsonNode> products = Json.list(forms.get("Product"));
        if (products.isEmpty()) {
            return fail(PRODUCT_MISSING, "InternationalForms/Product: at least one product is required for an invoice");
        }
        for (int i = 0; i < products.size(); i++) {
            Optional<Reply> bad = product(products.get(i), "InternationalForms/Product[" + (i + 1) + "]");
            if (bad.isPresent()) {
                return bad;
            }
        }
        return eei(forms.path("EEIFilingOption"));
    }

    private static Optional<Reply> product(JsonNode product, String path) {
        if (Json.list(product.get("Description")).stream().allMatch(d -> d.asText().isBlank())) {
            return fail(PRODUCT_FIELD, path + "/Description is required");
        }
        if (Json.text(product, "PartNumber").isBlank()) {
            return fail(PRODUCT_FIELD, path + "/PartNumber is required for an invoice");
        }
        JsonNode unit = product.path("Unit");
        if (!DIGITS.matcher(Json.text(unit, "Number")).matches() || Long.parseLong(Json.text(unit, "Number")) == 0) {
            return fail(PRODUCT_FIELD, path + "/Unit/Number must be a whole number above 0, was '"
                    + Json.text(unit, "Number") + "'");
        }
        if (Json.text(unit, "UnitOfMeasurement", "Code").isBlank()) {
            return fail(PRODUCT_FIELD, path + "/Unit/UnitOfMeasurement/Code is required for an invoice");
        }
        BigDecimal value = ShipRules.decimal(Json.text(unit, "Value"));
        if (value == null || value.signum() <= 0 || value.scale() > 6) {
            return fail(PRODUCT_FIELD, path + "/Unit/Value must be greater than zero with at most 6 decimals, was '"
                    + Json.text(unit, "Value") + "'");
        }
        String commodity = Json.text(product, "CommodityCode");
        if (!commodity.isEmpty() && !COMMODITY.matcher(commodity).matches()) {
            return fail(PRODUCT_FIELD, path + "/CommodityCode must be 6 to 15 letters or digits, was '" + commodity + "'");
        }
        String origin = Json.text(product, "OriginCountryCode");
        if (!origin.isEmpty() && !ISO_COUNTRIES.contains(origin)) {
            return fail(PRODUCT_FIELD, path + "/OriginCountryCode '" + origin + "' is not an ISO 3166-1 alpha-2 code");
        }
        return Optional.empty();
    }

    /** Shipper filed (1) with sub-option A carries the pre-departure ITN. */
    private static Optional<Reply> eei(JsonNode option) {
        if (option.isMissingNode()) {
            return Optional.empty();
        }
        if ("1".equals(Json.text(option, "Code")) && "A".equals(Json.text(option, "ShipperFiled", "Code"))
                && Json.text(option, "ShipperFiled", "PreDepartureITNNumber").isBlank()) {
            return fail(EEI_ITN, "EEIFilingOption shipper filed (A) requires ShipperFiled/PreDepartureITNNumber");
        }
        return Optional.empty();
    }

    /** Goods leave the shipper's customs territory: the countries differ and the lane is not US ↔ PR. */
    static boolean crossesCustomsBorder(JsonNode shipment) {
        String from = ShipRules.country(shipment.path("Shipper").path("Address"));
        JsonNode shipFrom = shipment.path("ShipFrom").path("Address");
        if (!shipFrom.isMissingNode()) {
            from = ShipRules.country(shipFrom);
        }
        String to = ShipRules.country(shipment.path("ShipTo").path("Address"));
        return !from.equals(to) && !(US_CUSTOMS_TERRITORY.contains(from) && US_CUSTOMS_TERRITORY.contains(to));
    }

    private static boolean allLetters(JsonNode shipment) {
        return Json.list(shipment.get("Package")).stream().allMatch(p -> "01".equals(Json.text(p, "Packaging", "Code")));
    }

    private static boolean isCurrency(String code) {
        try {
            return code.length() == 3 && Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<Reply> fail(String code, String message) {
        return Optional.of(Reply.error(400, code, message));
    }
}
