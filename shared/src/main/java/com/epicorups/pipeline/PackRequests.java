package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Json;
import com.epicorups.core.Reason;
import com.epicorups.epicor.pack.PackRequestMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Tells a pack mode message from a release's on the shipment-requests queue: only a pack's has a "kind". */
final class PackRequests {
    private PackRequests() {
    }

    /** The pack request in {@code body}; empty for anything else (a release's message, or no JSON: the release path says why). */
    static Optional<PackRequestMessage> ifPack(String body) {
        if (body == null || !body.contains("\"kind\"")) {
            return Optional.empty(); // a release's message: not parsed twice
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (tree == null || !tree.isObject() || !tree.has("kind")) {
            return Optional.empty();
        }
        PackRequestMessage request;
        try {
            request = Json.mapper().treeToValue(tree, PackRequestMessage.class);
        } catch (Exception e) {
            throw new ConnectorException(Reason.MALFORMED_MESSAGE, "not a pack request: " + Texts.truncate(
                    String.valueOf(e.getMessage()).split("\n")[0], 300));
        }
        if (request.schemaVersion() > PackRequestMessage.CURRENT_SCHEMA) {
            throw new ConnectorException(Reason.MALFORMED_MESSAGE, "unsupported schemaVersion " + request.schemaVersion());
        }
        if (request.pack() == null || !request.key().equals(request.pack().key())) {
            throw new ConnectorException(Reason.MALFORMED_MESSAGE, "pack request " + request.key() + " without its pack");
        }
        return Optional.of(request);
    }

    static boolean isPack(String body) {
        try {
            return ifPack(body).isPresent();
        } catch (ConnectorException malformed) {
            return true;
        }
    }
}
