package com.epicorups.port;

import com.epicorups.core.Reason;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ReleaseReferences;
import com.epicorups.model.ShippableRelease;

/**
 * One release a poll read, after mapping: shippable; needing a fix (the release is set and so is the reason: it is
 * enqueued all the same, and the shipment creator dead-letters it with that reason until the data is fixed); or
 * skipped for good with a reason (no release: not something this connector ships).
 */
public interface PolledRelease {
    ReleaseKey key();

    /** The release's change marker when it was read (audited with it). */
    long sysRevId();

    /** What a shipment request carries; null when the release is skipped. */
    ShippableRelease release();

    /** The part and ship-to rows its mapping read, for the creator's re-read; may be null. */
    ReleaseReferences references();

    /** Reason of a skip or of a needed fix; null for a shippable release. */
    Reason skipReason();

    /** What the reason refers to, for a person. */
    String detail();

    /** Should ship, but a person must fix its data first. */
    default boolean needsFix() {
        return release() != null && skipReason() != null;
    }

    /** Skipped for good: not something this connector ships. */
    default boolean isSkipped() {
        return release() == null;
    }
}
