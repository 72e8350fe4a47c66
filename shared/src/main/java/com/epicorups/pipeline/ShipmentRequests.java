package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.model.ShipmentRequestMessage;

/** Reads a shipment-requests message body; anything that is not a usable request is MALFORMED_MESSAGE. */
final class ShipmentRequests {
    private ShipmentRequests() {
    }

    static ShipmentRequestMessage parse(String body) {
        if (body == null || body.isBlank()) {
            throw malformed("empty message body");
        }
        ShipmentRequestMessage request;
        try {
            request = Json.mapper().readValue(body, ShipmentRequestMessage.class);
        } catch (Exception e) {
            throw malformed("not a ShipmentRequestMessage: " + rootMessage(e));
        }
        if (request == null || request.release() == null || request.release().key() == null) {
            throw malformed("ShipmentRequestMessage without a release key");
        }
        if (request.schemaVersion() > ShipmentRequestMessage.CURRENT_SCHEMA) {
            throw malformed("unsupported schemaVersion " + request.schemaVersion());
        }
        // No ship-to is not malformed: the poller enqueues a release whose ship-to record is missing
        // (NO_SHIP_TO_ADDRESS) so that the re-read fails it with that reason and a redrive after the fix ships it.
        return request;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = text.indexOf('\n');
        return Texts.truncate(newline > 0 ? text.substring(0, newline) : text, 300);
    }

    private static ConnectorException malformed(String message) {
        return new ConnectorException(Reason.MALFORMED_MESSAGE, message);
    }
}
