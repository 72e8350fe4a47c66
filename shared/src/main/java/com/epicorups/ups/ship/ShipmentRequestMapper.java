package com.epicorups.ups.ship;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.model.Address;
import com.epicorups.model.ShippableRelease;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.UpsSettings.Warehouse;
import com.epicorups.ups.customs.InternationalFormsMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Maps Epicor releases to a UPS v2409 ShipmentRequest that UPS accepts: within every field limit
 * ({@link FieldFitter}), with an ISO country, a state where UPS needs one, what Next Day Air Early needs, and a
 * package weight UPS takes. What cannot be sent is a permanent failure naming the field, before any UPS call.
 */
public final class ShipmentRequestMapper {
    static final String NEXT_DAY_AIR_EARLY = "14";
    static final int NAME_MAX = 35;
    static final int LINE_MAX = 35;
    static final int LINES_MAX = 3;
    static final int CITY_MAX = 30;
    static final int STATE_MAX = 5;
    static final int POSTAL_MAX = 9;
    static final int PHONE_MAX = 15;
    static final int EMAIL_MAX = 50;
    static final int REFERENCE_MAX = 35;
    static final int DESCRIPTION_MAX = 50;
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    /** Countries whose phone numbers UPS wants as area code + 7 digits (North American Numbering Plan). */
    private static final Set<String> NANP = Set.of("US", "PR", "CA", "VI");
    /** Where UPS requires a StateProvinceCode: US, Canada, Vietnam (ShipTo_Address) and Puerto Rico. */
    private static final Set<String> STATE_REQUIRED = Set.of("US", "CA", "PR", "VN");
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    /**
     * The request body and what had to be adjusted to build it.
     *
     * @param auditNotes one note per adjustment; the first names the cut fields when text was cut
     * @param cutFields  the fields whose text was not sent in full (e.g. ShipTo.Name, ShipTo.AddressLine)
     * @param packagesPerRelease how many of the request's packages each release has, in the order of the releases
     */
    public record Mapped(ObjectNode body, List<String> auditNotes, Warehouse warehouse, String merchantId,
                         boolean domesticLane, List<String> cutFields, List<Integer> packagesPerRelease) {
    }

    private final UpsSettings settings;
    private final PackagePlanner planner;
    private final InternationalFormsMapper customsForms;

    public ShipmentRequestMapper(UpsSettings settings) {
        this(settings, PackagePlanner.forLimit(settings.maxPackageWeight()));
    }

    public ShipmentRequestMapper(UpsSettings settings, PackagePlanner planner) {
        this.settings = settings;
        this.planner = planner;
        this.customsForms = new InternationalFormsMapper(settings.customs());
    }

    /**
     * The packages of each release as {@link #map} would send them, or the release's own failure (a unit heavier
     * than a package may be, too many packages, no weight). No request is built.
     */
    public List<List<PackagePlanner.PlannedPackage>> plan(List<ShippableRelease> releases) {
        List<String> ignored = new ArrayList<>();
        return releases.stream().map(r -> planner.plan(r, ignored)).toList();
    }

    /**
     * The service the release's ShipVia has on its lane, from the warehouse's country to the ship-to's (the choice
     * {@link #map} makes), or the release's failure: SERVICE_NOT_ON_LANE, SHIP_VIA_NOT_UPS, no or no ISO ship-to
     * country. Needs no UPS call, so the creator asks it before any (decision 0033).
     */
    public String laneService(ShippableRelease release) {
        Warehouse wh = settings.warehouse(release.warehouse());
        if (release.shipTo() == null) {
            throw new ConnectorException(Reason.MISSING_FIELD, "release " + release.key() + " has no ship-to address");
        }
        return settings.serviceFor(release.shipViaCode(), wh.countryCode(), country(release.shipTo().countryCode(), release));
    }

    public Mapped map(List<ShippableRelease> releases, LocalDate shipDate) {
        return map(releases, shipDate, null, null);
    }

    /** @param chosenService the service Best Way chose for these releases; null: their ShipVia's on the lane */
    public Mapped map(List<ShippableRelease> releases, LocalDate shipDate, String chosenService) {
        return map(releases, shipDate, chosenService, null);
    }

    /**
     * One pack as one shipment (pack mode): a package per carton as {@code pack} plans them, the pack and its orders
     * as references, the lines' values and customs data as for releases.
     */
    public Mapped mapPack(PackShipment pack, LocalDate shipDate) {
        return map(pack.lines(), shipDate, null, pack);
    }

