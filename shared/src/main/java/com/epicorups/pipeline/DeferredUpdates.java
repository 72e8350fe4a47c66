package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.logging.JsonLogger;
import com.epicorups.queue.MessageQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The batch's "label created" tracking updates, sent together when the batch ends (SendMessageBatch: one call
 * per ten instead of one each). If that send fails, the messages whose updates did not go are delivered again;
 * their ledger rows say SHIPPED, so the redelivery sends the update again and never calls UPS.
 */
final class DeferredUpdates implements CreatedUpdates {
    // The use case's logger: its lines read as before the use case was split into parts.
    private static final JsonLogger LOG = JsonLogger.getLogger(ShipmentCreation.class);

    private final ConcurrentLinkedQueue<Map.Entry<ReleaseAttempt, String>> updates = new ConcurrentLinkedQueue<>();

    @Override
    public void send(ReleaseAttempt attempt, String body) {
        updates.add(Map.entry(attempt, body));
    }

    /** The attempts whose update did not go (each message once), and why; none when the send worked. */
    record NotSent(List<ReleaseAttempt> attempts, RuntimeException failure) {
        static final NotSent NONE = new NotSent(List.of(), null);
    }

    NotSent sendAll(MessageQueue queue) {
        List<Map.Entry<ReleaseAttempt, String>> pending = new ArrayList<>(updates);
        updates.clear();
        if (pending.isEmpty()) {
            return NotSent.NONE;
        }
        try {
            queue.sendAll(pending.stream().map(Map.Entry::getValue).toList());
            return NotSent.NONE;
        } catch (RuntimeException e) {
            LOG.warn("tracking_updates_send_failed", "updates", pending.size(), "error",
                    e instanceof ConnectorException ce ? ce.reasonCode() : e.getClass().getName(),
                    "detail", String.valueOf(e.getMessage()));
            List<ReleaseAttempt> notSent = new ArrayList<>();
            Set<String> messages = new HashSet<>();
            for (Map.Entry<ReleaseAttempt, String> p : pending) {
                if (messages.add(p.getKey().message().messageId())) {
                    notSent.add(p.getKey());
                }
            }
            return new NotSent(notSent, e);
        }
    }
}
