package com.epicorups.port;

import com.epicorups.core.Reason;
import java.time.Instant;

/**
 * One thing an order poll read, after mapping, whatever the source ships: a release (release mode,
 * {@link PolledRelease}) or a pack (pack mode). Shippable; needing a fix (enqueued all the same, the creator
 * dead-letters it with the reason until the data is fixed); or skipped for good with a reason.
 */
public interface PolledItem {
    /** Its ledger key as text and its audit subject ({@code company#order#line#release}, {@code company#PACK#n}). */
    String subject();

    /** Its change marker when it was read (audited with it). */
    long sysRevId();

    /** Reason of a skip or of a needed fix; null for a shippable item. */
    Reason skipReason();

    /** What the reason refers to, for a person. */
    String detail();

    /** Skipped for good: not something this connector ships. */
    boolean isSkipped();

    /** Should ship, but a person must fix its data first. */
    default boolean needsFix() {
        return !isSkipped() && skipReason() != null;
    }

    /** The shipment-requests message that asks the creator to ship it (serialised as JSON). */
    Object message(String pollId, Instant polledAt);
}
