package com.epicorups.port;

import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ReleaseReferences;
import java.util.Collection;
import java.util.Map;

/** Reads releases back from Epicor (the pre-ship re-read). */
public interface EpicorReleases {
    ReleaseRecheck recheck(ReleaseKey key);

    /** The same for many releases in as few Epicor calls as possible (batched by order). */
    default Map<ReleaseKey, ReleaseRecheck> recheckAll(Collection<ReleaseKey> keys) {
        Map<ReleaseKey, ReleaseRecheck> result = new java.util.LinkedHashMap<>();
        for (ReleaseKey key : keys) {
            result.put(key, recheck(key));
        }
        return result;
    }

    /**
     * The same, given the part and ship-to rows each release referred to when it was polled, so they can be read
     * while the releases are (see {@link ReleaseReferences}).
     */
    default Map<ReleaseKey, ReleaseRecheck> recheckAll(Collection<ReleaseKey> keys,
                                                      Collection<ReleaseReferences> references) {
        return recheckAll(keys);
    }
}
