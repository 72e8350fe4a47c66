package com.epicorups.queue;

import java.util.List;
import java.util.Map;

/** A queue the pipeline sends work to (SQS in AWS, ElasticMQ locally). */
public interface MessageQueue {
    /** Sends one message; returns the queue's message id. */
    String send(String body, Map<String, String> attributes);

    /** Sends many messages in as few calls as the queue allows (SQS: batches of 10). */
    default void sendAll(List<String> bodies) {
        for (String body : bodies) {
            send(body, Map.of());
        }
    }
}
