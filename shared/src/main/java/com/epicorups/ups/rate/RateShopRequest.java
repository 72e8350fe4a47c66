package com.epicorups.ups.rate;

import com.epicorups.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The Rating Shop request for a shipment, taken from the ShipmentRequest the connector would send (same shipper,
 * ship-from, ship-to, packages and invoice total), with only what Rating.yaml's {@code RateRequest} declares, no
 * service (Shop prices every service of the lane) and {@code NegotiatedRatesIndicator} so an account's own rates
 * come back.
 */
public final class RateShopRequest {
    /**
     * Asking for time in transit (additionalinfo=timeintransit): the pickup date (the shipment's date), and the goods' value
     * and currency, which UPS requires as {@code InvoiceLineTotal} for an international time-in-transit request
     * (Rating.yaml {@code Shipment_InvoiceLineTotal}); null value: the shipment request's own, if any.
     */
    public record TimeInTransit(LocalDate pickup, BigDecimal invoiceTotal, String currency) {
    }

    private static final List<String> ADDRESS = List.of("AddressLine", "City", "StateProvinceCode", "PostalCode",
            "CountryCode", "ResidentialAddressIndicator");

    private RateShopRequest() {
    }

    static ObjectNode from(JsonNode shipmentRequest) {
        return from(shipmentRequest, null);
    }

    /** @param transit null: a plain Shop request */
    static ObjectNode from(JsonNode shipmentRequest, TimeInTransit transit) {
        JsonNode ship = shipmentRequest.path("ShipmentRequest");
        JsonNode shipment = ship.path("Shipment");
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode rate = root.putObject("RateRequest");
        ObjectNode request = rate.putObject("Request");
        request.put("RequestOption", "Shop");
        JsonNode context = ship.at("/Request/TransactionReference/CustomerContext");
        if (!context.isMissingNode()) {
            request.putObject("TransactionReference").put("CustomerContext", context.asText());
        }
        ObjectNode out = rate.putObject("Shipment");
        ObjectNode shipper = party(out, "Shipper", shipment.path("Shipper"));
        shipper.put("ShipperNumber", shipment.at("/Shipper/ShipperNumber").asText());
        party(out, "ShipTo", shipment.path("ShipTo"));
        if (shipment.has("ShipFrom")) {
            party(out, "ShipFrom", shipment.path("ShipFrom"));
        }
        out.putObject("PaymentDetails").set("ShipmentCharge", shipment.at("/PaymentInformation/ShipmentCharge").deepCopy());
        out.putObject("ShipmentRatingOptions").put("NegotiatedRatesIndicator", "");
        if (shipment.has("InvoiceLineTotal")) {
            out.set("InvoiceLineTotal", shipment.get("InvoiceLineTotal").deepCopy());
        }
        ArrayNode packages = out.putArray("Package");
        BigDecimal totalWeight = BigDecimal.ZERO;
        String totalUnit = "LBS";
        for (JsonNode p : shipment.path("Package")) {
            ObjectNode pkg = packages.addObject();
            pkg.putObject("PackagingType").put("Code", p.at("/Packaging/Code").asText());
            ObjectNode weight = pkg.putObject("PackageWeight");
            String unit = p.at("/PackageWeight/UnitOfMeasurement/Code").asText();
            weight.putObject("UnitOfMeasurement").put("Code", unit).put("Description", description(unit));
            weight.put("Weight", p.at("/PackageWeight/Weight").asText());
            totalWeight = totalWeight.add(new BigDecimal(p.at("/PackageWeight/Weight").asText("0")));
            totalUnit = unit;
        }
        if (transit != null) {
            timeInTransit(out, transit, totalWeight, totalUnit);
        }
        return root;
    }

    /**
     * What time in transit needs besides Shop's: {@code DeliveryTimeInformation} (non-document goods, picked up on
     * the ship date), {@code ShipmentTotalWeight}, and {@code InvoiceLineTotal} when the shipment has none.
     */
    private static void timeInTransit(ObjectNode out, TimeInTransit transit, BigDecimal totalWeight, String unit) {
        ObjectNode delivery = out.putObject("DeliveryTimeInformation");
        delivery.put("PackageBillType", "03");
        delivery.putObject("Pickup").put("Date", DateTimeFormatter.BASIC_ISO_DATE.format(transit.pickup()));
        ObjectNode weight = out.putObject("ShipmentTotalWeight");
        weight.putObject("UnitOfMeasurement").put("Code", unit).put("Description", description(unit));
        weight.put("Weight", totalWeight.stripTrailingZeros().toPlainString());
        if (!out.has("InvoiceLineTotal") && transit.invoiceTotal() != null) {
            out.putObject("InvoiceLineTotal").put("CurrencyCode", transit.currency()).put("MonetaryValue",
                    transit.invoiceTotal().setScale(0, RoundingMode.CEILING).max(BigDecimal.ONE).toPlainString());
        }
    }

    private static String description(String unit) {
        return "KGS".equals(unit) ? "Kilograms" : "Pounds";
    }

    private static ObjectNode party(ObjectNode parent, String name, JsonNode from) {
        ObjectNode party = parent.putObject(name);
        party.put("Name", from.path("Name").asText());
        ObjectNode address = party.putObject("Address");
        for (String field : ADDRESS) {
            if (from.path("Address").has(field)) {
                address.set(field, from.path("Address").get(field).deepCopy());
            }
        }
        return party;
    }
}
