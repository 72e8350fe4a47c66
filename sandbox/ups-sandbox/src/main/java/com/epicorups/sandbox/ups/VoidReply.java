package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The answer to a Void that UPS accepted: the summary and every package's status. */
final class VoidReply {
    private VoidReply() {
    }

    /** Callers hold the shipments' lock (package statuses are read). */
    static Reply of(StoredShipment s) {
        ObjectNode body = Json.object();
        ObjectNode response = body.putObject("VoidShipmentResponse");
        response.putObject("Response").putObject("ResponseStatus").put("Code", "1").put("Description", "Success");
        // For a shipment voided before this call UPS's summary is not published: the sandbox's choice (README).
        response.putObject("SummaryResult").putObject("Status").put("Code", "1").put("Description", "Voided");
        ArrayNode results = response.putArray("PackageLevelResults");
        for (StoredShipment.StoredPackage p : s.packages) {
            ObjectNode result = results.addObject();
            result.put("TrackingNumber", p.trackingNumber);
            // Shipping.yaml PackageLevelResults_Status.Code: "1 = Voided or Already Voided; 0 = Not Voided".
            boolean isVoided = p.status() == Status.VOIDED;
            result.putObject("Status").put("Code", isVoided ? "1" : "0")
                    .put("Description", isVoided ? "Voided" : "Not Voided");
        }
        return Reply.ok(body);
    }
}
