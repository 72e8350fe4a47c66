package com.epicorups.pipeline;

import com.epicorups.model.PackKey;
import com.epicorups.port.PolledItem;
import com.epicorups.port.PolledRelease;
import com.epicorups.store.PackLedger;
import com.epicorups.store.ShipmentLedger;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the reconciliation sweep asks the never-twice ledger: which of a page's items it holds a record of, in any
 * state. Release mode asks the release ledger, pack mode the same table by pack key.
 */
@FunctionalInterface
public interface PollLedger {
    /** The subjects ({@link PolledItem#subject()}) of {@code items} the ledger has a record of. */
    Set<String> recorded(List<? extends PolledItem> items);

    /** The releases' ledger: every item is a {@link PolledRelease}. */
    static PollLedger releases(ShipmentLedger ledger) {
        return items -> ledger.getAll(items.stream().map(i -> ((PolledRelease) i).key()).toList()).keySet().stream()
                .map(k -> k.asString()).collect(Collectors.toSet());
    }

    /** The packs' ledger: every item's subject is a pack key. */
    static PollLedger packs(PackLedger ledger) {
        return items -> ledger.getAll(items.stream().map(i -> PackKey.parse(i.subject())).toList()).keySet().stream()
                .map(PackKey::asString).collect(Collectors.toSet());
    }
}
