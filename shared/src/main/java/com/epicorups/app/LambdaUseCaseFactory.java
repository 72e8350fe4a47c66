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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The composition root Lambda finds through {@link java.util.ServiceLoader} (see {@link Runtime#current()}):
 * the AWS parts from the process environment and the deploy settings ({@link LiveSettings}), assembled once per
 * container and again when the deploy settings change. The handlers ask for their use case on every invocation,
 * so the next invocation after a change runs on the new settings (docs/decisions/0029).
 */
public final class LambdaUseCaseFactory implements UseCaseFactory {
    private static final JsonLogger LOG = JsonLogger.getLogger(LambdaUseCaseFactory.class);
    private final LiveSettings live;
    private final AtomicBoolean httpClientPrimed = new AtomicBoolean();
    private Map<String, String> builtFrom;
    private ConnectorAssembly assembly;

    public LambdaUseCaseFactory() {
        this(System.getenv(), Clock.systemUTC());
    }

    LambdaUseCaseFactory(Map<String, String> environment, Clock clock) {
        this.live = LiveSettings.fromEnvironment(environment, clock);
        assembly();
    }

    /** The assembly of the current settings, rebuilt (and the log level set) when they changed. */
    synchronized ConnectorAssembly assembly() {
        Map<String, String> environment = live.environment();
        if (assembly == null || !environment.equals(builtFrom)) {
            ConnectorAssembly rebuilt = new ConnectorAssembly(AwsParts.fromEnvironment(environment));
            LogLevel level = LogLevel.parse(environment.get("LOG_LEVEL"));
            if (JsonLogger.config().minimum() != level) {
                JsonLogger.configure(new LogConfig(level, JsonLogger.config().service(), JsonLogger.config().sink(),
                        JsonLogger.config().clock()));
            }
            if (assembly != null) {
                LOG.info("connector_rebuilt", "reason", "deploy settings changed");
            }
            assembly = rebuilt;
            builtFrom = environment;
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
     * client once, so that a SnapStart snapshot holds its code loaded (docs/decisions/0024-http-client.md). The
     * webhook calls neither and skips it.
     */
    private void primeHttpClient() {
        if (httpClientPrimed.compareAndSet(false, true)) {
            HttpClientFactory.primeAtInit();
        }
    }
}
