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
import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.LogConfig;
import com.epicorups.logging.LogLevel;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The composition root Lambda finds through {@link java.util.ServiceLoader} (see {@link Runtime#current()}):
 * the AWS parts from the process environment and the deploy settings ({@link LiveSettings}), assembled once per
 * container and again when the deploy settings change. The handlers ask for their use case on every invocation,
 * so the next invocation after a change runs on the new settings (docs/decisions/0030).
 */
public final class LambdaUseCaseFactory implements UseCaseFactory {
    private static final JsonLogger LOG = JsonLogger.getLogger(LambdaUseCaseFactory.class);
    private final LiveSettings live;
    private final AtomicBoolean httpClientPrimed = new AtomicBoolean();
    private Map<String, String> builtFrom;
    private Map<String, String> rejected;
    private String rejectedError;
    private ConnectorAssembly assembly;

    public LambdaUseCaseFactory() {
        this(System.getenv(), Clock.systemUTC());
    }

    LambdaUseCaseFactory(Map<String, String> environment, Clock clock) {
        this.live = LiveSettings.fromEnvironment(environment, clock);
        assembly();
    }

    /**
     * The assembly of the current settings, rebuilt (and the log level set) when they changed. New settings that
     * cannot be read or are invalid leave a running container on the last good ones (ERROR settings_rejected, once
     * per rejected value); at init they fail the start, as before.
     */
    synchronized ConnectorAssembly assembly() {
        Map<String, String> environment = null;
        try {
            environment = live.environment();
            if (assembly != null && (environment.equals(builtFrom) || environment.equals(rejected))) {
                return assembly;
            }
            ConnectorAssembly rebuilt = new ConnectorAssembly(AwsParts.fromEnvironment(environment));
            if (assembly != null) {
                LOG.info("connector_rebuilt", "reason", "deploy settings changed");
            }
            assembly = rebuilt;
            builtFrom = environment;
            rejected = null;
        } catch (RuntimeException e) {
            if (assembly == null) {
                throw e;
            }
            rejected = environment;
            if (!Objects.equals(rejectedError, e.getMessage())) {
                LOG.error("settings_rejected", e, "kept", "the settings the container runs on");
                rejectedError = e.getMessage();
            }
            return assembly;
        }
        LogLevel level = LogLevel.parse(environment.get("LOG_LEVEL"));
        LogConfig current = JsonLogger.config();
        if (current.minimum() != level) {
            JsonLogger.configure(new LogConfig(level, current.service(), current.sink(), current.clock()));
        }
        return assembly;
    }

    @Override
    public Object revision() {
        return assembly();
    }

    @Override
    public PipelineSettings settings() {
        return assembly().settings();
    }

    @Override
    public OrderPolling orderPolling() {
        primeHttpClient();
        return assembly().orderPolling();
    }

    @Override
    public ShipmentCreation shipmentCreation() {
        primeHttpClient();
        return assembly().shipmentCreation();
    }

    @Override
    public TrackingWriting trackingWriting() {
        primeHttpClient();
        return assembly().trackingWriting();
    }

    @Override
    public QuantumViewPolling quantumViewPolling() {
        primeHttpClient();
        return assembly().quantumViewPolling();
    }

    @Override
    public TrackAlertIntake trackAlertIntake() {
        return assembly().trackAlertIntake();
    }

    @Override
    public SubscriptionRenewal subscriptionRenewal() {
        primeHttpClient();
        return assembly().subscriptionRenewal();
    }

    @Override
    public SqsBatchProcessor shipmentRequestsBatch() {
        return assembly().shipmentRequestsBatch();
    }

    @Override
    public SqsBatchProcessor trackingUpdatesBatch() {
        return assembly().trackingUpdatesBatch();
    }

    /**
     * For the functions that call Epicor or UPS, whose handlers ask for their use case at init: primes the HTTP
     * client once, so that a SnapStart snapshot holds its code loaded (docs/decisions/0034-plain-http-client-module.md). The
     * webhook calls neither and skips it.
     */
    private void primeHttpClient() {
        if (httpClientPrimed.compareAndSet(false, true)) {
            HttpClientFactory.primeAtInit();
        }
    }
}
