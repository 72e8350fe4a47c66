package com.epicorups.port;

/**
 * One poll cycle: page through the releases changed since the checkpoint, enqueue one
 * ShipmentRequestMessage per shippable release, skip (and audit) the rest, and advance the checkpoint
 * page by page, only after every release of the page is enqueued.
 */
public interface OrderPolling {
    PollSummary pollOnce(String pollId);
}
