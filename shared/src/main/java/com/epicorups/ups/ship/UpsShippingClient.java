package com.epicorups.ups.ship;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.model.ShippableRelease;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.PackageLabel;
import com.epicorups.port.UpsShipping;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.UpsSettings.Warehouse;
import com.epicorups.ups.rate.RateQuotes;
import com.epicorups.ups.rate.RatedService;
import com.epicorups.ups.rate.UpsRatingClient;
import com.epicorups.ups.service.BestWay;
import com.epicorups.ups.transport.UpsApiException;
import com.epicorups.ups.transport.UpsHttp;
import com.epicorups.ups.wire.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * UPS Shipping: create ({@code POST /api/shipments/v2409/ship}, never retried automatically), find by
 * reference (Label Recovery), void. Field mapping lives in {@link ShipmentRequestMapper}.
 */
public final class UpsShippingClient implements UpsShipping {
    public static final String SHIP = "ship";
    public static final String LABEL_RECOVERY = "labelRecovery";
    public static final String VOID = "void";
    static final String SHIP_PATH = "/api/shipments/v2409/ship";
    static final String RECOVERY_PATH = "/api/labels/v1/recovery";
    static final String VOID_PATH = "/api/shipments/v2409/void/cancel/";

    private final UpsHttp http;
    private final UpsSettings settings;
    private final ShipmentRequestMapper mapper;
    private final Clock clock;
    private final BestWayShipping bestWay;

    public UpsShippingClient(UpsHttp http) {
        this(http, Clock.systemUTC());
    }

    public UpsShippingClient(UpsHttp http, Clock clock) {
        this(http, clock, new RateQuotes(clock));
    }

    /** @param quotes the container's Rating Shop answers, shared by its shipping clients */
    public UpsShippingClient(UpsHttp http, Clock clock, RateQuotes quotes) {
        this.http = http;
        this.settings = http.settings();
        this.mapper = new ShipmentRequestMapper(settings);
        this.clock = clock;
        this.bestWay = new BestWayShipping(settings, mapper, new UpsRatingClient(http, quotes));
    }

    @Override
    public CreatedShipment create(List<ShippableRelease> releases) {
        LocalDate shipDate = shipDate();
        BestWay rule = releases.isEmpty() ? null : bestWay.ruleFor(releases.get(0));
        BestWayShipping.Chosen chosen = rule == null ? null : bestWay.map(releases, shipDate, rule);
        return created(chosen != null ? chosen.mapped() : mapper.map(releases, shipDate), chosen);
    }

    /**
     * The refusals that need no UPS call, made as {@link #create} would make them: the ShipVia's service on the lane
     * (SERVICE_NOT_ON_LANE, SHIP_VIA_NOT_UPS), a Best Way release's lane and NeedByDate, the packages (a unit too
     * heavy for a package, too many packages). One rule each, the same code as create's.
     */
    @Override
    public void checkBeforeAnyCall(List<ShippableRelease> releases) {
        if (releases == null || releases.isEmpty()) {
            return;
        }
        ShippableRelease first = releases.get(0);
        BestWay rule = bestWay.ruleFor(first);
        if (rule != null) {
            bestWay.plan(first, shipDate(), rule);
        } else {
            mapper.laneService(first);
        }
        mapper.plan(releases);
    }

    /** One pack as one shipment (pack mode): a package per carton, the pack and its orders as references. */
    public CreatedShipment createPack(PackShipment pack) {
        return created(mapper.mapPack(pack, shipDate()), null);
    }

    /**
     * A pack's refusals that need no UPS call, as {@link #createPack} would make them: its ShipVia's service on the
     * lane (its packages are planned, and refused, by {@link PackPackages} before).
     */
    public void checkPackBeforeAnyCall(PackShipment pack) {
        mapper.laneService(pack.lines().get(0));
    }

    /** The shipment's date: today in ups.eventTimeZone. */
    private LocalDate shipDate() {
        return LocalDate.now(clock.withZone(settings.eventTimeZone()));
    }

    /** @param chosen what Best Way chose for the shipment; null when its service was mapped */
    private CreatedShipment created(ShipmentRequestMapper.Mapped mapped, BestWayShipping.Chosen chosen) {
        String sent = UpsHttp.serialise(mapped.body());
        JsonNode json = http.send(SHIP, "POST", SHIP_PATH, mapped.body(), mapped.merchantId(), UpsHttp.Retry.NEVER,
                settings.shipTimeout()).json();
        ShipmentResponseMapper.Shipped shipped = ShipmentResponseMapper.shipped(json);
        List<String> notes = new ArrayList<>(mapped.auditNotes());
        notes.addAll(shipped.alerts());
        Map<String, String> charges = new LinkedHashMap<>(shipped.charges());
        if (chosen != null) {
            notes.add("Best Way: " + chosen.service().describe() + ", the cheapest arriving " + chosen.limit().describe()
                    + (chosen.limit().note() == null ? "" : " (" + chosen.limit().note() + ")") + "; UPS offered "
                    + String.join("; ", chosen.offered().stream().map(RatedService::describe).toList()));
            charges.put(BestWayShipping.SERVICE, chosen.service().service());
            charges.put(BestWayShipping.CHARGE, chosen.service().charge().toPlainString() + " " + chosen.service().currency());
        }
        return new CreatedShipment(shipped.shipmentId(), shipped.packages(), charges, sent, notes,
                mapped.packagesPerRelease(), shipped.customsForms());
    }

