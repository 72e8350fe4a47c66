package com.epicorups.ups.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One {code, message} of UPS's error body {@code {"response":{"errors":[...]}}}. */
public record UpsError(String code, String message) {

    /**
     * Reads every error of an error body. Accepts the standard shape, the variant without the
     * {@code response} wrapper (Track Alert 401 example) and Quantum View's Response.Error[] shape.
     */
    public static List<UpsError> parse(JsonNode body) {
        List<UpsError> out = new ArrayList<>();
        if (body == null || body.isMissingNode() || body.isNull()) {
            return out;
        }
        JsonNode errors = body.path("response").path("errors");
        if (errors.isMissingNode()) {
            errors = body.path("errors");
        }
        for (JsonNode e : Nodes.list(errors)) {
            out.add(new UpsError(Nodes.text(e, "code"), Nodes.text(e, "message")));
        }
        JsonNode qv = body.path("QuantumViewResponse").path("Response").path("Error");
        for (JsonNode e : Nodes.list(qv)) {
            out.add(new UpsError(Nodes.text(e, "ErrorCode"), Nodes.text(e, "ErrorDescription")));
        }
        return out;
    }

    @Override
    public String toString() {
        return code + " " + message;
    }
}
