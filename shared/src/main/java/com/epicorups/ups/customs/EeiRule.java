package com.epicorups.ups.customs;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.model.ShippableRelease;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * When US export law needs Electronic Export Information for a shipment (15 CFR 30.2, 30.36, 30.37(a)): the value of
 * the goods under one Schedule B / HTS number above {@link CustomsSettings#eeiThresholdUsd()} to a destination not
 * exempt (Canada by default), or any value of a part whose ECCN the settings list as needing a licence. Only for
 * exports from the US or Puerto Rico; the values are the releases' (quantity x price), in US dollars.
 */
public final class EeiRule {
    private final CustomsSettings settings;

    public EeiRule(CustomsSettings settings) {
        this.settings = settings;
    }

    /** Why EEI is required for these releases, or empty when it is not. */
    public Optional<String> why(List<ShippableRelease> releases, String fromCountry, String toCountry) {
        if (!"US".equals(fromCountry) && !"PR".equals(fromCountry)) {
            return Optional.empty();
        }
        for (ShippableRelease r : releases) {
            String eccn = r.customs() == null ? null : r.customs().eccn();
            if (settings.needsLicence(eccn)) {
                return Optional.of("part " + r.partNum() + " has ECCN " + eccn.trim() + " (Part.ECCNNumber), listed in"
                        + " ups.customs.licenceRequiredEccns as needing an export licence: EEI is required whatever the"
                        + " value (15 CFR 30.2(a)(1)(iv))");
            }
        }
        if (settings.eeiExemptDestinations().contains(toCountry)) {
            return Optional.empty();
        }
        Map<String, BigDecimal> usdByHts = new LinkedHashMap<>();
        for (ShippableRelease r : releases) {
            String hts = r.customs() == null ? null : r.customs().htsCode();
            usdByHts.merge(hts == null ? "(no HTS code)" : hts, usd(r), BigDecimal::add);
        }
        for (Map.Entry<String, BigDecimal> e : usdByHts.entrySet()) {
            if (e.getValue().compareTo(settings.eeiThresholdUsd()) > 0) {
                return Optional.of(e.getValue().setScale(2, RoundingMode.HALF_UP).toPlainString() + " USD of HTS "
                        + e.getKey() + " to " + toCountry + " is over " + settings.eeiThresholdUsd().toPlainString()
                        + " USD per Schedule B / HTS number (15 CFR 30.37(a), ups.customs.eeiThresholdUsd)");
            }
        }
        return Optional.empty();
    }

    private BigDecimal usd(ShippableRelease r) {
        BigDecimal value = r.value() == null ? BigDecimal.ZERO : r.value();
        String currency = r.currencyCode() == null || r.currencyCode().isBlank() ? "USD"
                : r.currencyCode().trim().toUpperCase(Locale.ROOT);
        if (currency.equals("USD")) {
            return value;
        }
        BigDecimal rate = settings.usdRates().get(currency);
        if (rate == null) {
            throw new ConnectorException(Reason.MISSING_FIELD, "release " + r.key() + " is priced in " + currency
                    + " and ups.customs.usdRates has no rate for it: the connector cannot tell whether US export law"
                    + " needs EEI for this shipment (add \"" + currency + "\": US dollars per " + currency + ")");
        }
        return value.multiply(rate);
    }
}
