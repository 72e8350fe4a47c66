package com.epicorups.sandbox.ups;

import com.epicorups.sandbox.ups.StoredShipment.StoredPackage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The Quantum View "unread" feed of one subscription. Ship queues a Manifest entry, advance() queues
 * Origin (pickup), Exception, Delivery, and Generic entries (VM void, UR return). A request without
 * DateTimeRange/FileName returns unread entries and marks them read (consume-once), at most
 * {@link #eventsPerPage} per response; when more remain the response carries a {@code Bookmark}, which the
 * client sends back at QuantumViewRequest level to get the next page.
 */
public final class QuantumViewFeed implements Shipments.Listener {

    private static final DateTimeFormatter FILE = DateTimeFormatter.ofPattern("yyMMdd_HHmmssSSS").withZone(ZoneOffset.UTC);
    /** SubscriptionEvents.DateRange format per the spec: MM-DD-YYYY-HH-MM. */
    private static final DateTimeFormatter RANGE = DateTimeFormatter.ofPattern("MM-dd-yyyy-HH-mm").withZone(ZoneOffset.UTC);

    private record Entry(String kind, ObjectNode node, Instant at) {
    }

    private final Clock clock;
    private final String subscriberId;
    private final List<Entry> unread = new ArrayList<>();
    private final List<Entry> read = new ArrayList<>();
    private volatile String subscriptionName = "OutboundShipments";
    private volatile int eventsPerPage = 50;
    private String outstandingBookmark;
    private int failuresPending;
    private int failureRetrySeconds;
    private int failureHttpStatus = 200;
    private int fileSequence;

    QuantumViewFeed(Clock clock, String subscriberId) {
        this.clock = clock;
        this.subscriberId = subscriberId;
    }

    public QuantumViewFeed subscriptionName(String name) {
        this.subscriptionName = name;
        return this;
    }

    public String subscriptionName() {
        return subscriptionName;
    }

    public QuantumViewFeed eventsPerPage(int perPage) {
        this.eventsPerPage = perPage;
        return this;
    }

    /** Unread entries still waiting to be fetched. */
    public synchronized int unreadCount() {
        return unread.size();
    }

    /**
     * The next {@code n} requests fail with a transient QV error carrying {@code MinimumRetrySeconds}
     * ({@code ResponseStatusCode "0"}, HTTP {@code httpStatus}, e.g. 200 like legacy QV or 503).
     */
    public synchronized QuantumViewFeed failNext(int n, int minimumRetrySeconds, int httpStatus) {
        this.failuresPending = n;
        this.failureRetrySeconds = minimumRetrySeconds;
        this.failureHttpStatus = httpStatus;
        return this;
    }

    // ---------------------------------------------------------------- events from Shipments

    @Override
    public synchronized void created(StoredShipment s) {
        ObjectNode manifest = Json.object();
        ObjectNode shipper = manifest.putObject("Shipper");
        shipper.put("Name", s.shipper.name()).put("ShipperNumber", s.shipperNumber);
        shipper.set("Address", address(s.shipper));
        ObjectNode shipTo = manifest.putObject("ShipTo");
        shipTo.put("CompanyName", s.shipTo.name());
        shipTo.set("Address", address(s.shipTo));
        ArrayNode refs = manifest.putArray("ReferenceNumber");
        s.shipmentReferences.forEach(r -> refs.addObject().put("Value", r));
        manifest.putObject("Service").put("Code", "0" + s.serviceCode); // QV uses 3-digit service codes
        manifest.put("PickupDate", Shipments.DATE.format(s.createdAt));
        manifest.put("ScheduledDeliveryDate", Shipments.DATE.format(
                s.createdAt.plusSeconds(86_400L * Shipments.transitDays(s.serviceCode))));
        ArrayNode packages = manifest.putArray("Package");
        for (StoredPackage p : s.packages) {
            ObjectNode pkg = packages.addObject();
            pkg.put("TrackingNumber", p.trackingNumber);
            pkg.putObject("PackageWeight").put("Weight", sixCharacterWeight(p.weight));
            ArrayNode pkgRefs = pkg.putArray("ReferenceNumber");
            p.references.forEach(r -> pkgRefs.addObject().put("Value", r));
        }
        manifest.put("ShipmentChargeType", "P/P");
        manifest.putObject("BillToAccount").put("Option", "01").put("Number", s.shipperNumber);
        manifest.put("ConsigneeBillIndicator", "N");
        manifest.put("CollectBillIndicator", "N");
        unread.add(new Entry("Manifest", manifest, clock.instant()));
    }

    @Override
    public synchronized void event(StoredPackage p, PackageEvent e) {
        StoredShipment s = p.shipment();
        ObjectNode node = Json.object();
        String kind;
        switch (e.status()) {
            case PICKED_UP -> {
                kind = "Origin";
                common(node, p, e);
                node.set("ActivityLocation", activityLocation(e));
                node.put("ScheduledDeliveryDate", Shipments.DATE.format(
                        s.createdAt.plusSeconds(86_400L * Shipments.transitDays(s.serviceCode))));
            }
            case DELIVERED -> {
                kind = "Delivery";
                common(node, p, e);
                node.set("ActivityLocation", activityLocation(e));
                ObjectNode location = node.putObject("DeliveryLocation");
                location.putObject("AddressArtifactFormat").put("PoliticalDivision2", e.city())
                        .put("PoliticalDivision1", e.state()).put("CountryCode", e.country())
                        .put("PostcodePrimaryLow", e.postalCode());
                location.put("Code", "M1").put("Description", "FRONT DOOR").put("SignedForByName", "DRIVER RELEASE");
            }
            case EXCEPTION -> {
                kind = "Exception";
                common(node, p, e);
                node.put("StatusCode", e.status().code()).put("StatusDescription", e.status().description());
                node.put("ReasonCode", "01").put("ReasonDescription", "RECEIVER NOT AVAILABLE");
                node.putObject("Resolution").put("Code", "NA").put("Description", "A SECOND ATTEMPT WILL BE MADE");
                node.set("ActivityLocation", activityLocation(e));
            }
            case VOIDED, RETURNED -> {
                kind = "Generic";
                node.put("ActivityType", e.status() == Status.VOIDED ? "VM" : "UR");
                node.put("TrackingNumber", p.trackingNumber).put("ShipperNumber", s.shipperNumber);
                references(node, p);
                node.putObject("Activity").put("Date", Shipments.DATE.format(e.at())).put("Time", Shipments.TIME.format(e.at()));
            }
            default -> {
                return; // Quantum View has no entry for in-transit and out-for-delivery scans.
            }
        }
        unread.add(new Entry(kind, node, e.at()));
    }

    /** QV declares the package weight as a fixed 6-character string, e.g. {@code "0005.0"}. */
    private static String sixCharacterWeight(String weight) {
        try {
            String formatted = String.format(Locale.ROOT, "%06.1f", Double.parseDouble(weight));
            return formatted.length() == 6 ? formatted : "9999.9";
        } catch (NumberFormatException e) {
            return "0000.0";
        }
    }

    private static void common(ObjectNode node, StoredPackage p, PackageEvent e) {
        references(node, p);
        node.put("ShipperNumber", p.shipment().shipperNumber).put("TrackingNumber", p.trackingNumber)
                .put("Date", Shipments.DATE.format(e.at())).put("Time", Shipments.TIME.format(e.at()));
    }

    private static void references(ObjectNode node, StoredPackage p) {
        ArrayNode pkgRefs = node.putArray("PackageReferenceNumber");
        p.references.forEach(r -> pkgRefs.addObject().put("Value", r));
        ArrayNode shipmentRefs = node.putArray("ShipmentReferenceNumber");
        p.shipment().shipmentReferences.forEach(r -> shipmentRefs.addObject().put("Value", r));
    }

    private static ObjectNode activityLocation(PackageEvent e) {
        ObjectNode location = Json.object();
        location.putObject("AddressArtifactFormat").put("PoliticalDivision2", e.city())
                .put("PoliticalDivision1", e.state()).put("CountryCode", e.country());
        return location;
    }

    private static ObjectNode address(StoredShipment.Party party) {
        ObjectNode address = Json.object();
        if (!party.addressLines().isEmpty()) {
            address.put("AddressLine1", party.addressLines().get(0));
        }
        address.put("City", party.city()).put("StateProvinceCode", party.state())
                .put("PostalCode", party.postalCode()).put("CountryCode", party.country());
        return address;
    }

    // ---------------------------------------------------------------- the API call

    synchronized Reply respond(JsonNode body) {
        JsonNode request = body.path("QuantumViewRequest");
        String context = Json.text(request, "Request", "TransactionReference", "CustomerContext");
        if (failuresPending > 0) {
            failuresPending--;
            ObjectNode out = envelope(context, "0", "Failure");
            ObjectNode error = ((ObjectNode) out.path("QuantumViewResponse").path("Response")).putArray("Error").addObject();
            error.put("ErrorSeverity", "Transient").put("ErrorCode", "330000")
                    .put("ErrorDescription", "Quantum View is temporarily unavailable")
                    .put("MinimumRetrySeconds", String.valueOf(failureRetrySeconds));
            error.putArray("ErrorLocation");
            return new Reply(failureHttpStatus, out);
        }
        List<JsonNode> subscriptionRequests = Json.list(request.get("SubscriptionRequest"));
        JsonNode range = null;
        for (JsonNode sr : subscriptionRequests) {
            String name = Json.text(sr, "Name");
            if (!name.isEmpty() && !name.equalsIgnoreCase(subscriptionName)) {
                return Reply.error(400, "330028", "Subscription name " + name + " does not exist");
            }
            if (sr.has("DateTimeRange")) {
                range = sr.get("DateTimeRange");
            }
        }
        String bookmark = Json.text(request, "Bookmark");
        if (!bookmark.isEmpty() && !bookmark.equals(outstandingBookmark)) {
            return Reply.error(400, "330030", "Invalid Bookmark");
        }
        List<Entry> page = new ArrayList<>();
        String status;
        boolean more;
        if (range != null) {
            Instant begin = parse(Json.text(range, "BeginDateTime"), Instant.EPOCH);
            Instant end = parse(Json.text(range, "EndDateTime"), begin.plusSeconds(7 * 86_400L));
            List<Entry> all = new ArrayList<>(read);
            all.addAll(unread);
            all.stream().filter(en -> !en.at().isBefore(begin) && en.at().isBefore(end)).forEach(page::add);
            status = "R";
            more = false;
        } else {
            int n = Math.min(eventsPerPage, unread.size());
            page.addAll(unread.subList(0, n));
            unread.subList(0, n).clear();
            read.addAll(page);
            status = "U";
            more = !unread.isEmpty();
        }
        ObjectNode out = envelope(context, "1", "Success");
        ObjectNode events = (ObjectNode) out.path("QuantumViewResponse").path("QuantumViewEvents");
        ArrayNode subscriptionEvents = (ArrayNode) events.get("SubscriptionEvents");
        if (!page.isEmpty()) {
            ObjectNode se = subscriptionEvents.addObject();
            se.put("Name", subscriptionName).put("Number", "1");
            se.putObject("SubscriptionStatus").put("Code", "A").put("Description", "Active");
            se.putObject("DateRange").put("BeginDate", RANGE.format(page.get(0).at()))
                    .put("EndDate", RANGE.format(page.get(page.size() - 1).at()));
            ObjectNode file = se.putArray("SubscriptionFile").addObject();
            file.put("FileName", FILE.format(clock.instant()).substring(0, 13) + String.format("%03d", ++fileSequence % 1000));
            file.putObject("StatusType").put("Code", status).put("Description", "R".equals(status) ? "Read" : "Unread");
            for (Entry entry : page) {
                JsonNode existing = file.get(entry.kind());
                ArrayNode list = existing == null ? file.putArray(entry.kind()) : (ArrayNode) existing;
                list.add(entry.node());
            }
        }
        if (more) {
            outstandingBookmark = Base64.getEncoder().encodeToString(
                    (subscriberId + "|" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
            ((ObjectNode) out.get("QuantumViewResponse")).put("Bookmark", outstandingBookmark);
        } else {
            outstandingBookmark = null;
        }
        return Reply.ok(out);
    }

    private ObjectNode envelope(String context, String code, String description) {
        ObjectNode out = Json.object();
        ObjectNode response = out.putObject("QuantumViewResponse");
        ObjectNode head = response.putObject("Response");
        head.putObject("TransactionReference").put("CustomerContext", context);
        head.put("ResponseStatusCode", code).put("ResponseStatusDescription", description);
        ObjectNode events = response.putObject("QuantumViewEvents");
        events.put("SubscriberID", subscriberId);
        events.putArray("SubscriptionEvents");
        return out;
    }

    private static Instant parse(String text, Instant fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        return java.time.LocalDateTime.parse(text.trim(), DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT))
                .toInstant(ZoneOffset.UTC);
    }
}
