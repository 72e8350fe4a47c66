package com.epicorups.pipeline;

import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ShipmentRequestMessage;
import java.time.Instant;

/**
 * One release's attempt at a shipment: the message it came in and the request in it, the ledger claim's owner id
 * (fresh for every attempt), when it started, where its "label created" update goes, and the address checks its
 * batch started early.
 */
record ReleaseAttempt(InboundMessage message, ShipmentRequestMessage request, String owner, Instant started,
                      CreatedUpdates updates, EarlyAddressChecks earlyChecks) {

    ReleaseKey key() {
        return request.release().key();
    }

    /** The same attempt with the address checks its batch started early. */
    ReleaseAttempt withEarlyChecks(EarlyAddressChecks checks) {
        return new ReleaseAttempt(message, request, owner, started, updates, checks);
    }

    /** The audit subject. */
    String subject() {
        return key().asString();
    }
}
