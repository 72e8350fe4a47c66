package com.epicorups.port;

import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ReleaseReferences;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.model.ShippableRelease;
import java.time.Instant;

/**
 * One release a poll read, after mapping: shippable; needing a fix (the release is set and so is the reason: it is
 * enqueued all the same, and the shipment creator dead-letters it with that reason until the data is fixed); or
 * skipped for good with a reason (no release: not something this connector ships).
 */
public interface PolledRelease extends PolledItem {
    ReleaseKey key();

    @Override
    default String subject() {
        return key().asString();
    }

    /** What a shipment request carries; null when the release is skipped. */
    ShippableRelease release();

    /** The part and ship-to rows its mapping read, for the creator's re-read; may be null. */
    ReleaseReferences references();

    /** Should ship, but a person must fix its data first. */
    @Override
    default boolean needsFix() {
        return release() != null && skipReason() != null;
    }

    /** Skipped for good: not something this connector ships. */
    @Override
    default boolean isSkipped() {
        return release() == null;
    }

    @Override
    default Object message(String pollId, Instant polledAt) {
        return new ShipmentRequestMessage(pollId, polledAt, release(), references());
    }
}
