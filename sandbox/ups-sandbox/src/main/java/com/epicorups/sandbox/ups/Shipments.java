package com.epicorups.sandbox.ups;

import com.epicorups.sandbox.ups.StoredShipment.Party;
import com.epicorups.sandbox.ups.StoredShipment.StoredPackage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shipments the sandbox created: Ship, Void, Label Recovery and Tracking answer from here, and tests move
 * packages along their life with {@link #advance}.
 */
public final class Shipments {

    /** A created shipment, as tests see it. */
    public record Created(String shipmentId, List<String> trackingNumbers, List<String> references,
                          String shipperNumber, boolean voided) {
    }

    interface Listener {
        void created(StoredShipment shipment);

        void event(StoredPackage pkg, PackageEvent event);
    }

    /**
     * What the sandbox answers when Label Recovery finds nothing: its own code, since UPS publishes none (README,
     * "Label Recovery that finds nothing").
     */
    public static final String NOT_FOUND_CODE = "SBX0801";

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Set<String> shipperNumbers;
    private final Map<String, StoredShipment> byShipmentId = new LinkedHashMap<>();
    private final Map<String, StoredPackage> byTrackingNumber = new LinkedHashMap<>();
    private final AtomicLong packageSequence = new AtomicLong(1_000_000L + (System.nanoTime() % 1_000_000L));
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final InternationalForms internationalForms = new InternationalForms();
    private volatile boolean packageResultsAsObject;
    private volatile boolean labelRecoveryInReverse;
    private volatile Reply labelRecoveryNotFound = Reply.error(400, NOT_FOUND_CODE,
            "No label found for the given tracking number or reference (the sandbox's answer: UPS publishes none)");

    /** Paperless-invoice enrolment and the forms images returned (see README, international forms). */
    public InternationalForms internationalForms() {
        return internationalForms;
    }

    Shipments(Clock clock, Set<String> shipperNumbers) {
        this.clock = clock;
        this.shipperNumbers = Set.copyOf(shipperNumbers);
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Answer a single-package ship with {@code PackageResults} as a bare object (what UPS does below v2403)
     * instead of a one-element array, to test the client's Jackson configuration.
     */
    public Shipments packageResultsAsObject(boolean asObject) {
        this.packageResultsAsObject = asObject;
        return this;
    }

    /**
     * What Label Recovery answers when it finds nothing (default: 400 {@link #NOT_FOUND_CODE} "No label found for the
     * given tracking number or reference", the sandbox's invention). For tests of a client that must not take an
     * unknown answer for "nothing found", and for tests playing the code a shipper confirmed in CIE.
     */
    public Shipments labelRecoveryNotFound(int httpStatus, String code, String message) {
        this.labelRecoveryNotFound = Reply.error(httpStatus, code, message);
        return this;
    }

    /**
     * Label Recovery by reference lists a shipment's packages last first: UPS does not promise Label Recovery's order
     * to be the ship request's, and a client must not rely on it (a test control, not a rule UPS is known to follow).
     */
    public Shipments labelRecoveryInReverse(boolean reverse) {
        this.labelRecoveryInReverse = reverse;
        return this;
    }

    /** Moves a package to {@code status}: updates Tracking and queues Quantum View / Track Alert events. */
    public void advance(String trackingNumber, Status status) {
        if (status == Status.LABEL_CREATED || status == Status.VOIDED) {
            throw new IllegalArgumentException(status + " is set by Ship and Void, not by advance()");
        }
        StoredPackage pkg;
        PackageEvent event;
        synchronized (this) {
            pkg = byTrackingNumber.get(trackingNumber);
            if (pkg == null) {
                throw new IllegalArgumentException("Unknown tracking number " + trackingNumber);
            }
            if (pkg.status().terminal()) {
                throw new IllegalStateException(trackingNumber + " is already " + pkg.status());
            }
            Party where = switch (status) {
                case PICKED_UP, RETURNED -> pkg.shipment().shipper;
                case IN_TRANSIT -> new Party("", List.of(), "HODGKINS", "IL", "60525", "US");
                default -> pkg.shipment().shipTo;
            };
            event = new PackageEvent(status, clock.instant(), where.city(), where.state(), where.postalCode(),
                    where.country());
            pkg.events.add(event);
        }
        listeners.forEach(l -> l.event(pkg, event));
    }

    public synchronized Optional<Status> status(String trackingNumber) {
        return Optional.ofNullable(byTrackingNumber.get(trackingNumber)).map(StoredPackage::status);
    }

    /** The decoded label bytes of a package. */
    public synchronized Optional<byte[]> label(String trackingNumber) {
        return Optional.ofNullable(byTrackingNumber.get(trackingNumber)).map(p -> p.label.clone());
    }

    public synchronized List<Created> list() {
        return byShipmentId.values().stream().map(s -> new Created(s.shipmentId,
                s.packages.stream().map(p -> p.trackingNumber).toList(), s.allReferences(), s.shipperNumber,
                s.voided())).toList();
    }

    public synchronized int count() {
        return byShipmentId.size();
    }

    synchronized Optional<StoredPackage> find(String trackingNumber) {
        return Optional.ofNullable(byTrackingNumber.get(trackingNumber));
    }

    synchronized List<StoredShipment> byReference(String reference) {
        return byShipmentId.values().stream().filter(s -> s.hasReference(reference)).toList();
    }

    // ---------------------------------------------------------------- Ship

    /** The created shipment, or the UPS error to answer with. */
    record ShipOutcome(StoredShipment shipment, Reply reply) {
    }

    ShipOutcome ship(JsonNode body) {
        JsonNode root = body.path("ShipmentRequest");
        JsonNode shipment = root.path("Shipment");
        String shipperNumber = Json.text(shipment, "Shipper", "ShipperNumber").toUpperCase(Locale.ROOT);
        if (!shipperNumbers.contains(shipperNumber)) {
            return failure("120100", "Missing or invalid shipper number");
        }
        for (JsonNode charge : Json.list(shipment.path("PaymentInformation").get("ShipmentCharge"))) {
            String account = Json.text(charge, "BillShipper", "AccountNumber");
            if (!account.isEmpty() && !shipperNumbers.contains(account.toUpperCase(Locale.ROOT))) {
                return failure("120100", "Missing or invalid shipper number");
            }
        }
        Optional<Reply> refused = ShipRules.check(root).or(() -> internationalForms.check(shipment, shipperNumber));
        if (refused.isPresent()) {
            return new ShipOutcome(null, refused.get());
        }
        Party shipTo = party(shipment.path("ShipTo"));
        Party shipper = party(shipment.path("Shipper"));
        String format = Json.text(root, "LabelSpecification", "LabelImageFormat", "Code");
        format = format.isEmpty() ? "GIF" : format.toUpperCase(Locale.ROOT);
        String service = Json.text(shipment, "Service", "Code");
        List<JsonNode> packages = Json.list(shipment.get("Package"));
        if (packages.isEmpty()) { // the schema requires one; reached only when validation is sampled
            return failure("120802", "Missing Package");
        }
        List<String> shipmentRefs = references(shipment.get("ReferenceNumber"));
        String unit = Json.text(packages.get(0), "PackageWeight", "UnitOfMeasurement", "Code");
        String weightUnit = unit.isEmpty() ? "LBS" : unit.toUpperCase(Locale.ROOT);
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode p : packages) {
            total = total.add(charge(service, billedWeight(weight(p), weightUnit)));
        }
        StoredShipment created;
        synchronized (this) {
            List<String> numbers = new ArrayList<>();
            for (int i = 0; i < packages.size(); i++) {
                numbers.add(TrackingNumbers.create(shipperNumber, service, packageSequence.getAndIncrement()));
            }
            created = new StoredShipment(numbers.get(0), shipperNumber, service, shipper, shipTo, shipmentRefs,
                    clock.instant(), weightUnit, money(total));
            for (int i = 0; i < packages.size(); i++) {
                JsonNode p = packages.get(i);
                byte[] label = Labels.render(format, numbers.get(i), shipTo.name(), shipTo.city(), shipTo.state(),
                        shipTo.postalCode(), service);
                StoredPackage pkg = created.new StoredPackage(numbers.get(i), references(p.get("ReferenceNumber")),
                        Json.text(p, "PackageWeight", "Weight"), format, label);
                pkg.events.add(new PackageEvent(Status.LABEL_CREATED, created.createdAt, shipper.city(),
                        shipper.state(), shipper.postalCode(), shipper.country()));
                created.packages.add(pkg);
                byTrackingNumber.put(pkg.trackingNumber, pkg);
            }
            byShipmentId.put(created.shipmentId, created);
        }
        listeners.forEach(l -> l.created(created));
        return new ShipOutcome(created, Reply.ok(shipResponse(created, root)));
    }

    /**
     * The weight UPS bills a package at: pounds are billed whole, rounded up, and a package under 1 lb as 1 lb
     * (first-contact review, UPS billing); other units as sent, to a tenth.
     */
    static BigDecimal billedWeight(BigDecimal weight, String unit) {
        if ("LBS".equals(unit)) {
            return weight.setScale(0, RoundingMode.CEILING).max(BigDecimal.ONE);
        }
        return weight.setScale(1, RoundingMode.CEILING);
    }

    private ObjectNode shipResponse(StoredShipment s, JsonNode request) {
        ObjectNode body = Json.object();
        ObjectNode response = body.putObject("ShipmentResponse");
        ObjectNode head = response.putObject("Response");
        head.putObject("ResponseStatus").put("Code", "1").put("Description", "Success");
        String context = Json.text(request, "Request", "TransactionReference", "CustomerContext");
        if (!context.isEmpty()) {
            head.putObject("TransactionReference").put("CustomerContext", context);
        }
        ObjectNode results = response.putObject("ShipmentResults");
        ObjectNode charges = results.putObject("ShipmentCharges");
        charges.putObject("TransportationCharges").put("CurrencyCode", "USD").put("MonetaryValue", s.totalCharges);
        charges.putObject("ServiceOptionsCharges").put("CurrencyCode", "USD").put("MonetaryValue", "0.00");
        charges.putObject("TotalCharges").put("CurrencyCode", "USD").put("MonetaryValue", s.totalCharges);
        BigDecimal billing = s.packages.stream().map(p -> billedWeight(parseWeight(p.weight), s.weightUnit))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(1, RoundingMode.CEILING);
        ObjectNode billingWeight = results.putObject("BillingWeight");
        billingWeight.putObject("UnitOfMeasurement").put("Code", s.weightUnit)
                .put("Description", "KGS".equals(s.weightUnit) ? "Kilograms" : "Pounds");
        billingWeight.put("Weight", billing.toPlainString());
        results.put("ShipmentIdentificationNumber", s.shipmentId);
        internationalForms.addForm(results, request.path("Shipment"), s.shipmentId, s.shipperNumber);
        ArrayNode packageResults = Json.array();
        for (StoredPackage p : s.packages) {
            ObjectNode result = packageResults.addObject();
            result.put("TrackingNumber", p.trackingNumber);
            result.putObject("ServiceOptionsCharges").put("CurrencyCode", "USD").put("MonetaryValue", "0.00");
            result.set("ShippingLabel", labelNode(p));
        }
        if (packageResultsAsObject && packageResults.size() == 1) {
            results.set("PackageResults", packageResults.get(0));
        } else {
            results.set("PackageResults", packageResults);
        }
        return body;
    }

    private static ObjectNode labelNode(StoredPackage p) {
        ObjectNode label = Json.object();
        label.putObject("ImageFormat").put("Code", p.labelFormat).put("Description", p.labelFormat);
        label.put("GraphicImage", Base64.getEncoder().encodeToString(p.label));
        if ("GIF".equals(p.labelFormat)) {
            String html = "<html><head><title>View/Print Label</title></head><body><img src=\"./label"
                    + p.trackingNumber + ".gif\" height=\"392\" width=\"651\"></body></html>";
            label.put("HTMLImage", Base64.getEncoder().encodeToString(html.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return label;
    }

    // ---------------------------------------------------------------- Void

    Reply voidShipment(String shipmentId, String trackingNumberQuery) {
        List<StoredPackage> voided = new ArrayList<>();
        StoredShipment s;
        synchronized (this) {
            s = byShipmentId.get(shipmentId);
            if (s == null) {
                return Reply.error(400, "190117", "Invalid Shipment Identification Number");
            }
            Set<String> only = trackingNumberQuery == null || trackingNumberQuery.isBlank() ? Set.of()
                    : Set.of(trackingNumberQuery.toUpperCase(Locale.ROOT).split(","));
            for (StoredPackage p : s.packages) {
                if (!only.isEmpty() && !only.contains(p.trackingNumber)) {
                    continue;
                }
                if (p.status() != Status.LABEL_CREATED && p.status() != Status.VOIDED) {
                    return Reply.error(400, "190102", "No shipment found within the allowed void period");
                }
                if (p.status() != Status.VOIDED) {
                    PackageEvent event = new PackageEvent(Status.VOIDED, clock.instant(), s.shipper.city(),
                            s.shipper.state(), s.shipper.postalCode(), s.shipper.country());
                    p.events.add(event);
                    voided.add(p);
                }
            }
        }
        for (StoredPackage p : voided) {
            listeners.forEach(l -> l.event(p, p.latest()));
        }
        synchronized (this) {
            return VoidReply.of(s);
        }
    }

    // ---------------------------------------------------------------- Label Recovery

    /**
     * Label Recovery by {@code TrackingNumber} or by {@code ReferenceValues}. UPS does not publish what it answers
     * when nothing matches; the sandbox answers {@link #labelRecoveryNotFound} (by default 400 {@link #NOT_FOUND_CODE}
     * "No label found", a code no client can take for UPS's): see the README.
     *
     * <p>By reference, one response describes one shipment ({@code ShipmentIdentificationNumber} names the
     * leading package): {@code LabelResults} holds the packages of the earliest matching shipment. When several
     * shipments carry the reference (a duplicate), {@code TrackingCandidate} lists the leading tracking number
     * of each, which the spec says is returned when Shipper Number and Reference Number are supplied.
     */
    Reply recoverLabels(JsonNode body) {
        JsonNode request = body.path("LabelRecoveryRequest");
        String trackingNumber = Json.text(request, "TrackingNumber").toUpperCase(Locale.ROOT);
        String reference = Json.text(request, "ReferenceValues", "ReferenceNumber", "Value");
        String shipper = Json.text(request, "ReferenceValues", "ShipperNumber").toUpperCase(Locale.ROOT);
        List<StoredPackage> found = new ArrayList<>();
        List<StoredShipment> matching = new ArrayList<>();
        synchronized (this) {
            if (!trackingNumber.isEmpty()) {
                StoredPackage p = byTrackingNumber.get(trackingNumber);
                if (p != null && p.status() != Status.VOIDED) {
                    found.add(p);
                }
            } else if (!reference.isEmpty()) {
                for (StoredShipment s : byShipmentId.values()) {
                    if (s.hasReference(reference) && s.shipperNumber.equals(shipper) && !s.voided()) {
                        matching.add(s);
                    }
                }
                if (!matching.isEmpty()) {
                    matching.get(0).packages.stream().filter(p -> p.status() != Status.VOIDED).forEach(found::add);
                    if (labelRecoveryInReverse) {
                        java.util.Collections.reverse(found);
                    }
                }
            } else {
                return Reply.error(400, "120500", "Missing TrackingNumber or ReferenceValues");
            }
        }
        if (found.isEmpty()) {
            return labelRecoveryNotFound;
        }
        ObjectNode out = Json.object();
        ObjectNode response = out.putObject("LabelRecoveryResponse");
        response.putObject("Response").putObject("ResponseStatus").put("Code", "1").put("Description", "Success");
        response.put("ShipmentIdentificationNumber", found.get(0).shipment().shipmentId);
        ArrayNode results = response.putArray("LabelResults");
        for (StoredPackage p : found) {
            ObjectNode result = results.addObject();
            result.put("TrackingNumber", p.trackingNumber);
            ObjectNode image = result.putObject("LabelImage");
            image.putObject("LabelImageFormat").put("Code", p.labelFormat);
            image.put("GraphicImage", Base64.getEncoder().encodeToString(p.label));
        }
        if (matching.size() > 1) {
            ArrayNode candidates = response.putArray("TrackingCandidate");
            for (StoredShipment s : matching) {
                String day = DATE.format(s.createdAt);
                ObjectNode candidate = candidates.addObject();
                candidate.put("TrackingNumber", s.shipmentId);
                if (!s.shipTo.postalCode().isEmpty()) {
                    candidate.put("DestinationPostalCode", s.shipTo.postalCode().replace("-", ""));
                }
                candidate.put("DestinationCountryCode", s.shipTo.country());
                candidate.putObject("PickupDateRange").put("BeginDate", day).put("EndDate", day);
            }
        }
        return Reply.ok(out);
    }

    // ---------------------------------------------------------------- Tracking

    Reply track(String inquiryNumber) {
        ObjectNode out = Json.object();
        ObjectNode shipment = out.putObject("trackResponse").putArray("shipment").addObject();
        shipment.put("inquiryNumber", inquiryNumber);
        synchronized (this) {
            StoredPackage p = byTrackingNumber.get(inquiryNumber.toUpperCase(Locale.ROOT));
            if (p == null) {
                ObjectNode warning = shipment.putArray("warnings").addObject();
                warning.put("code", "TW0001").put("message", "Tracking Information Not Found");
                return Reply.ok(out);
            }
            shipment.putArray("package").add(TrackedPackages.node(p));
        }
        return Reply.ok(out);
    }

    Reply trackByReference(String reference) {
        ObjectNode out = Json.object();
        ObjectNode shipment = out.putObject("trackResponse").putArray("shipment").addObject();
        shipment.put("inquiryNumber", reference);
        synchronized (this) {
            List<StoredShipment> found = byReference(reference);
            if (found.isEmpty()) {
                ObjectNode warning = shipment.putArray("warnings").addObject();
                warning.put("code", "TW0001").put("message", "Tracking Information Not Found");
                return Reply.ok(out);
            }
            ArrayNode packages = shipment.putArray("package");
            found.forEach(s -> s.packages.forEach(p -> packages.add(TrackedPackages.node(p))));
        }
        return Reply.ok(out);
    }

    static int transitDays(String service) {
        return switch (service) {
            case "01", "13", "14" -> 1;
            case "02", "59" -> 2;
            case "12", "03" -> 3;
            default -> 5;
        };
    }

    // ---------------------------------------------------------------- helpers

    private static ShipOutcome failure(String code, String message) {
        return new ShipOutcome(null, Reply.error(400, code, message));
    }

    private static Party party(JsonNode node) {
        JsonNode address = node.path("Address");
        List<String> lines = new ArrayList<>();
        Json.list(address.get("AddressLine")).forEach(l -> lines.add(l.asText("")));
        return new Party(Json.text(node, "Name"), lines, Json.text(address, "City").toUpperCase(Locale.ROOT),
                Json.text(address, "StateProvinceCode").toUpperCase(Locale.ROOT),
                Json.text(address, "PostalCode").toUpperCase(Locale.ROOT),
                Json.text(address, "CountryCode").toUpperCase(Locale.ROOT));
    }

    private static List<String> references(JsonNode node) {
        List<String> out = new ArrayList<>();
        Json.list(node).forEach(r -> {
            String value = Json.text(r, "Value");
            if (!value.isEmpty()) {
                out.add(value);
            }
        });
        return out;
    }

    private static BigDecimal weight(JsonNode pkg) {
        return parseWeight(Json.text(pkg, "PackageWeight", "Weight"));
    }

    private static BigDecimal parseWeight(String weight) {
        try {
            return new BigDecimal(weight.trim());
        } catch (NumberFormatException e) {
            return BigDecimal.ONE;
        }
    }

    private static BigDecimal charge(String service, BigDecimal weight) {
        BigDecimal base = switch (service) {
            case "01" -> new BigDecimal("28.50");
            case "02" -> new BigDecimal("18.40");
            case "03" -> new BigDecimal("9.85");
            case "12" -> new BigDecimal("14.20");
            case "13" -> new BigDecimal("25.10");
            case "14" -> new BigDecimal("62.00");
            default -> new BigDecimal("30.00");
        };
        return base.add(new BigDecimal("1.35").multiply(weight));
    }

    private static String money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String iso(Instant instant) {
        return instant.toString();
    }
}
