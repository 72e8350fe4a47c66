package com.epicorups.model;

import java.time.Instant;

/**
 * The body of one message on the shipment-requests queue: one shippable release from one poll, and the part and
 * ship-to rows its mapping read ({@code references}; absent in messages from before it was added).
 */
public record ShipmentRequestMessage(
        int schemaVersion,
        String pollId,
        Instant polledAt,
        ShippableRelease release,
        ReleaseReferences references) {

    public static final int CURRENT_SCHEMA = 1;

    public ShipmentRequestMessage(String pollId, Instant polledAt, ShippableRelease release) {
        this(CURRENT_SCHEMA, pollId, polledAt, release, null);
    }

    public ShipmentRequestMessage(String pollId, Instant polledAt, ShippableRelease release,
                                  ReleaseReferences references) {
        this(CURRENT_SCHEMA, pollId, polledAt, release, references);
    }
}
