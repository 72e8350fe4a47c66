package com.epicorups.port;

import com.epicorups.model.ReleaseKey;
import java.util.Map;

/** Writes tracking facts into Epicor (PATCH of a partial row on the configured entity). */
public interface EpicorWriteBack {
    /**
     * Writes the facts idempotently; returns the Epicor field names and values actually written
     * (empty when Epicor already had them).
     */
    Map<String, Object> write(ReleaseKey key, TrackingFacts facts);
}
