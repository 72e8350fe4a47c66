package com.epicorups.epicor.release;

import com.epicorups.core.Reason;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ReleaseReferences;
import com.epicorups.model.ShippableRelease;
import com.epicorups.port.PolledRelease;

/**
 * One release after mapping: shippable; skipped with a reason code and a human detail (Epicor does not want
 * it shipped by us: service item, drop ship, ...); or needing a fix (the release should ship but its data is
 * bad: no part, no weight, an inactive ship-to, no usable address) — then both the release and the reason are
 * set, the release is enqueued and the creator fails it into the DLQ with that reason, replayable after the fix.
 */
public record MappedRelease(ReleaseKey key, long sysRevId, ShippableRelease release, Reason skipReason, String detail,
                            ReleaseReferences references) implements PolledRelease {
    public MappedRelease(ReleaseKey key, long sysRevId, ShippableRelease release, Reason skipReason, String detail) {
        this(key, sysRevId, release, skipReason, detail, null);
    }

    /** The same, with the part and ship-to rows its mapping read. */
    public MappedRelease withReferences(ReleaseReferences refs) {
        return new MappedRelease(key, sysRevId, release, skipReason, detail, refs);
    }

    /** The same, its release carrying what customs needs about its goods. */
    public MappedRelease withCustoms(com.epicorups.model.PartCustoms customs) {
        return release == null || customs == null ? this
                : new MappedRelease(key, sysRevId, release.withCustoms(customs), skipReason, detail, references);
    }

    public static MappedRelease shippable(ShippableRelease r) {
        return new MappedRelease(r.key(), r.sysRevId(), r, null, null);
    }

    public static MappedRelease skipped(ReleaseKey key, long sysRevId, Reason reason, String detail) {
        return new MappedRelease(key, sysRevId, null, reason, detail);
    }

    public static MappedRelease needsFix(ShippableRelease r, Reason reason, String detail) {
        return new MappedRelease(r.key(), r.sysRevId(), r, reason, detail);
    }

    public boolean isShippable() {
        return release != null && skipReason == null;
    }
}
