package com.epicorups.cli.ops;

import com.epicorups.model.ReleaseKey;
import java.util.List;

/** Finds the release keys of one sales order (an operator look-up: a scan is acceptable). */
@FunctionalInterface
public interface ReleaseFinder {
    /** @param company null when the operator gave only the order number */
    List<ReleaseKey> releasesOf(String company, int orderNum);

    /** Keeps the keys that are releases of the order, whatever else a scan matched. */
    static boolean matches(ReleaseKey key, String company, int orderNum) {
        return key.orderNum() == orderNum && (company == null || company.equals(key.company()));
    }

    /** A release key, or null when the text is something else (a poll id, a tracking number, a checkpoint). */
    static ReleaseKey parseOrNull(String text) {
        try {
            return text == null ? null : ReleaseKey.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