    private Mapped map(List<ShippableRelease> releases, LocalDate shipDate, String chosenService, PackShipment pack) {
        ShippableRelease first = pack == null ? checkGroup(releases) : releases.get(0);
        Warehouse wh = settings.warehouse(first.warehouse());
        List<String> notes = new ArrayList<>();
        releases.forEach(r -> notes.addAll(r.notes()));
        FieldFitter fit = new FieldFitter(settings.textTooLong(), notes);
        Address to = first.shipTo();
        if (to == null) {
            throw new ConnectorException(Reason.MISSING_FIELD, "release " + first.key() + " has no ship-to address");
        }
        String toCountry = country(to.countryCode(), first);
        String fromCountry = wh.countryCode();
        String service = chosenService != null ? chosenService : laneService(first);
        boolean domesticLane = fromCountry.equals(toCountry) && (toCountry.equals("US") || toCountry.equals("PR"));
        boolean international = !fromCountry.equals(toCountry);

        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode sr = root.putObject("ShipmentRequest");
        ObjectNode request = sr.putObject("Request");
        request.put("RequestOption", settings.requestOption());
        request.putObject("TransactionReference").put("CustomerContext",
                pack == null ? first.key().asString() : pack.key().asString());

        ObjectNode shipment = sr.putObject("Shipment");
        if (international) {
            String description = fit.shortened("Shipment.Description", descriptions(releases), DESCRIPTION_MAX);
            shipment.put("Description", description == null ? "Merchandise" : description);
        }
        ObjectNode shipper = shipment.putObject("Shipper");
        shipper.put("Name", wh.shipperName());
        // Shipper.AttentionName is required when the destination is international (Shipment_Shipper).
        String shipperAttention = wh.attentionName() != null ? wh.attentionName() : international ? wh.shipperName() : null;
        if (shipperAttention != null) {
            shipper.put("AttentionName", shipperAttention);
        }
        shipper.put("ShipperNumber", wh.accountNumber());
        String shipperPhone = phone(fit, "Shipper.Phone", wh.phone(), fromCountry, international);
        if (shipperPhone != null) {
            shipper.putObject("Phone").put("Number", shipperPhone);
        }
        warehouseAddress(shipper.putObject("Address"), wh);

        ObjectNode shipTo = shipment.putObject("ShipTo");
        FieldFitter.NameFit name = fit.name("ShipTo", to.name(), to.attention(), NAME_MAX);
        shipTo.put("Name", name.name());
        String attention = shipToAttention(fit, name, to, international, NEXT_DAY_AIR_EARLY.equals(service));
        if (attention != null) {
            shipTo.put("AttentionName", attention);
        }
        String toPhone = shipToPhone(fit, to, toCountry, international, NEXT_DAY_AIR_EARLY.equals(service));
        if (toPhone != null) {
            shipTo.putObject("Phone").put("Number", toPhone);
        }
        String email = fit.clean("ShipTo.EMailAddress", to.email());
        if (email != null && FieldFitter.length(email) <= EMAIL_MAX) {
            shipTo.put("EMailAddress", email);
        } else if (email != null) {
            fit.omitted("ShipTo.EMailAddress", email, "longer than UPS's " + EMAIL_MAX + " characters");
        }
        ObjectNode toAddress = shipTo.putObject("Address");
        List<String> lines = fit.lines("ShipTo.AddressLine", to.lines(), LINE_MAX, LINES_MAX);
        if (lines.isEmpty()) {
            throw new ConnectorException(Reason.MISSING_FIELD, "ShipTo.AddressLine is empty for " + first.key());
        }
        ArrayNode lineArray = toAddress.putArray("AddressLine");
        lines.forEach(lineArray::add);
        String city = fit.text("ShipTo.City", to.city(), CITY_MAX);
        if (city == null) {
            throw new ConnectorException(Reason.MISSING_FIELD, "ShipTo.City is empty for " + first.key());
        }
        toAddress.put("City", city);
        String state = fit.exact("ShipTo.StateProvinceCode", upper(to.stateProvince()), STATE_MAX);
        if (state != null) {
            toAddress.put("StateProvinceCode", state);
        } else if (STATE_REQUIRED.contains(toCountry)) {
            throw new ConnectorException(Reason.MISSING_STATE_PROVINCE, "ShipTo.Address.StateProvinceCode"
                    + " is required by UPS for " + toCountry + " but the ship-to of " + first.key() + " has none"
                    + " (and Address Validation gave no candidate to take it from)");
        }
        String postal = fit.exact("ShipTo.PostalCode", postal(to.postalCode(), toCountry), POSTAL_MAX);
        if (postal != null) {
            toAddress.put("PostalCode", postal);
        }
        toAddress.put("CountryCode", toCountry);
        if (Boolean.TRUE.equals(to.residential())) {
            toAddress.put("ResidentialAddressIndicator", "");
        }

        ObjectNode shipFrom = shipment.putObject("ShipFrom");
        shipFrom.put("Name", wh.shipperName());
        if (wh.attentionName() != null) {
            shipFrom.put("AttentionName", wh.attentionName());
        }
        if (shipperPhone != null) {
            shipFrom.putObject("Phone").put("Number", shipperPhone);
        }
        warehouseAddress(shipFrom.putObject("Address"), wh);

        shipment.putObject("PaymentInformation").putArray("ShipmentCharge").addObject()
                .put("Type", "01").putObject("BillShipper").put("AccountNumber", wh.accountNumber());
        shipment.putObject("Service").put("Code", service);
        if (!domesticLane) {
            ArrayNode refs = shipment.putArray("ReferenceNumber");
            (pack == null ? references(fit, "Shipment.ReferenceNumber", first) : pack.references(REFERENCE_MAX))
                    .forEach(v -> refs.addObject().put("Value", v));
        }
        shipment.put("ShipmentDate", YYYYMMDD.format(shipDate));
        if (fromCountry.equals("US") && (toCountry.equals("PR") || toCountry.equals("CA"))) {
            BigDecimal total = total(releases);
            if (total == null) {
                throw new ConnectorException(Reason.MISSING_FIELD, "Shipment.InvoiceLineTotal is required "
                        + "from the US to " + toCountry + " but release " + first.key() + " has no value");
            }
            ObjectNode ilt = shipment.putObject("InvoiceLineTotal");
            ilt.put("CurrencyCode", currency(first));
            ilt.put("MonetaryValue", total.setScale(0, RoundingMode.CEILING).max(BigDecimal.ONE).toPlainString());
        }
        customsForms.addTo(shipment, releases, fromCountry, toCountry, shipDate);
        ArrayNode packages = shipment.putArray("Package");
        List<Integer> packagesPerRelease = new ArrayList<>();
        if (pack != null) {
            PackageNodes.addPackPackages(packages, pack, domesticLane ? pack.references(REFERENCE_MAX) : List.of(),
                    settings, pack.unit(), currency(first));
            packagesPerRelease.add(pack.packages().size());
        }
        for (ShippableRelease r : pack == null ? releases : List.<ShippableRelease>of()) {
            List<PackagePlanner.PlannedPackage> planned = planner.plan(r, notes);
            packagesPerRelease.add(planned.size());
            // Every package carries its release's references: Label Recovery finds each by them after a timeout.
            List<String> references = domesticLane ? references(fit, "Package.ReferenceNumber", r) : List.of();
            for (PackagePlanner.PlannedPackage p : planned) {
                ObjectNode pkg = packages.addObject();
                pkg.putObject("Packaging").put("Code", settings.packagingCode());
                ObjectNode weight = pkg.putObject("PackageWeight");
                weight.putObject("UnitOfMeasurement").put("Code", r.weightUnit() == null ? "LBS" : r.weightUnit().name());
                weight.put("Weight", p.weight());
                if (domesticLane) {
                    ArrayNode refs = pkg.putArray("ReferenceNumber");
                    references.forEach(v -> refs.addObject().put("Value", v));
                }
                if (settings.declaredValue() && p.value() != null && p.value().signum() > 0) {
                    ObjectNode dv = pkg.putObject("PackageServiceOptions").putObject("DeclaredValue");
                    dv.putObject("Type").put("Code", "01");
                    dv.put("CurrencyCode", currency(r));
                    dv.put("MonetaryValue", p.value().setScale(2, RoundingMode.HALF_UP).toPlainString());
                }
            }
        }
        if (packages.size() > PackagePlanner.MAX_PACKAGES) {
            throw new ConnectorException(Reason.TOO_MANY_PACKAGES, releases.size() + " releases of order "
                    + first.key().orderNum() + " need " + packages.size() + " packages; a UPS shipment holds at most "
                    + PackagePlanner.MAX_PACKAGES);
        }
        ObjectNode label = sr.putObject("LabelSpecification");
        label.putObject("LabelImageFormat").put("Code", settings.labelFormat().name());
        if (settings.labelFormat() == UpsSettings.LabelFormat.GIF) {
            label.put("HTTPUserAgent", "Mozilla/4.5");
        }
        label.putObject("LabelStockSize").put("Height", settings.labelStockHeight()).put("Width", settings.labelStockWidth());
        List<String> cut = fit.cutFields();
        if (!cut.isEmpty()) {
            notes.add(0, "text cut to fit UPS (ups.textTooLong " + settings.textTooLong() + "): " + String.join(", ", cut));
        }
        return new Mapped(root, List.copyOf(notes), wh, wh.merchantId(), domesticLane, cut,
                List.copyOf(packagesPerRelease));
    }

