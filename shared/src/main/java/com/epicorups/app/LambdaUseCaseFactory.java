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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The composition root Lambda finds through {@link java.util.ServiceLoader} (see {@link Runtime#current()}):
 * the AWS parts from the process environment, assembled once per container.
 */
public final class LambdaUseCaseFactory implements UseCaseFactory {
    private final ConnectorAssembly assembly = new ConnectorAssembly(AwsParts.fromEnvironment(System.getenv()));
    private final AtomicBoolean httpClientPrimed = new AtomicBoolean();

    @Override
    public PipelineSettings settings() {
        return assembly.settings();
    }

    @Override
    public OrderPolling orderPolling() {
        primeHttpClient();
        return assembly.orderPolling();
    }

    @Override
    public ShipmentCreation shipmentCreation() {
        primeHttpClient();
        return assembly.shipmentCreation();
    }

    @Override
    public TrackingWriting trackingWriting() {
        primeHttpClient();
        return assembly.trackingWriting();
    }

    @Override
    public QuantumViewPolling quantumViewPolling() {
        primeHttpClient();
        return assembly.quantumViewPolling();
    }

    @Override
    public TrackAlertIntake trackAlertIntake() {
        return assembly.trackAlertIntake();
    }

    @Override
    public SubscriptionRenewal subscriptionRenewal() {
        primeHttpClient();
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

    /**
     * For the functions that call Epicor or UPS, whose handlers ask for their use case at init: primes the HTTP
     * client once, so that a SnapStart snapshot holds its code loaded (docs/decisions/0024-http-client.md). The
     * webhook calls neither and skips it.
     */
    private void primeHttpClient() {
        if (httpClientPrimed.compareAndSet(false, true)) {
            HttpClientFactory.primeAtInit();
        }
    }
}
