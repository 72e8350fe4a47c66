package com.epicorups.port;

import java.util.List;
import java.util.Map;

/**
 * Where the order poll reads releases (or, in pack mode, packs), a page at a time: the eligible releases changed after a position (the
 * changed-since cycle), or every eligible release after a position in key order (the reconciliation sweep). A
 * position is the opaque values of a page's {@link Page#position()}, kept by the poll in its checkpoints; an empty
 * or foreign one (another checkpoint mode) reads from the beginning.
 */
public interface ReleaseSource {
    /** Begins a poll cycle (a fresh token where the identity needs one); called once per cycle before any page. */
    void startCycle();

    /** Calls made to the source so far; a poll reports the difference. */
    int callCount();

    /** The next page of releases changed after {@code position}, in change order. */
    Page changedAfter(Map<String, String> position);

    /** The next page of eligible releases after {@code position} in key order, whatever their change marker. */
    Page inKeyOrderAfter(Map<String, String> position);

    /** One page as the source returned it; its releases are mapped on demand (that reads the rows they name). */
    interface Page {
        /** Rows the source returned (a row whose release is gone counts, and comes back skipped). */
        int rows();

        /** Fewer rows than a full page: nothing follows it yet. */
        boolean isLast();

        /** The position after this page's last row; empty when the page has no rows. */
        Map<String, String> position();

        /**
         * Reads what the rows name (orders, lines, parts, ship-tos; batched) and maps every release (in pack mode,
         * every pack: {@link PolledItem}).
         */
        List<? extends PolledItem> mapReleases();
    }
}