    /**
     * Only on the US/PR domestic lane does every package carry its own release's reference (UPS accepts
     * package references nowhere else); elsewhere only the first release's reference would reach UPS and
     * Label Recovery could not find the others' packages after a timeout.
     */
    @Override
    public boolean canGroup(List<ShippableRelease> releases) {
        if (!settings.groupReleasesByOrder() || releases == null || releases.size() < 2) {
            return false;
        }
        ShippableRelease first = releases.get(0);
        if (first.shipTo() == null || first.shipTo().countryCode() == null) {
            return false;
        }
        String to = first.shipTo().countryCode().trim().toUpperCase(java.util.Locale.ROOT);
        try {
            String from = settings.warehouse(first.warehouse()).countryCode();
            if (!from.equals(to) || !(to.equals("US") || to.equals("PR"))) {
                return false;
            }
            // Releases that together need more packages than a shipment holds ship apart, each on its own.
            return mapper.plan(releases).stream().mapToInt(List::size).sum() <= PackagePlanner.MAX_PACKAGES;
        } catch (RuntimeException e) {
            return false; // an unknown warehouse, a freight unit: fails on the single path with its own reason
        }
    }

    /**
     * Empty only when UPS answers with a code listed in ups.labelRecoveryNotFoundCodes (none by default: UPS does not
     * publish its "nothing found" code). Any other answer that names no shipment is not read as "nothing shipped":
     * it fails with {@link Reason#RECOVERY_INCONCLUSIVE} (permanent), so that the release is never shipped a second
     * time on a guess; transient failures, authentication and blocked-merchant answers keep their own reasons.
     */
    @Override
    public Optional<CreatedShipment> findByReference(ShippableRelease release) {
        return findByReference(settings.warehouse(release.warehouse()), release.key().reference(),
                release.key().asString());
    }

    /**
     * A shipment UPS already made for this pack (pack mode), by its reference {@code PACK n}, for the reconcile step
     * after an expired claim: as {@link #findByReference(ShippableRelease)}. Its packages come in UPS's order.
     */
    public Optional<CreatedShipment> findPackByReference(com.epicorups.model.PackKey key, String warehouseCode) {
        return findByReference(settings.warehouse(warehouseCode), key.reference(), key.asString());
    }

    private Optional<CreatedShipment> findByReference(Warehouse wh, String reference, String context) {
        String merchant = wh.merchantId(); // null: the UpsSecret's merchant id
        ObjectNode body = recoveryRequest(context);
        ObjectNode refs = ((ObjectNode) body.get("LabelRecoveryRequest")).putObject("ReferenceValues");
        refs.putObject("ReferenceNumber").put("Value", reference);
        refs.put("ShipperNumber", wh.accountNumber());
        Optional<ShipmentResponseMapper.Recovered> first = recover(body, merchant, reference);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        ShipmentResponseMapper.Recovered r = first.get();
        List<String> notes = new ArrayList<>();
        notes.add("recovered from UPS Label Recovery by reference " + reference);
        if (!r.packages().isEmpty()) {
            // UPS lists a TrackingCandidate per shipment when several carry the reference: name the others.
            List<String> others = r.candidates().stream()
                    .filter(c -> !c.equals(r.shipmentId()) && r.packages().stream().noneMatch(p -> c.equals(p.trackingNumber())))
                    .distinct().toList();
            if (!others.isEmpty()) {
                notes.add("UPS holds " + (others.size() + 1) + " shipments with reference " + reference + ": "
                        + r.shipmentId() + " and " + others + " (possible duplicates: void all but " + r.shipmentId() + ")");
            }
            return Optional.of(new CreatedShipment(r.shipmentId(), r.packages(), Map.of(), null, notes));
        }
        if (r.candidates().isEmpty()) {
            throw inconclusive(reference, "UPS answered without any label or tracking candidate", null);
        }
        // By reference UPS may answer with tracking candidates only: fetch each label, group by shipment.
        Map<String, List<PackageLabel>> byShipment = new LinkedHashMap<>();
        for (String tracking : r.candidates()) {
            ObjectNode byNumber = recoveryRequest(context);
            ((ObjectNode) byNumber.get("LabelRecoveryRequest")).put("TrackingNumber", tracking);
            recover(byNumber, merchant, reference).ifPresent(rec -> byShipment
                    .computeIfAbsent(rec.shipmentId() == null ? tracking : rec.shipmentId(), k -> new ArrayList<>())
                    .addAll(rec.packages()));
        }
        if (byShipment.isEmpty()) {
            throw inconclusive(reference, "UPS listed the tracking candidates " + r.candidates()
                    + " but recovered none of them", null);
        }
        if (byShipment.size() > 1) {
            notes.add("UPS holds " + byShipment.size() + " shipments with reference " + reference + ": "
                    + byShipment.keySet() + " (possible duplicates: void all but " + byShipment.keySet().iterator().next() + ")");
        }
        Map.Entry<String, List<PackageLabel>> chosen = byShipment.entrySet().iterator().next();
        return Optional.of(new CreatedShipment(chosen.getKey(), chosen.getValue(), Map.of(), null, notes));
    }

