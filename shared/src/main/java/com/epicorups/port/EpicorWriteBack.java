package com.epicorups.port;

import com.epicorups.model.PackKey;
import com.epicorups.model.ReleaseKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes tracking facts into Epicor (PATCH of a partial row on the configured entity). */
public interface EpicorWriteBack {
    /**
     * Writes the facts idempotently; returns the Epicor field names and values actually written
     * (empty when Epicor already had them).
     */
    Map<String, Object> write(ReleaseKey key, TrackingFacts facts);

    /**
     * Writes facts the caller knows to be current: the shipment ledger has ordered them (their status never moves
     * the release backwards), so the writer need not read Epicor first and sends every fact present (a repeat
     * of the same values is harmless). Returns the fields sent. The default reads first, like {@link #write}.
     */
    default Map<String, Object> writeCurrent(ReleaseKey key, TrackingFacts facts) {
        return write(key, facts);
    }

    /**
     * {@link #writeCurrent} for several releases, in as few Epicor calls as possible; one outcome per release
     * (a failure of one never hides the others' success). The default writes them one by one.
     */
    default Map<ReleaseKey, WriteOutcome> writeCurrentAll(Map<ReleaseKey, TrackingFacts> facts) {
        Map<ReleaseKey, WriteOutcome> out = new LinkedHashMap<>();
        facts.forEach((key, f) -> {
            try {
                out.put(key, WriteOutcome.written(writeCurrent(key, f)));
            } catch (RuntimeException e) {
                out.put(key, WriteOutcome.failed(e));
            }
        });
        return out;
    }

    /**
     * Pack mode: writes the facts of a pack's shipment where release mode would write them for each release the
     * pack ships (its lines' releases; or, for a write-back target on the pack, the pack itself), reading first as
     * {@link #write} does. Returns the fields written, each prefixed by the row it went to.
     */
    default Map<String, Object> writePack(PackKey pack, TrackingFacts facts) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " writes no packs");
    }
}
