package com.epicorups.sandbox.ups;

import com.fasterxml.jackson.databind.JsonNode;

/** An HTTP status and JSON body produced by an endpoint. */
record Reply(int status, JsonNode body) {

    static Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    static Reply error(int status, String code, String message) {
        return new Reply(status, Json.error(code, message));
    }
}