    private Optional<ShipmentResponseMapper.Recovered> recover(ObjectNode body, String merchant, String reference) {
        try {
            return Optional.of(ShipmentResponseMapper.recovered(
                    http.post(LABEL_RECOVERY, RECOVERY_PATH, body, merchant, UpsHttp.Retry.IDEMPOTENT).json()));
        } catch (UpsApiException e) {
            if (isNothingFound(e)) {
                return Optional.empty();
            }
            if (e.reason() != Reason.UPS_BUSINESS_ERROR) {
                throw e; // retried (429, 5xx, timeouts) or failed for its own reason (authentication, blocked merchant)
            }
            throw inconclusive(reference, "UPS answered HTTP " + e.httpStatus() + " " + (e.errors().isEmpty()
                    ? "without an error code" : e.errors().toString()), e);
        }
    }

    /** Only a refusal carrying a code the shipper confirmed (ups.labelRecoveryNotFoundCodes) says "nothing found". */
    boolean isNothingFound(UpsApiException e) {
        if (e.reason() != Reason.UPS_BUSINESS_ERROR || e.httpStatus() < 400 || e.httpStatus() >= 500) {
            return false;
        }
        return e.errors().stream().anyMatch(err -> settings.labelRecoveryNotFoundCodes().contains(err.code()));
    }

    private ConnectorException inconclusive(String reference, String answer, Throwable cause) {
        Set<String> codes = settings.labelRecoveryNotFoundCodes();
        return new ConnectorException(Reason.RECOVERY_INCONCLUSIVE, "Label Recovery by reference " + reference
                + ": " + answer + ", which does not say that UPS holds no shipment for it (ups.labelRecoveryNotFoundCodes: "
                + (codes.isEmpty() ? "none" : String.join(", ", codes)) + "). UPS may hold a shipment for this release,"
                + " so it is not shipped again: look it up at UPS by reference " + reference + "; if UPS has none and"
                + " this answer means so, add its code to ups.labelRecoveryNotFoundCodes and replay", cause);
    }

    private ObjectNode recoveryRequest(String context) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode lr = root.putObject("LabelRecoveryRequest");
        ObjectNode req = lr.putObject("Request");
        req.put("SubVersion", "1903");
        req.putObject("TransactionReference").put("CustomerContext", context);
        ObjectNode spec = lr.putObject("LabelSpecification");
        spec.putObject("LabelImageFormat").put("Code", settings.labelFormat().name());
        spec.put("HTTPUserAgent", "Mozilla/4.5");
        spec.putObject("LabelStockSize").put("Height", settings.labelStockHeight()).put("Width", settings.labelStockWidth());
        return root;
    }

    @Override
    public void voidShipment(String shipmentId) {
        voidShipment(shipmentId, null);
    }

    /** Voids with the token of the warehouse's account (null = the secret's merchant id). */
    public void voidShipment(String shipmentId, String warehouseCode) {
        if (shipmentId == null || !shipmentId.trim().matches("[0-9A-Za-z]{10,35}")) {
            throw new ConnectorException(Reason.INVALID_SHIPMENT_ID, "not a UPS shipment id: " + shipmentId);
        }
        String merchant = warehouseCode == null ? null : settings.warehouse(warehouseCode).merchantId();
        String id = shipmentId.trim().toUpperCase();
        JsonNode json = http.delete(VOID, VOID_PATH + URLEncoder.encode(id, StandardCharsets.UTF_8), merchant).json();
        JsonNode summary = json.path("VoidShipmentResponse").path("SummaryResult").path("Status");
        String code = Nodes.text(summary, "Code");
        if (!"1".equals(code) && !everyPackageVoided(json.path("VoidShipmentResponse").path("PackageLevelResults"))) {
            throw new ConnectorException(Reason.UPS_VOID_FAILED, "UPS did not void " + id + ": status " + code + " " + Nodes.text(summary, "Description"));
        }
    }

    /**
     * Whether UPS reports every package of the shipment voided: a package's status {@code 1} is "Voided or Already
     * Voided" (Shipping.yaml {@code PackageLevelResults_Status.Code}), so a void retried after its answer was lost
     * is a void, whatever the summary says.
     */
    static boolean everyPackageVoided(JsonNode packageResults) {
        List<JsonNode> results = new java.util.ArrayList<>();
        if (packageResults.isArray()) {
            packageResults.forEach(results::add);
        } else if (packageResults.isObject()) {
            results.add(packageResults);
        }
        return !results.isEmpty() && results.stream().allMatch(r -> "1".equals(Nodes.text(r.path("Status"), "Code")));
    }
}
