package com.epicorups.ups.customs;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.model.PartCustoms;
import com.epicorups.model.ShippableRelease;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The paperless commercial invoice of a shipment whose goods leave the shipper's customs territory (issue 16):
 * {@code ShipmentServiceOptions.InternationalForms} with form type 01, one Product per release, and the shipper-filed
 * ITN when US export law needs EEI ({@link EeiRule}). A release customs cannot be told about (no HTS code, no origin,
 * EEI needed and no ITN) is a permanent failure naming the Epicor field, before any UPS call.
 */
public final class InternationalFormsMapper {
    static final String INVOICE = "01";
    private static final int TEXT_MAX = 35;
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    /** US and Puerto Rico are one customs territory (19 CFR 101.1): no invoice between them. */
    private static final Set<String> US_CUSTOMS_TERRITORY = Set.of("US", "PR");

    private final CustomsSettings settings;
    private final EeiRule eei;

    public InternationalFormsMapper(CustomsSettings settings) {
        this.settings = settings;
        this.eei = new EeiRule(settings);
    }

    /** Whether goods between these countries cross a customs border. */
    public static boolean crossesCustomsBorder(String fromCountry, String toCountry) {
        return !fromCountry.equals(toCountry)
                && !(US_CUSTOMS_TERRITORY.contains(fromCountry) && US_CUSTOMS_TERRITORY.contains(toCountry));
    }

    /**
     * Adds the invoice to {@code shipment} (whose ShipTo is already mapped) when the goods cross a customs border
     * and ups.customs.paperlessInvoice is on; the Shipper's tax id when configured.
     */
    public void addTo(ObjectNode shipment, List<ShippableRelease> releases, String fromCountry, String toCountry,
                      LocalDate shipDate) {
        if (!settings.paperlessInvoice() || !crossesCustomsBorder(fromCountry, toCountry)) {
            return;
        }
        ShippableRelease first = releases.get(0);
        if (settings.shipperTaxId() != null) {
            ((ObjectNode) shipment.get("Shipper")).put("TaxIdentificationNumber", settings.shipperTaxId());
        }
        ObjectNode options = shipment.has("ShipmentServiceOptions") ? (ObjectNode) shipment.get("ShipmentServiceOptions")
                : shipment.putObject("ShipmentServiceOptions");
        ObjectNode forms = options.putObject("InternationalForms");
        forms.putArray("FormType").add(INVOICE);
        soldTo(forms.putObject("Contacts").putObject("SoldTo"), shipment.get("ShipTo"));
        for (ShippableRelease r : releases) {
            product(forms.withArray("Product").addObject(), r, toCountry);
        }
        forms.put("InvoiceNumber", cut(first.key().reference()));
        forms.put("InvoiceDate", YYYYMMDD.format(shipDate));
        if (first.poNumber() != null && !first.poNumber().isBlank()) {
            forms.put("PurchaseOrderNumber", cut(first.poNumber().trim()));
        }
        if (settings.termsOfShipment() != null) {
            forms.put("TermsOfShipment", settings.termsOfShipment());
        }
        forms.put("ReasonForExport", settings.reasonForExport());
        forms.put("CurrencyCode", currency(first));
        // A copy of the invoice comes back even for a paperless account: it is stored beside the label.
        forms.put("OverridePaperlessIndicator", "");
        Optional<String> eeiNeeded = eei.why(releases, fromCountry, toCountry);
        if (eeiNeeded.isPresent()) {
            String itn = first.customs() == null ? null : first.customs().exportItn();
            if (itn == null || itn.isBlank()) {
                throw new ConnectorException(Reason.EEI_REQUIRED, "EEI is required for order "
                        + first.key().orderNum() + ": " + eeiNeeded.get() + ". File the EEI in AES (ACE), put the"
                        + " ITN it returns in the order's OrderHed column that epicor.exportItnColumn names (a UD"
                        + " column such as ExportITN_c; set the setting if it names none), then replay the release");
            }
            ObjectNode option = forms.putObject("EEIFilingOption");
            option.put("Code", "1");
            option.putObject("ShipperFiled").put("Code", "A").put("PreDepartureITNNumber", itn.trim());
        }
    }

