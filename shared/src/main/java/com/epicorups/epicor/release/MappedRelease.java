package com.epicorups.epicor.release;

import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShippableRelease;

/** One release after mapping: shippable, or skipped with a reason code and a human detail. */
public record MappedRelease(ReleaseKey key, long sysRevId, ShippableRelease release, String skipReason, String detail) {
    public static MappedRelease shippable(ShippableRelease r) {
        return new MappedRelease(r.key(), r.sysRevId(), r, null, null);
    }

    public static MappedRelease skipped(ReleaseKey key, long sysRevId, String reason, String detail) {
        return new MappedRelease(key, sysRevId, null, reason, detail);
    }

    public boolean isShippable() {
        return release != null;
    }
}
