package com.epicorups.epicor;

import com.epicorups.core.Json;
import com.epicorups.model.ShipmentRequestMessage;
import com.epicorups.queue.MessageQueue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps what was sent; can be told to fail on the n-th sendAll call. */
final class RecordingQueue implements MessageQueue {
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final AtomicInteger batches = new AtomicInteger();
    volatile int failOnBatch = -1;

    @Override
    public String send(String body, Map<String, String> attributes) {
        bodies.add(body);
        return "m-" + bodies.size();
    }

    @Override
    public void sendAll(List<String> batch) {
        int n = batches.incrementAndGet();
        if (n == failOnBatch) {
            throw new IllegalStateException("queue unavailable (batch " + n + ")");
        }
        bodies.addAll(batch);
    }

    List<ShipmentRequestMessage> messages() {
        return bodies.stream().map(b -> {
            try {
                return Json.mapper().readValue(b, ShipmentRequestMessage.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    List<String> keys() {
        return messages().stream().map(m -> m.release().key().asString()).toList();
    }
}
