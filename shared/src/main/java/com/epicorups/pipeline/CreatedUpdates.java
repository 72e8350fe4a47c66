package com.epicorups.pipeline;

import com.epicorups.queue.MessageQueue;
import java.util.Map;

/** Where a release's "label created" tracking update goes: the queue at once, or its batch's one send. */
@FunctionalInterface
interface CreatedUpdates {
    void send(ReleaseAttempt attempt, String body);

    static CreatedUpdates immediately(MessageQueue trackingUpdates) {
        return (attempt, body) -> trackingUpdates.send(body, Map.of());
    }
}
