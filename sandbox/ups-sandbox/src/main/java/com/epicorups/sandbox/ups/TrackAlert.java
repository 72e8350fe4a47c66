package com.epicorups.sandbox.ups;

import com.epicorups.sandbox.ups.StoredShipment.StoredPackage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Track Alert: package subscriptions (v1 with a per-request destination, v2 with the webhook configured
 * "on the portal", here {@link #webhookV2}), 14-day lifetime, at most 100 numbers per call, and the webhook
 * poster that delivers {@code TrackingEventRequest} payloads the way UPS does.
 *
 * <p>In {@link Environment#CIE} it behaves like UPS's test host: no subscription is created; a number other than
 * the two CIE test numbers is refused (VSS215, or listed in {@code invalidTrackingNumbers} beside an accepted test
 * number); each accepted test number is answered with a burst of events to the webhook, {@link #cieEventSpacing}
 * apart (UPS: about a second).
 */
public final class TrackAlert implements Shipments.Listener {

    /** How UPS reaches the subscriber's webhook. */
    public record Destination(String url, Map<String, String> headers) {
        public Destination {
            headers = Map.copyOf(headers);
        }
    }

    /** A subscription as the sandbox holds it. */
    public record Subscription(String trackingNumber, String version, Instant expiresAt, Destination destination) {
    }

    /** One webhook POST the sandbox made and the HTTP status it got back (-1 when unreachable). */
    public record Delivery(String trackingNumber, Status status, String url, int httpStatus, String body) {
    }

    static final String USER_AGENT = "UPSPubSubTrackingService";
    static final Duration SUBSCRIPTION_LIFETIME = Duration.ofDays(14);
    private static final Pattern NUMBER = Pattern.compile("1Z[0-9A-Z]{16}|1R[0-9A-Z]{14}|1R[0-9A-Z]{26}");

    /** The events CIE sends for each test number, in order. */
    static final List<Status> CIE_BURST = List.of(Status.PICKED_UP, Status.IN_TRANSIT,
            Status.LOADED_ON_DELIVERY_VEHICLE, Status.OUT_FOR_DELIVERY, Status.DELIVERED);

    private final Clock clock;
    private final Environment environment;
    private volatile Duration cieEventSpacing = Duration.ofSeconds(1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile Destination webhookV2;

    TrackAlert(Clock clock, Environment environment) {
        this.clock = clock;
        this.environment = environment;
    }

    /** In CIE: the pause between the events of a test number's burst (default 1 s, as UPS describes it). */
    public TrackAlert cieEventSpacing(Duration spacing) {
        this.cieEventSpacing = spacing;
        return this;
    }

    /** The v2 webhook (configured on the UPS portal in reality): UPS sends a Bearer token and x-api-key. */
    public TrackAlert webhookV2(String url, String bearerToken, String apiKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + bearerToken);
        headers.put("x-api-key", apiKey);
        this.webhookV2 = new Destination(url, headers);
        return this;
    }

    public Optional<Subscription> subscription(String trackingNumber) {
        return Optional.ofNullable(subscriptions.get(trackingNumber))
                .filter(s -> clock.instant().isBefore(s.expiresAt()));
    }

    public List<Subscription> subscriptions() {
        return List.copyOf(subscriptions.values());
    }

    /** Webhook POSTs made automatically for subscribed packages (and through {@link #deliverEvent}). */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    // ---------------------------------------------------------------- webhook poster

    /** POSTs {@code jsonBody} to {@code webhookUrl} with UPS's User-Agent and the given headers; returns the HTTP status. */
    public int deliver(String webhookUrl, Map<String, String> headers, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhookUrl))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Headers a v1 delivery carries: the opaque {@code credential} given at subscription time. */
    public static Map<String, String> v1Headers(String credential) {
        return Map.of("credential", credential);
    }

    /** Headers a v2 delivery carries: a Bearer token and the OAuth client id as {@code x-api-key}. */
    public static Map<String, String> v2Headers(String bearerToken, String apiKey) {
        return Map.of("Authorization", "Bearer " + bearerToken, "x-api-key", apiKey);
    }

    /** A realistic {@code TrackingEventRequest} for a package reaching {@code status} now. */
    public String eventPayload(String trackingNumber, Status status) {
        return Json.write(payload(trackingNumber, status, clock.instant(), "ATLANTA", "GA", "30301", "US",
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(2)));
    }

    /** Builds the payload for {@code status} and delivers it; the delivery is recorded in {@link #deliveries()}. */
    public int deliverEvent(String webhookUrl, Map<String, String> headers, String trackingNumber, Status status) {
        String body = eventPayload(trackingNumber, status);
        int httpStatus = deliver(webhookUrl, headers, body);
        deliveries.add(new Delivery(trackingNumber, status, webhookUrl, httpStatus, body));
        return httpStatus;
    }

    static ObjectNode payload(String trackingNumber, Status status, Instant at, String city, String state,
                              String postalCode, String country, LocalDate scheduled) {
        ObjectNode event = Json.object();
        event.put("trackingNumber", trackingNumber);
        event.put("localActivityDate", Shipments.DATE.format(at));
        event.put("localActivityTime", Shipments.TIME.format(at));
        event.putObject("activityLocation").put("city", city).put("stateProvince", state)
                .put("postalCode", status == Status.DELIVERED ? postalCode : "").put("country", country);
        ObjectNode activity = event.putObject("activityStatus");
        activity.put("type", status.trackAlertType()).put("code", status.code()).put("description", status.description())
                .put("descriptionCode", status.statusCode());
        event.put("scheduledDeliveryDate", scheduled.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        event.put("actualDeliveryDate", status == Status.DELIVERED ? Shipments.DATE.format(at) : "");
        event.put("actualDeliveryTime", status == Status.DELIVERED ? Shipments.TIME.format(at) : "");
        event.put("gmtActivityDate", Shipments.DATE.format(at));
        event.put("gmtActivityTime", Shipments.TIME.format(at));
        event.put("gmtOffset", "+00.00");
        event.put("deliveryStartTime", "");
        event.put("deliveryEndTime", "");
        event.put("deliveryTimeDescription", status == Status.DELIVERED ? "" : "end of day");
        return event;
    }

    // ---------------------------------------------------------------- automatic delivery

    @Override
    public void created(StoredShipment shipment) {
        // Label creation happens before anyone can subscribe; nothing to deliver.
    }

    @Override
    public void event(StoredPackage pkg, PackageEvent e) {
        Optional<Subscription> subscription = subscription(pkg.trackingNumber);
        if (subscription.isEmpty() || subscription.get().destination() == null) {
            return;
        }
        Destination destination = subscription.get().destination();
        LocalDate scheduled = LocalDate.ofInstant(pkg.shipment().createdAt, ZoneOffset.UTC)
                .plusDays(Shipments.transitDays(pkg.shipment().serviceCode));
        String body = Json.write(payload(pkg.trackingNumber, e.status(), e.at(), e.city(), e.state(),
                e.postalCode(), e.country(), scheduled));
        int status = deliver(destination.url(), destination.headers(), body);
        deliveries.add(new Delivery(pkg.trackingNumber, e.status(), destination.url(), status, body));
    }

    /** CIE's answer to a test number: its events, posted one after the other on a daemon thread. */
    private void burst(String trackingNumber, Destination destination) {
        if (destination == null) {
            return;
        }
        Thread poster = new Thread(() -> {
            for (Status status : CIE_BURST) {
                try {
                    Thread.sleep(cieEventSpacing.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                Instant at = clock.instant();
                String body = Json.write(payload(trackingNumber, status, at, "ATLANTA", "GA", "30301", "US",
                        LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays(1)));
                deliveries.add(new Delivery(trackingNumber, status, destination.url(),
                        deliver(destination.url(), destination.headers(), body), body));
            }
        }, "ups-sandbox-cie-burst");
        poster.setDaemon(true);
        poster.start();
    }

    // ---------------------------------------------------------------- the subscription API

    Reply subscribe(String version, JsonNode body) {
        JsonNode list = body.get("trackingNumberList");
        if (list == null || !list.isArray() || list.isEmpty()) {
            return Reply.error(400, "VSS200", "Tracking Number List is required. The Subscription request has been rejected.");
        }
        if (list.size() > 100) {
            return Reply.error(400, "VSS220", "You have submitted over 100 tracking numbers which is not allowed. "
                    + "The entire submission of tracking numbers has been rejected. Please resubmit your request "
                    + "again using groups of no more than 100 tracking numbers.");
        }
        String locale = Json.text(body, "locale");
        if (locale.isEmpty()) {
            return Reply.error(400, "VSS300", "Locale is required. The Subscription request has been rejected.");
        }
        Destination destination;
        if ("v1".equals(version)) {
            JsonNode d = body.path("destination");
            String url = Json.text(d, "url");
            if (url.isEmpty()) {
                return Reply.error(400, "VSS500", "Destination URL is required. The Subscription request has been rejected.");
            }
            String credential = Json.text(d, "credential");
            if (credential.isEmpty()) {
                return Reply.error(400, "VSS700", "Credential is required. The Subscription request has been rejected.");
            }
            if (Json.text(d, "credentialType").isEmpty()) {
                return Reply.error(400, "VSS800", "Credential type is required. The Subscription request has been rejected.");
            }
            destination = new Destination(url, v1Headers(credential));
        } else {
            destination = webhookV2;
        }
        List<String> valid = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        boolean cie = environment == Environment.CIE;
        for (JsonNode n : list) {
            String number = n.asText("");
            boolean wellFormed = NUMBER.matcher(number).matches() && (!number.startsWith("1Z") || TrackingNumbers.isValid(number));
            if (wellFormed && (!cie || Environment.CIE_TEST_TRACKING_NUMBERS.contains(number))) {
                valid.add(number);
            } else {
                invalid.add(number);
            }
        }
        ObjectNode out = Json.object();
        if (valid.isEmpty()) {
            out = cie ? Json.error("VSS215", "The tracking number that was submitted is not a valid CIE tracking number "
                    + "and has been rejected.")
                    : Json.error("VSS210", "The Subscription request should have at least one valid tracking number. "
                    + "The Subscription request has been rejected.");
            ArrayNode invalidNode = out.putArray("invalidTrackingNumbers");
            invalid.forEach(invalidNode::add);
            return new Reply(400, out);
        }
        if (cie) {
            valid.forEach(number -> burst(number, destination));
        } else {
            Instant expires = clock.instant().plus(SUBSCRIPTION_LIFETIME);
            for (String number : valid) {
                subscriptions.put(number, new Subscription(number, version.toLowerCase(Locale.ROOT), expires, destination));
            }
        }
        ArrayNode validNode = out.putArray("validTrackingNumbers");
        valid.forEach(validNode::add);
        if (!invalid.isEmpty()) {
            ArrayNode invalidNode = out.putArray("invalidTrackingNumbers");
            invalid.forEach(invalidNode::add);
        }
        return Reply.ok(out);
    }
}
