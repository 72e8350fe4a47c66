package com.epicorups.ups.rate;

import com.epicorups.ups.transport.UpsHttp;
import com.epicorups.ups.wire.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * UPS Rating, Shop ({@code POST /api/rating/v2409/Shop}): every service UPS offers for a shipment, with its charge
 * and business days in transit; with {@code additionalinfo=timeintransit} when the delivery dates are needed (a Best Way limit by the
 * release's NeedByDate): each service's {@code TimeInTransit.ServiceSummary.EstimatedArrival.Arrival.Date} too. A read, so retried like one; at most one call per Best Way shipment, none when the
 * container asked the same question within minutes ({@link RateQuotes}).
 */
public final class UpsRatingClient {
    public static final String RATING = "rating";
    static final String SHOP_PATH = "/api/rating/v2409/Shop";
    /**
     * Shop with transit times: Rating.yaml's {@code additionalinfo=timeintransit} ("combined with requestoption in
     * URL"); its {@code Shoptimeintransit} path option exceeds the spec's own maxLength of 10 for that parameter.
     */
    static final String SHOP_TIME_IN_TRANSIT_PATH = SHOP_PATH + "?additionalinfo=timeintransit";
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final UpsHttp http;
    private final RateQuotes quotes;

    public UpsRatingClient(UpsHttp http, RateQuotes quotes) {
        this.http = http;
        this.quotes = quotes;
    }

    /** The services of the shipment the ShipmentRequest describes, as UPS prices them. */
    public List<RatedService> shop(JsonNode shipmentRequest, String merchantId) {
        return shop(shipmentRequest, merchantId, null);
    }

    /**
     * The services of the shipment with their delivery dates when {@code transit} is given (time in transit,
     * picked up on its date), else as {@link #shop(JsonNode, String)}.
     */
    public List<RatedService> shop(JsonNode shipmentRequest, String merchantId, RateShopRequest.TimeInTransit transit) {
        ObjectNode request = RateShopRequest.from(shipmentRequest, transit);
        ObjectNode question = request.deepCopy();
        ((ObjectNode) question.path("RateRequest").path("Request")).remove("TransactionReference");
        String key = merchantId + "|" + UpsHttp.serialise(question);
        List<RatedService> known = quotes.get(key);
        if (known != null) {
            return known;
        }
        List<RatedService> rated = rated(http.post(RATING, transit == null ? SHOP_PATH : SHOP_TIME_IN_TRANSIT_PATH,
                request, merchantId, UpsHttp.Retry.IDEMPOTENT).json());
        quotes.put(key, rated);
        return rated;
    }

    static List<RatedService> rated(JsonNode json) {
        List<RatedService> out = new ArrayList<>();
        for (JsonNode r : Nodes.list(json.at("/RateResponse/RatedShipment"))) {
            JsonNode negotiated = r.at("/NegotiatedRateCharges/TotalCharge");
            JsonNode total = negotiated.hasNonNull("MonetaryValue") ? negotiated : r.path("TotalCharges");
            String days = r.at("/GuaranteedDelivery/BusinessDaysInTransit").asText("");
            BigDecimal charge;
            try {
                charge = new BigDecimal(total.path("MonetaryValue").asText().trim());
            } catch (NumberFormatException e) {
                continue; // a service without a charge cannot be compared
            }
            JsonNode arrival = r.at("/TimeInTransit/ServiceSummary/EstimatedArrival");
            if (days.isEmpty()) {
                days = arrival.path("BusinessDaysInTransit").asText("");
            }
            out.add(new RatedService(r.at("/Service/Code").asText(), charge, total.path("CurrencyCode").asText("USD"),
                    total == negotiated, days.matches("\\d+") ? Integer.valueOf(days) : null,
                    date(arrival.at("/Arrival/Date").asText(""))));
        }
        return out;
    }

    /** UPS's YYYYMMDD, or null when absent or not a date (then the service cannot meet a date limit). */
    private static LocalDate date(String yyyymmdd) {
        try {
            return yyyymmdd.matches("\\d{8}") ? LocalDate.parse(yyyymmdd, YYYYMMDD) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
