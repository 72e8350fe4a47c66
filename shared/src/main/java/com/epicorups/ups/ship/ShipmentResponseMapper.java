package com.epicorups.ups.ship;

import com.epicorups.core.Reason;
import com.epicorups.port.PackageLabel;
import com.epicorups.store.LabelPaths;
import com.epicorups.ups.transport.UpsApiException;
import com.epicorups.ups.wire.Nodes;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads UPS ShipmentResponse and LabelRecoveryResponse bodies (arrays or single objects alike). */
final class ShipmentResponseMapper {
    private ShipmentResponseMapper() {
    }

    /** @param customsForms the international forms image (ShipmentResults.Form), null when UPS returned none */
    record Shipped(String shipmentId, List<PackageLabel> packages, Map<String, String> charges, List<String> alerts,
                   PackageLabel customsForms) {
    }

    static Shipped shipped(JsonNode json) {
        JsonNode response = json.path("ShipmentResponse");
        JsonNode results = response.path("ShipmentResults");
        List<PackageLabel> packages = new ArrayList<>();
        for (JsonNode p : Nodes.list(results.path("PackageResults"))) {
            JsonNode label = p.path("ShippingLabel");
            packages.add(new PackageLabel(Nodes.text(p, "TrackingNumber"), Nodes.text(label.path("ImageFormat"), "Code"),
                    decode(Nodes.text(label, "GraphicImage"))));
        }
        String id = Nodes.text(results, "ShipmentIdentificationNumber");
        if (id == null && !packages.isEmpty()) {
            id = packages.get(0).trackingNumber();
        }
        if (id == null || packages.isEmpty() || packages.stream().anyMatch(p -> p.trackingNumber() == null)) {
            // The label may exist at UPS although we cannot read it: the caller must reconcile, not re-ship.
            throw new UpsApiException(Reason.UPS_BAD_RESPONSE, "ship", 200, List.of(), true,
                    null, "UPS ship answered 200 without a shipment id or package tracking numbers", null);
        }
        Map<String, String> charges = new LinkedHashMap<>();
        JsonNode sc = results.path("ShipmentCharges");
        money(charges, "TotalCharges", sc.path("TotalCharges"));
        money(charges, "TransportationCharges", sc.path("TransportationCharges"));
        money(charges, "ServiceOptionsCharges", sc.path("ServiceOptionsCharges"));
        money(charges, "TotalChargesWithTaxes", sc.path("TotalChargesWithTaxes"));
        money(charges, "NegotiatedTotalCharge", results.path("NegotiatedRateCharges").path("TotalCharge"));
        JsonNode bw = results.path("BillingWeight");
        if (Nodes.text(bw, "Weight") != null) {
            charges.put("BillingWeight", Nodes.text(bw, "Weight") + " " + Nodes.text(bw.path("UnitOfMeasurement"), "Code"));
        }
        List<String> alerts = new ArrayList<>();
        for (JsonNode a : Nodes.list(response.path("Response").path("Alert"))) {
            alerts.add("UPS alert " + Nodes.text(a, "Code") + ": " + Nodes.text(a, "Description"));
        }
        JsonNode formImage = results.path("Form").path("Image");
        byte[] forms = decode(Nodes.text(formImage, "GraphicImage"));
        PackageLabel customsForms = forms == null || forms.length == 0 ? null
                : new PackageLabel(packages.get(0).trackingNumber() + LabelPaths.CUSTOMS_FORMS_SUFFIX,
                Nodes.text(formImage.path("ImageFormat"), "Code"), forms);
        return new Shipped(id, packages, charges, alerts, customsForms);
    }

    record Recovered(String shipmentId, List<PackageLabel> packages, List<String> candidates) {
    }

    static Recovered recovered(JsonNode json) {
        JsonNode r = json.path("LabelRecoveryResponse");
        List<PackageLabel> packages = new ArrayList<>();
        for (JsonNode lr : Nodes.list(r.path("LabelResults"))) {
            JsonNode image = lr.path("LabelImage");
            packages.add(new PackageLabel(Nodes.text(lr, "TrackingNumber"), Nodes.text(image.path("LabelImageFormat"), "Code"),
                    decode(Nodes.text(image, "GraphicImage"))));
        }
        List<String> candidates = new ArrayList<>();
        for (JsonNode c : Nodes.list(r.path("TrackingCandidate"))) {
            String t = Nodes.text(c, "TrackingNumber");
            if (t != null) {
                candidates.add(t);
            }
        }
        String id = Nodes.text(r, "ShipmentIdentificationNumber");
        if (id == null && !packages.isEmpty()) {
            id = packages.get(0).trackingNumber();
        }
        return new Recovered(id, packages, candidates);
    }

    private static void money(Map<String, String> out, String name, JsonNode m) {
        String value = Nodes.text(m, "MonetaryValue");
        if (value != null) {
            String currency = Nodes.text(m, "CurrencyCode");
            out.put(name, currency == null ? value : value + " " + currency);
        }
    }

    static byte[] decode(String base64) {
        if (base64 == null) {
            return new byte[0];
        }
        return Base64.getMimeDecoder().decode(base64);
    }
}
