package com.epicorups.port;

import com.epicorups.core.Reason;
import com.epicorups.model.ShippableRelease;

/**
 * The release as Epicor has it now, read just before shipping. Exactly one of the two is set:
 * the current release (with the current address, weight and value), or the reason code why it must no
 * longer be shipped (RELEASE_GONE, RELEASE_CLOSED, RELEASE_VOID, ALREADY_SHIPPED_IN_EPICOR, NO_WEIGHT, ...).
 */
public record ReleaseRecheck(ShippableRelease current, Reason notShippableReason, String detail) {
    public static ReleaseRecheck shippable(ShippableRelease current) {
        return new ReleaseRecheck(current, null, null);
    }

    public static ReleaseRecheck notShippable(Reason reason, String detail) {
        return new ReleaseRecheck(null, reason, detail);
    }

    public boolean isShippable() {
        return current != null;
    }
}
