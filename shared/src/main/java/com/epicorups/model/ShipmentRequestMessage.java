package com.epicorups.model;

import java.time.Instant;

/** The body of one message on the shipment-requests queue: one shippable release from one poll. */
public record ShipmentRequestMessage(
        int schemaVersion,
        String pollId,
        Instant polledAt,
        ShippableRelease release) {

    public static final int CURRENT_SCHEMA = 1;

    public ShipmentRequestMessage(String pollId, Instant polledAt, ShippableRelease release) {
        this(CURRENT_SCHEMA, pollId, polledAt, release);
    }
}
