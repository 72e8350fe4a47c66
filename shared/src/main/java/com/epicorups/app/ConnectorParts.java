package com.epicorups.app;

import com.epicorups.config.AwsResources;
import com.epicorups.config.ConnectorSettings;
import com.epicorups.queue.MessageQueue;
import com.epicorups.queue.MessageVisibility;
import com.epicorups.store.AuditLog;
import com.epicorups.store.CheckpointStore;
import com.epicorups.store.LabelStore;
import com.epicorups.store.ProcessedEventStore;
import com.epicorups.store.ShipmentLedger;
import com.epicorups.store.TokenCacheStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything the use cases run on that differs between AWS and the local run: where secrets, state, queues
 * and labels live. {@link ConnectorAssembly} turns one of these into wired use cases.
 *
 * @param epicorSecret  the EpicorSecret JSON (read at use, never at construction)
 * @param upsSecret     the UpsSecret JSON
 * @param webhookSecret the WebhookSecret JSON
 * @param shipmentRequestsVisibility optional: pushes a retried shipment request's next delivery out
 * @param maxReceiveCount the queues' RedrivePolicy maxReceiveCount (MAX_RECEIVE_COUNT on AWS): on a message's
 *                        last receive its transient failure is final and it is dead-lettered with the reason
 */
public record ConnectorParts(
        ConnectorSettings settings,
        Supplier<JsonNode> epicorSecret,
        Supplier<JsonNode> upsSecret,
        Supplier<JsonNode> webhookSecret,
        TokenCacheStore tokenCache,
        ShipmentLedger ledger,
        CheckpointStore checkpoints,
        AuditLog auditLog,
        ProcessedEventStore processedEvents,
        LabelStore labels,
        MessageQueue shipmentRequests,
        MessageQueue shipmentRequestsDlq,
        MessageQueue trackingUpdates,
        MessageQueue trackingUpdatesDlq,
        Optional<MessageVisibility> shipmentRequestsVisibility,
        Optional<MessageVisibility> trackingUpdatesVisibility,
        Clock clock,
        int maxReceiveCount) {

    /** With template.yaml's default MaxReceiveCount. */
    public ConnectorParts(ConnectorSettings settings, Supplier<JsonNode> epicorSecret, Supplier<JsonNode> upsSecret,
                          Supplier<JsonNode> webhookSecret, TokenCacheStore tokenCache, ShipmentLedger ledger,
                          CheckpointStore checkpoints, AuditLog auditLog, ProcessedEventStore processedEvents,
                          LabelStore labels, MessageQueue shipmentRequests, MessageQueue shipmentRequestsDlq,
                          MessageQueue trackingUpdates, MessageQueue trackingUpdatesDlq,
                          Optional<MessageVisibility> shipmentRequestsVisibility,
                          Optional<MessageVisibility> trackingUpdatesVisibility, Clock clock) {
        this(settings, epicorSecret, upsSecret, webhookSecret, tokenCache, ledger, checkpoints, auditLog,
                processedEvents, labels, shipmentRequests, shipmentRequestsDlq, trackingUpdates, trackingUpdatesDlq,
                shipmentRequestsVisibility, trackingUpdatesVisibility, clock, AwsResources.DEFAULT_MAX_RECEIVE_COUNT);
    }

    public ConnectorParts {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(epicorSecret, "epicorSecret");
        Objects.requireNonNull(upsSecret, "upsSecret");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        Objects.requireNonNull(tokenCache, "tokenCache");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(checkpoints, "checkpoints");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(processedEvents, "processedEvents");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(shipmentRequests, "shipmentRequests");
        Objects.requireNonNull(shipmentRequestsDlq, "shipmentRequestsDlq");
        Objects.requireNonNull(trackingUpdates, "trackingUpdates");
        Objects.requireNonNull(trackingUpdatesDlq, "trackingUpdatesDlq");
        Objects.requireNonNull(shipmentRequestsVisibility, "shipmentRequestsVisibility");
        Objects.requireNonNull(trackingUpdatesVisibility, "trackingUpdatesVisibility");
        Objects.requireNonNull(clock, "clock");
        if (maxReceiveCount < 1) {
            throw new IllegalArgumentException("maxReceiveCount must be at least 1");
        }
    }
}
