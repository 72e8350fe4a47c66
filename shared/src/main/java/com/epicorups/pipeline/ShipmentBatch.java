package com.epicorups.pipeline;

import com.epicorups.logging.CorrelationId;
import com.epicorups.model.ReleaseKey;
import com.epicorups.pipeline.BatchPreparation.Claimed;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.queue.MessageQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One prepared batch of shipment requests ({@link BatchPreparation}): each message goes on from its claim with the
 * batch's re-read of its release (a grouped one already has its result), and the batch's "label created" updates are
 * sent together when it finishes.
 */
final class ShipmentBatch implements MessageBatch {
    private final Map<String, Claimed> claimed;
    private final Map<ReleaseKey, ReleaseRecheck> reread;
    private final Map<String, MessageResult> grouped;
    private final DeferredUpdates deferred;
    private final MessageHandler single;
    private final ShipmentSteps steps;
    private final MessageQueue trackingUpdates;
    private final EarlyAddressChecks earlyChecks;

    ShipmentBatch(Map<String, Claimed> claimed, Map<ReleaseKey, ReleaseRecheck> reread,
                  Map<String, MessageResult> grouped, DeferredUpdates deferred, MessageHandler single,
                  ShipmentSteps steps, MessageQueue trackingUpdates, EarlyAddressChecks earlyChecks) {
        this.claimed = claimed;
        this.reread = reread;
        this.grouped = grouped;
        this.deferred = deferred;
        this.single = single;
        this.steps = steps;
        this.trackingUpdates = trackingUpdates;
        this.earlyChecks = earlyChecks;
    }

    @Override
    public MessageResult handle(InboundMessage message) {
        MessageResult groupResult = grouped.get(message.messageId());
        if (groupResult != null) {
            return groupResult;
        }
        Claimed c = claimed.get(message.messageId());
        if (c == null) {
            return single.handle(message);
        }
        ReleaseAttempt a = c.attempt();
        return CorrelationId.with(a.subject(), () -> steps.run(a, c.start(reread.get(a.key()))));
    }

    /**
     * Sends the batch's updates; a message whose update did not go is delivered again, unless this was its last
     * receive: then it is dead-lettered with why and audited FAILED (a replay finds the release SHIPPED and resends
     * the update only). First waits for early address checks nobody used, so none outlives the invocation.
     */
    @Override
    public List<String> finish() {
        earlyChecks.awaitUnfinished();
        DeferredUpdates.NotSent notSent = deferred.sendAll(trackingUpdates);
        List<String> redeliver = new ArrayList<>();
        for (ReleaseAttempt a : notSent.attempts()) {
            MessageResult result = CorrelationId.with(a.subject(), () -> steps.updateNotSent(a, notSent.failure()));
            if (result.isRetry()) {
                redeliver.add(a.message().messageId());
            }
        }
        return redeliver;
    }
}
