package com.epicorups.app;

import com.epicorups.core.http.HttpClientFactory;
import com.epicorups.pipeline.PipelineSettings;
import com.epicorups.pipeline.QuantumViewPolling;
import com.epicorups.pipeline.ShipmentCreation;
import com.epicorups.pipeline.SqsBatchProcessor;
import com.epicorups.pipeline.SubscriptionRenewal;
import com.epicorups.pipeline.TrackAlertIntake;
import com.epicorups.pipeline.TrackingWriting;
import com.epicorups.port.OrderPolling;

/**
 * The composition root Lambda finds through {@link java.util.ServiceLoader} (see {@link Runtime#current()}):
 * the AWS parts from the process environment, assembled once per container.
 */
public final class LambdaUseCaseFactory implements UseCaseFactory {
    private final ConnectorAssembly assembly = new ConnectorAssembly(AwsParts.fromEnvironment(System.getenv()));

    /** Lambda's init: also primes the HTTP client, so that a SnapStart snapshot holds its code loaded. */
    public LambdaUseCaseFactory() {
        HttpClientFactory.primeAtInit();
    }

    @Override
    public PipelineSettings settings() {
        return assembly.settings();
    }

    @Override
    public OrderPolling orderPolling() {
        return assembly.orderPolling();
    }

    @Override
    public ShipmentCreation shipmentCreation() {
        return assembly.shipmentCreation();
    }

    @Override
    public TrackingWriting trackingWriting() {
        return assembly.trackingWriting();
    }

    @Override
    public QuantumViewPolling quantumViewPolling() {
        return assembly.quantumViewPolling();
    }

    @Override
    public TrackAlertIntake trackAlertIntake() {
        return assembly.trackAlertIntake();
    }

    @Override
    public SubscriptionRenewal subscriptionRenewal() {
        return assembly.subscriptionRenewal();
    }

    @Override
    public SqsBatchProcessor shipmentRequestsBatch() {
        return assembly.shipmentRequestsBatch();
    }

    @Override
    public SqsBatchProcessor trackingUpdatesBatch() {
        return assembly.trackingUpdatesBatch();
    }
}
