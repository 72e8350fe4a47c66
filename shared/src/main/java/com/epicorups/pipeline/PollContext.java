package com.epicorups.pipeline;

import com.epicorups.port.ReleaseSource;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.AuditLog;
import com.epicorups.store.CheckpointStore;
import java.time.Clock;
import java.time.Instant;

/**
 * What the passes of one poll invocation share: its id and start (the messages' pollId and polledAt), where they
 * read, enqueue, keep their checkpoints and audit, and the invocation's lease.
 */
record PollContext(String pollId, Instant started, ReleaseSource source, CheckpointStore checkpoints,
                   MessageQueue shipmentRequests, AuditLog audit, Clock clock, CycleLease lease) {
}