    private ShippableRelease checkGroup(List<ShippableRelease> releases) {
        if (releases == null || releases.isEmpty()) {
            throw new IllegalArgumentException("at least one release is needed");
        }
        ShippableRelease first = releases.get(0);
        if (releases.size() == 1) {
            return first;
        }
        if (!settings.groupReleasesByOrder()) {
            throw new ConnectorException(Reason.GROUPING_DISABLED,
                    releases.size() + " releases given for one shipment but ups.groupReleasesByOrder is false");
        }
        for (ShippableRelease r : releases) {
            boolean same = r.key().company().equals(first.key().company()) && r.key().orderNum() == first.key().orderNum()
                    && Objects.equals(r.warehouse(), first.warehouse())
                    && sameService(r.shipViaCode(), first.shipViaCode())
                    && Objects.equals(r.shipTo(), first.shipTo());
            if (!same) {
                throw new ConnectorException(Reason.GROUP_MISMATCH,
                        "release " + r.key() + " cannot share a shipment with " + first.key()
                                + ": order, warehouse, service and ship-to must be the same");
            }
        }
        return first;
    }

    private static void warehouseAddress(ObjectNode address, Warehouse wh) {
        ArrayNode lines = address.putArray("AddressLine");
        wh.lines().forEach(lines::add);
        address.put("City", wh.city());
        if (wh.stateProvince() != null) {
            address.put("StateProvinceCode", wh.stateProvince());
        }
        String postal = postal(wh.postalCode(), wh.countryCode());
        if (postal != null) {
            address.put("PostalCode", postal);
        }
        address.put("CountryCode", wh.countryCode());
    }

