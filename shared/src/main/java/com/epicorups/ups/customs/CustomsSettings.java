package com.epicorups.ups.customs;

import com.epicorups.core.settings.Expected;
import com.epicorups.core.settings.SettingText;
import com.epicorups.core.settings.SettingsBinder;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code ups.customs} settings: what the commercial invoice of a shipment that leaves the shipper's customs
 * territory says where Epicor does not say it, and when US export law needs Electronic Export Information
 * (docs/configuration.md#customs, decision 0029). Defaults: the law's (15 CFR 30.2, 30.36, 30.37).
 *
 * @param paperlessInvoice        send the commercial invoice data (InternationalForms); off: no invoice data (the
 *                                shipper prints its own invoice)
 * @param reasonForExport         InternationalForms.ReasonForExport (SALE, GIFT, SAMPLE, RETURN, REPAIR, ...)
 * @param termsOfShipment         Incoterm printed on the invoice (DAP, DDP, EXW, ...); none by default
 * @param defaultOriginCountry    origin for a part whose Part.ISOrigCountryNum names no country; none by default
 * @param shipperTaxId            Shipper.TaxIdentificationNumber (the exporter's EIN); none by default
 * @param eeiThresholdUsd         EEI is required above this value per Schedule B / HTS number (15 CFR 30.37(a))
 * @param eeiExemptDestinations   destinations exempt from the value rule (Canada, 15 CFR 30.36)
 * @param licenceRequiredEccns    ECCNs (Part.ECCNNumber) the exporter's licensing determination says need a licence
 *                                for export: EEI is required whatever the value (15 CFR 30.2(a)(1)(iv))
 * @param usdRates                US dollars per unit of an order currency, to compare a non-USD value with the
 *                                threshold (e.g. {"EUR": 1.08}); an order in a currency not listed cannot be judged
 */
public record CustomsSettings(
        Boolean paperlessInvoice,
        String reasonForExport,
        String termsOfShipment,
        String defaultOriginCountry,
        String shipperTaxId,
        BigDecimal eeiThresholdUsd,
        @Expected("a list of ISO country codes") List<String> eeiExemptDestinations,
        @Expected("a list of ECCNs") List<String> licenceRequiredEccns,
        @Expected("an object {currency: US dollars per unit}") Map<String, BigDecimal> usdRates) {

    public static final CustomsSettings DEFAULT = new CustomsSettings(null, null, null, null, null, null, null, null, null);
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());
    /** TermsOfShipment's valid values (ShipmentServiceOptions_InternationalForms/TermsOfShipment). */
    private static final Set<String> INCOTERMS = Set.of("CFR", "CIF", "CIP", "CPT", "DAF", "DDP", "DAP", "DEQ", "DES",
            "EXW", "FAS", "FCA", "FOB");

    public CustomsSettings {
        paperlessInvoice = Objects.requireNonNullElse(paperlessInvoice, true);
        reasonForExport = Objects.requireNonNullElse(upper(reasonForExport), "SALE");
        termsOfShipment = upper(termsOfShipment);
        defaultOriginCountry = upper(defaultOriginCountry);
        shipperTaxId = SettingText.trimmedOrNull(shipperTaxId);
        eeiThresholdUsd = plain(Objects.requireNonNullElse(eeiThresholdUsd, new BigDecimal("2500")));
        eeiExemptDestinations = eeiExemptDestinations == null ? List.of("CA")
                : eeiExemptDestinations.stream().map(CustomsSettings::upper).filter(Objects::nonNull).toList();
        licenceRequiredEccns = licenceRequiredEccns == null ? List.of()
                : licenceRequiredEccns.stream().map(CustomsSettings::upper).filter(Objects::nonNull).toList();
        Map<String, BigDecimal> rates = new LinkedHashMap<>();
        if (usdRates != null) {
            usdRates.forEach((currency, rate) -> rates.put(currency.trim().toUpperCase(Locale.ROOT), plain(rate)));
        }
        usdRates = Map.copyOf(rates);
    }

    /** For the settings reader: the components in declaration order. */
    private CustomsSettings(SettingsBinder.Components c) {
        this(c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next(), c.next());
    }

    /** The rules beyond the JSON types. */
    public void check(String where, List<String> problems) {
        if (reasonForExport.length() > 20) {
            problems.add(where + ".reasonForExport is longer than UPS's 20 characters");
        }
        if (termsOfShipment != null && !INCOTERMS.contains(termsOfShipment)) {
            problems.add(where + ".termsOfShipment must be one of " + INCOTERMS + ", was " + termsOfShipment);
        }
        if (defaultOriginCountry != null && !ISO_COUNTRIES.contains(defaultOriginCountry)) {
            problems.add(where + ".defaultOriginCountry must be an ISO 3166-1 alpha-2 code, was " + defaultOriginCountry);
        }
        if (shipperTaxId != null && shipperTaxId.length() > 15) {
            problems.add(where + ".shipperTaxId is longer than UPS's 15 characters");
        }
        if (eeiThresholdUsd.signum() < 0) {
            problems.add(where + ".eeiThresholdUsd must not be negative, was " + eeiThresholdUsd);
        }
        eeiExemptDestinations.stream().filter(c -> !ISO_COUNTRIES.contains(c)).forEach(c ->
                problems.add(where + ".eeiExemptDestinations has '" + c + "', not an ISO 3166-1 alpha-2 code"));
        usdRates.forEach((currency, rate) -> {
            if (!isCurrency(currency)) {
                problems.add(where + ".usdRates has '" + currency + "', not an ISO 4217 currency");
            } else if (rate == null || rate.signum() <= 0) {
                problems.add(where + ".usdRates." + currency + " must be above 0");
            }
        });
    }

    /** Whether an ECCN is one the settings list as needing a licence (EAR99 and blank never do). */
    public boolean needsLicence(String eccn) {
        String e = upper(eccn);
        return e != null && licenceRequiredEccns.contains(e);
    }

    private static boolean isCurrency(String code) {
        try {
            return Currency.getInstance(code) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** 2500, 2.5E+3 and 2500.00 are one value, written 2500 (settings compare equal however they were written). */
    private static BigDecimal plain(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static String upper(String s) {
        return s == null || s.isBlank() ? null : s.trim().toUpperCase(Locale.ROOT);
    }
}
