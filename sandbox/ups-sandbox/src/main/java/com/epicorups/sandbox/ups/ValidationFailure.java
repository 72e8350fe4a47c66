package com.epicorups.sandbox.ups;

import java.time.Instant;
import java.util.List;

/** A request that did not validate against the official UPS spec for its path (answered with 400). */
public record ValidationFailure(Instant at, String method, String path, List<String> messages) {

    public ValidationFailure {
        messages = List.copyOf(messages);
    }

    @Override
    public String toString() {
        return method + " " + path + ": " + String.join("; ", messages);
    }
}
