package com.epicorups.ups.rate;

import com.epicorups.ups.transport.UpsHttp;
import com.epicorups.ups.wire.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * UPS Rating, Shop ({@code POST /api/rating/v2409/Shop}): every service UPS offers for a shipment, with its charge
 * and business days in transit. A read, so retried like one; one call per Best Way shipment.
 */
public final class UpsRatingClient {
    public static final String RATING = "rating";
    static final String SHOP_PATH = "/api/rating/v2409/Shop";

    private final UpsHttp http;

    public UpsRatingClient(UpsHttp http) {
        this.http = http;
    }

    /** The services of the shipment the ShipmentRequest describes, as UPS prices them. */
    public List<RatedService> shop(JsonNode shipmentRequest, String merchantId) {
        JsonNode json = http.post(RATING, SHOP_PATH, RateShopRequest.from(shipmentRequest), merchantId,
                UpsHttp.Retry.IDEMPOTENT).json();
        return rated(json);
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
