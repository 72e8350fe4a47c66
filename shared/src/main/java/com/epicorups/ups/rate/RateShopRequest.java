package com.epicorups.ups.rate;

import com.epicorups.core.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The Rating Shop request for a shipment, taken from the ShipmentRequest the connector would send (same shipper,
 * ship-from, ship-to, packages and invoice total), with only what Rating.yaml's {@code RateRequest} declares, no
 * service (Shop prices every service of the lane) and {@code NegotiatedRatesIndicator} so an account's own rates
 * come back.
 */
final class RateShopRequest {
    private static final List<String> ADDRESS = List.of("AddressLine", "City", "StateProvinceCode", "PostalCode",
            "CountryCode", "ResidentialAddressIndicator");

    private RateShopRequest() {
    }

    static ObjectNode from(JsonNode shipmentRequest) {
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
        for (JsonNode p : shipment.path("Package")) {
            ObjectNode pkg = packages.addObject();
            pkg.putObject("PackagingType").put("Code", p.at("/Packaging/Code").asText());
            ObjectNode weight = pkg.putObject("PackageWeight");
            String unit = p.at("/PackageWeight/UnitOfMeasurement/Code").asText();
            weight.putObject("UnitOfMeasurement").put("Code", unit).put("Description", "KGS".equals(unit) ? "Kilograms" : "Pounds");
            weight.put("Weight", p.at("/PackageWeight/Weight").asText());
        }
        return root;
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
