package com.epicorups.app;

import com.epicorups.config.ConfigException;
import com.epicorups.pipeline.PipelineSettings;
import com.epicorups.pipeline.QuantumViewPolling;
import com.epicorups.pipeline.ShipmentCreation;
import com.epicorups.pipeline.SubscriptionRenewal;
import com.epicorups.pipeline.TrackAlertIntake;
import com.epicorups.pipeline.TrackingWriting;
import com.epicorups.port.OrderPolling;
import java.util.List;

/** A composition root registered as a service (RuntimeInitFailureTest) whose environment is wrong, as LambdaUseCaseFactory's can be. */
public final class ConfigFailingUseCaseFactory implements UseCaseFactory {
    static final List<String> PROBLEMS = List.of("TOKEN_CACHE_TABLE is missing: set it to the table's name",
            "SHIPMENT_REQUESTS_QUEUE_URL is malformed ('x'): set it to the queue's URL");

    public ConfigFailingUseCaseFactory() {
        throw new ConfigException(PROBLEMS);
    }

    @Override public PipelineSettings settings() { throw new UnsupportedOperationException(); }
    @Override public OrderPolling orderPolling() { throw new UnsupportedOperationException(); }
    @Override public ShipmentCreation shipmentCreation() { throw new UnsupportedOperationException(); }
    @Override public TrackingWriting trackingWriting() { throw new UnsupportedOperationException(); }
    @Override public QuantumViewPolling quantumViewPolling() { throw new UnsupportedOperationException(); }
    @Override public TrackAlertIntake trackAlertIntake() { throw new UnsupportedOperationException(); }
    @Override public SubscriptionRenewal subscriptionRenewal() { throw new UnsupportedOperationException(); }
}
