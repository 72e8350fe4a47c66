package com.epicorups.app;

import com.epicorups.pipeline.PipelineSettings;
import com.epicorups.pipeline.QuantumViewPolling;
import com.epicorups.pipeline.ShipmentCreation;
import com.epicorups.pipeline.SqsBatchProcessor;
import com.epicorups.pipeline.SubscriptionRenewal;
import com.epicorups.pipeline.TrackAlertIntake;
import com.epicorups.pipeline.TrackingWriting;
import com.epicorups.port.OrderPolling;

/**
 * What the composition root hands the Lambda handlers: one fully wired use case per function, built once per
 * container (clients, token caches and SDK clients are reused across invocations). Implementations build
 * lazily so that a function only creates the clients it needs.
 */
public interface UseCaseFactory {
    PipelineSettings settings();

    /** Changes (by identity) whenever the use cases were rebuilt on new settings; handlers then rebuild ({@link Live}). */
    default Object revision() {
        return this;
    }

    OrderPolling orderPolling();

    ShipmentCreation shipmentCreation();

    TrackingWriting trackingWriting();

    QuantumViewPolling quantumViewPolling();

    TrackAlertIntake trackAlertIntake();

    SubscriptionRenewal subscriptionRenewal();

    /** The batch processor for shipment-requests (with that queue's visibility backoff). */
    default SqsBatchProcessor shipmentRequestsBatch() {
        return new SqsBatchProcessor(settings().batchConcurrency());
    }

    /** The batch processor for tracking-updates (with that queue's visibility backoff). */
    default SqsBatchProcessor trackingUpdatesBatch() {
        return new SqsBatchProcessor(settings().batchConcurrency());
    }
}
