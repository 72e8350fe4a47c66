package com.epicorups.epicor.pack;

import com.epicorups.model.PackKey;
import java.time.Instant;
import java.util.Objects;

/**
 * The body of a pack mode message on the shipment-requests queue: ship a pack ({@link Kind#PACK}), or void the UPS
 * shipment of a pack voided in Epicor after its label was bought ({@link Kind#PACK_VOID}). {@code kind} tells it from
 * a release's ShipmentRequestMessage, which has none.
 *
 * @param pack the pack as the poll read it (its lines and cartons); the creator re-reads it before shipping
 */
public record PackRequestMessage(int schemaVersion, Kind kind, String pollId, Instant polledAt, PackKey key,
                                 ReadyPack pack) {
    public static final int CURRENT_SCHEMA = 1;

    public enum Kind { PACK, PACK_VOID }

    public PackRequestMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }

    public static PackRequestMessage ship(String pollId, Instant polledAt, ReadyPack pack) {
        return new PackRequestMessage(CURRENT_SCHEMA, Kind.PACK, pollId, polledAt, pack.key(), pack);
    }

    public static PackRequestMessage voidLabel(String pollId, Instant polledAt, ReadyPack pack) {
        return new PackRequestMessage(CURRENT_SCHEMA, Kind.PACK_VOID, pollId, polledAt, pack.key(), pack);
    }
}