    /** The release reference (order-line-release) and the PO, each within 35 characters. */
    private static List<String> references(FieldFitter fit, String field, ShippableRelease r) {
        List<String> out = new ArrayList<>();
        out.add(r.key().reference());
        String po = fit.clean(field, r.poNumber());
        if (po != null && FieldFitter.length(po) <= REFERENCE_MAX) {
            out.add(po);
        } else if (po != null) {
            fit.omitted(field, po, "the PO is longer than UPS's " + REFERENCE_MAX + " characters");
        }
        return out;
    }

    private static String descriptions(List<ShippableRelease> releases) {
        Set<String> parts = new LinkedHashSet<>();
        for (ShippableRelease r : releases) {
            String d = r.partDescription() != null && !r.partDescription().isBlank() ? r.partDescription() : r.partNum();
            if (d != null && !d.isBlank()) {
                parts.add(d.trim());
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    static BigDecimal total(List<ShippableRelease> releases) {
        BigDecimal sum = null;
        for (ShippableRelease r : releases) {
            if (r.value() != null) {
                sum = sum == null ? r.value() : sum.add(r.value());
            }
        }
        return sum;
    }

    static String currency(ShippableRelease r) {
        return r.currencyCode() == null || r.currencyCode().isBlank() ? "USD" : r.currencyCode().trim().toUpperCase(Locale.ROOT);
    }

    /**
     * Digits only, at most 15 (a longer number fails rather than being cut). For US, PR, CA and VI UPS wants
     * area code + 7 digits (+ a 4-digit extension) without the country code (Shipper_Phone/Number), so a
     * leading 1 of an 11-digit number is dropped. A phone UPS requires (international lanes) must be there and
     * well-formed; an optional one that is malformed is left out with an audit note.
     */
    private static String phone(FieldFitter fit, String field, String phone, String country, boolean required) {
        return phone(fit, field, phone, country, required, false);
    }

    private static String phone(FieldFitter fit, String field, String phone, String country, boolean required,
                                boolean early) {
        String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            if (required) {
                throw new ConnectorException(Reason.MISSING_FIELD, field + ".Number is required by UPS "
                        + (early ? "for Next Day Air Early (service 14), but neither the ship-to nor the order's ship-to"
                        + " contact has a phone" : "for an international shipment"));
            }
            return null;
        }
        if (NANP.contains(country)) {
            if (digits.length() == 11 && digits.startsWith("1")) {
                digits = digits.substring(1);
            }
            if (digits.length() != 10 && digits.length() != 14) {
                String problem = field + ".Number '" + phone.trim() + "' is not area code + 7 digits (+ 4-digit extension)"
                        + " as UPS requires for " + country;
                if (required) {
                    throw new ConnectorException(Reason.INVALID_FIELD, problem);
                }
                fit.notes().add(problem + ": omitted");
                return null;
            }
            return digits;
        }
        return fit.exact(field + ".Number", digits, PHONE_MAX);
    }

    /**
     * The ship-to's AttentionName: the ship-to's contact, or the name's continuation. Where UPS requires one
     * (international lanes, Next Day Air Early) and there is none: the order's ship-to contact, else the name.
     */
    private static String shipToAttention(FieldFitter fit, FieldFitter.NameFit name, Address to, boolean international,
                                          boolean early) {
        if (name.attention() != null || !(international || early)) {
            return name.attention();
        }
        String contact = fit.text("ShipTo.AttentionName", to.orderContactName(), NAME_MAX);
        String attention = contact != null ? contact : name.name();
        if (early) {
            fit.notes().add("ShipTo.AttentionName: required for Next Day Air Early and the ship-to has no contact; sent "
                    + (contact != null ? "the order's ship-to contact" : "the ship-to name") + " '" + attention + "'");
        }
        return attention;
    }

    /**
     * The ship-to's phone: its own, else (where UPS requires one: international lanes, Next Day Air Early) the
     * order's ship-to contact's; missing or malformed where required is a permanent failure naming the field.
     */
    private static String shipToPhone(FieldFitter fit, Address to, String country, boolean international, boolean early) {
        boolean required = international || early;
        if (!required || to.orderContactPhone() == null || to.orderContactPhone().isBlank()) {
            return phone(fit, "ShipTo.Phone", to.phone(), country, required, early);
        }
        String own = phone(fit, "ShipTo.Phone", to.phone(), country, false, early);
        if (own != null) {
            return own;
        }
        String contact = phone(fit, "ShipTo.Phone", to.orderContactPhone(), country, true, early);
        fit.notes().add("ShipTo.Phone.Number: the ship-to has no usable phone; sent the order's ship-to contact's");
        return contact;
    }

    /** The ISO 3166-1 alpha-2 country code, or a permanent failure of its own before any UPS call. */
    /** Best Way ShipVias share a shipment with their own code only; others when their services are the same. */
    private boolean sameService(String shipVia, String firstShipVia) {
        String a = shipVia == null ? "" : shipVia.trim();
        String b = firstShipVia == null ? "" : firstShipVia.trim();
        if (settings.bestWay().containsKey(a) || settings.bestWay().containsKey(b)) {
            return a.equals(b);
        }
        return Objects.equals(settings.serviceFor(a), settings.serviceFor(b));
    }

    private static String country(String code, ShippableRelease r) {
        String c = upper(code);
        if (c == null) {
            throw new ConnectorException(Reason.MISSING_FIELD,
                    "ShipTo.Address.CountryCode is empty for " + r.key());
        }
        if (!ISO_COUNTRIES.contains(c)) {
            throw new ConnectorException(Reason.INVALID_COUNTRY_CODE, "ShipTo.Address.CountryCode '"
                    + code.trim() + "' of " + r.key() + " is not an ISO 3166-1 alpha-2 country code (e.g. GB, not UK)");
        }
        return c;
    }

    /** Trimmed; US/PR ZIP+4 and Canadian codes lose their dash/space as UPS expects. */
    static String postal(String postal, String country) {
        if (postal == null || postal.isBlank()) {
            return null;
        }
        String p = postal.trim().toUpperCase(Locale.ROOT);
        if ("US".equals(country) || "PR".equals(country) || "CA".equals(country)) {
            p = p.replaceAll("[\\s-]", "");
        }
        return p;
    }

    private static String upper(String s) {
        return s == null || s.isBlank() ? null : s.trim().toUpperCase(Locale.ROOT);
    }
}