    private void product(ObjectNode product, ShippableRelease r, String toCountry) {
        PartCustoms customs = r.customs();
        String hts = customs == null ? null : customs.htsCode();
        if (hts == null || hts.isBlank()) {
            throw new ConnectorException(Reason.MISSING_HTS_CODE, "part " + r.partNum() + " of release " + r.key()
                    + " has no HTS code (Part.HTS and Part.CommodityCode are empty): the commercial invoice for "
                    + toCountry + " must name one; set Part.HTS in Epicor and replay the release");
        }
        if (hts.length() < 6 || hts.length() > 15) {
            throw new ConnectorException(Reason.INVALID_FIELD, "Part.HTS '" + hts + "' of part " + r.partNum()
                    + " is not a 6 to 15 character tariff code (InternationalForms_Product/CommodityCode)");
        }
        String origin = customs.originCountry() != null ? customs.originCountry() : settings.defaultOriginCountry();
        if (origin == null) {
            throw new ConnectorException(Reason.MISSING_ORIGIN_COUNTRY, "part " + r.partNum() + " of release " + r.key()
                    + " has no country of origin (Part.ISOrigCountryNum "
                    + (customs.originCountryNum() > 0 ? customs.originCountryNum() + " names no Country row with an ISOCode"
                    : "is not set") + ") and ups.customs.defaultOriginCountry is not set");
        }
        String description = r.partDescription() != null && !r.partDescription().isBlank() ? r.partDescription()
                : r.partNum();
        product.putArray("Description").add(cut(description.trim()));
        BigDecimal quantity = r.quantity() == null ? BigDecimal.ZERO : r.quantity().stripTrailingZeros();
        if (quantity.signum() <= 0 || quantity.scale() > 0) {
            throw new ConnectorException(Reason.INVALID_FIELD, "release " + r.key() + " ships " + quantity.toPlainString()
                    + " " + r.quantityUom() + ": the invoice's Product/Unit/Number takes whole units above 0");
        }
        if (r.value() == null || r.value().signum() <= 0) {
            throw new ConnectorException(Reason.MISSING_FIELD, "release " + r.key() + " has no value (OrderDtl"
                    + " DocUnitPrice is 0): the commercial invoice needs a unit value above 0");
        }
        ObjectNode unit = product.putObject("Unit");
        unit.put("Number", quantity.toPlainString());
        unit.put("Value", r.value().divide(quantity, 6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
        String uom = r.quantityUom() == null || r.quantityUom().isBlank() ? "EA" : r.quantityUom().trim().toUpperCase(Locale.ROOT);
        ObjectNode unitOfMeasure = unit.putObject("UnitOfMeasurement");
        if (uom.length() <= 3) {
            unitOfMeasure.put("Code", uom);
        } else {
            unitOfMeasure.put("Code", "OTH").put("Description", uom.substring(0, 3));
        }
        product.put("CommodityCode", hts);
        product.put("PartNumber", cut(r.partNum()));
        product.put("OriginCountryCode", origin);
    }

    /** The sold-to party: the ship-to as mapped (name, attention, address, phone). */
    private static void soldTo(ObjectNode soldTo, JsonNode shipTo) {
        soldTo.put("Name", shipTo.path("Name").asText());
        soldTo.put("AttentionName", shipTo.path("AttentionName").asText(shipTo.path("Name").asText()));
        if (shipTo.has("Phone")) {
            soldTo.set("Phone", shipTo.get("Phone").deepCopy());
        }
        ObjectNode address = shipTo.get("Address").deepCopy();
        address.remove("ResidentialAddressIndicator");
        soldTo.set("Address", address);
    }

    private static String currency(ShippableRelease r) {
        return r.currencyCode() == null || r.currencyCode().isBlank() ? "USD" : r.currencyCode().trim().toUpperCase(Locale.ROOT);
    }

    private static String cut(String text) {
        return text.length() <= TEXT_MAX ? text : text.substring(0, TEXT_MAX);
    }
}
