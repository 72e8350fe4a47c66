package com.epicorups.ups.rate;

import com.epicorups.ups.transport.UpsHttp;
import com.epicorups.ups.wire.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * UPS Rating, Shop ({@code POST /api/rating/v2409/Shop}): every service UPS offers for a shipment, with its charge
 * and business days in transit. A read, so retried like one; at most one call per Best Way shipment, none when the
 * container asked the same question within minutes ({@link RateQuotes}).
 */
public final class UpsRatingClient {
    public static final String RATING = "rating";
    static final String SHOP_PATH = "/api/rating/v2409/Shop";

    private final UpsHttp http;
    private final RateQuotes quotes;

    public UpsRatingClient(UpsHttp http, RateQuotes quotes) {
        this.http = http;
        this.quotes = quotes;
    }

    /** The services of the shipment the ShipmentRequest describes, as UPS prices them. */
    public List<RatedService> shop(JsonNode shipmentRequest, String merchantId) {
        ObjectNode request = RateShopRequest.from(shipmentRequest);
        ObjectNode question = request.deepCopy();
        ((ObjectNode) question.path("RateRequest").path("Request")).remove("TransactionReference");
        String key = merchantId + "|" + UpsHttp.serialise(question);
        List<RatedService> known = quotes.get(key);
        if (known != null) {
            return known;
        }
        List<RatedService> rated = rated(http.post(RATING, SHOP_PATH, request, merchantId, UpsHttp.Retry.IDEMPOTENT).json());
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
            out.add(new RatedService(r.at("/Service/Code").asText(), charge, total.path("CurrencyCode").asText("USD"),
                    total == negotiated, days.matches("\\d+") ? Integer.valueOf(days) : null));
        }
        return out;
    }
}
