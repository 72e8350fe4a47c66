package com.epicorups.app;

import com.epicorups.config.ConnectorSettings;
import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorPing;
import com.epicorups.epicor.EpicorReleaseReader;
import com.epicorups.epicor.EpicorSecret;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.EpicorTrackingWriter;
import com.epicorups.epicor.preflight.PreflightConfig;
import com.epicorups.model.ReleaseKey;
import com.epicorups.model.ReleaseReferences;
import com.epicorups.pipeline.AuditReplay;
import com.epicorups.pipeline.PipelineSettings;
import com.epicorups.pipeline.QuantumViewPolling;
import com.epicorups.pipeline.ReleasePoller;
import com.epicorups.pipeline.ShipmentCreation;
import com.epicorups.pipeline.SqsBatchProcessor;
import com.epicorups.pipeline.SubscriptionRenewal;
import com.epicorups.pipeline.TenantPreflight;
import com.epicorups.pipeline.TrackAlertEventReplay;
import com.epicorups.pipeline.TrackAlertIntake;
import com.epicorups.pipeline.TrackingWriting;
import com.epicorups.pipeline.VisibilityBackoff;
import com.epicorups.port.AddressValidation;
import com.epicorups.port.CreatedShipment;
import com.epicorups.port.EpicorReleases;
import com.epicorups.port.EpicorWriteBack;
import com.epicorups.port.OrderPolling;
import com.epicorups.port.QuantumView;
import com.epicorups.port.ReleaseRecheck;
import com.epicorups.port.TrackAlertReceiver;
import com.epicorups.port.TrackAlertSubscriptions;
import com.epicorups.port.TrackingFacts;
import com.epicorups.port.WriteOutcome;
import com.epicorups.port.UpsShipping;
import com.epicorups.model.ShippableRelease;
import com.epicorups.queue.MessageQueue;
import com.epicorups.queue.MessageVisibility;
import com.epicorups.ups.UpsClients;
import com.epicorups.ups.UpsSecret;
import com.epicorups.ups.UpsSettings;
import com.epicorups.ups.service.ServiceLanesCheck;
import com.epicorups.ups.trackalert.TrackAlertWebhookReceiver;
import com.epicorups.ups.trackalert.WebhookSecret;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The composition root: turns {@link ConnectorParts} (AWS or local) into the wired use cases. Everything is
 * built lazily and once, so a function builds only the clients it uses (the webhook never builds an Epicor
 * client). Clients that depend on a secret are {@link SecretBound}: built at first use (not in a SnapStart
 * snapshot) and rebuilt when the secret changes.
 */
public final class ConnectorAssembly implements UseCaseFactory {
    public static final String SHIPMENT_REQUESTS = "shipment-requests";
    public static final String TRACKING_UPDATES = "tracking-updates";

    private final ConnectorParts parts;
    private final PipelineSettings pipelineSettings;
    private final SecretBound<EpicorSide> epicor;
    private final SecretBound<UpsSide> ups;
    private final SecretBound<TrackAlertWebhookReceiver> webhookReceiver;

    private OrderPolling orderPolling;
    private ShipmentCreation shipmentCreation;
    private TrackingWriting trackingWriting;
    private QuantumViewPolling quantumViewPolling;
    private TrackAlertIntake trackAlertIntake;
    private SubscriptionRenewal subscriptionRenewal;

    /** One Epicor client and the objects that share it, for one value of the Epicor secret. */
    public record EpicorSide(EpicorSettings settings, EpicorClient client, EpicorReleaseReader reader,
                             EpicorTrackingWriter writer, ReleasePoller poller, TenantPreflight preflight) {
    }

    /** One UPS client set (one token provider) for one value of the UPS secret. */
    public record UpsSide(UpsSettings settings, UpsClients clients) {
    }

    public ConnectorAssembly(ConnectorParts parts) {
        this.parts = parts;
        ConnectorSettings settings = parts.settings();
        this.pipelineSettings = settings.pipeline();
        this.epicor = new SecretBound<>(parts.epicorSecret(), json -> {
            EpicorSecret secret = EpicorSecret.parse(json);
            EpicorClient client = new EpicorClient(secret, settings.epicor());
            TenantPreflight preflight = EpicorPolling.preflight(client, preflightConfig(secret, settings),
                    parts.checkpoints(), parts.auditLog(), parts.clock());
            return new EpicorSide(settings.epicor(), client, new EpicorReleaseReader(client, settings.epicor()),
                    new EpicorTrackingWriter(client, settings.epicor()),
                    EpicorPolling.poller(client, settings.epicor(), parts.checkpoints(), parts.shipmentRequests(),
                            parts.auditLog(), parts.clock(), ReleasePoller.DEFAULT_CYCLE_LEASE, parts.ledger(),
                            preflight), preflight);
        });
        this.ups = new SecretBound<>(parts.upsSecret(), json ->
                new UpsSide(settings.ups(), new UpsClients(UpsSecret.parse(json), settings.ups(), parts.tokenCache(),
                        parts.clock())));
        this.webhookReceiver = new SecretBound<>(parts.webhookSecret(),
                json -> new TrackAlertWebhookReceiver(settings.ups().trackAlertVersion(), WebhookSecret.parse(json)));
    }

    public ConnectorParts parts() {
        return parts;
    }

    @Override
    public PipelineSettings settings() {
        return pipelineSettings;
    }

    /** The Epicor client set for the current secret (built on first use). */
    public EpicorSide epicor() {
        return epicor.get();
    }

    /** The UPS client set for the current secret (built on first use). */
    public UpsSide ups() {
        return ups.get();
    }

    @Override
    public synchronized OrderPolling orderPolling() {
        if (orderPolling == null) {
            orderPolling = pollId -> epicor.get().poller().pollOnce(pollId);
        }
        return orderPolling;
    }

    @Override
    public synchronized ShipmentCreation shipmentCreation() {
        if (shipmentCreation == null) {
            ShipmentCreation.Builder builder = ShipmentCreation.builder();
            try {
                // Pack messages are shipped whatever epicor.source says now: one enqueued before a switch back to
                // releases still ships (or voids) once.
                builder.packs(parts.ledger().packs(), new EpicorUpsPacks(epicor::get, ups::get,
                        parts.settings().epicor(), parts.settings().ups()), parts.settings().epicor().weightUnit(),
                        parts.settings().epicor().packs().markShipped())
                        .packCustomerFreight(parts.settings().epicor().packs().freightCharge());
            } catch (UnsupportedOperationException releasesOnly) {
                // a ledger that holds releases only: pack messages are refused as malformed, visibly
            }
            shipmentCreation = builder
                    .ledger(parts.ledger())
                    .epicor(epicorReleases())
                    .addressValidation(addressValidation())
                    .ups(upsShipping())
                    .labels(parts.labels())
                    .trackingUpdates(parts.trackingUpdates())
                    .deadLetterQueue(parts.shipmentRequestsDlq())
                    .auditLog(parts.auditLog())
                    .clock(parts.clock())
                    .settings(pipelineSettings)
                    .groupReleasesByOrder(parts.settings().ups().groupReleasesByOrder())
                    .preflight(() -> epicor.get().preflight().verdict())
                    .build();
        }
        return shipmentCreation;
    }

    @Override
    public synchronized TrackingWriting trackingWriting() {
        if (trackingWriting == null) {
            EpicorWriteBack writeBack = new EpicorWriteBack() {
                @Override
                public Map<String, Object> write(ReleaseKey key, TrackingFacts facts) {
                    return epicor.get().writer().write(key, facts);
                }

                @Override
                public Map<String, Object> writeCurrent(ReleaseKey key, TrackingFacts facts) {
                    return epicor.get().writer().writeCurrent(key, facts);
                }

                @Override
                public Map<ReleaseKey, WriteOutcome> writeCurrentAll(Map<ReleaseKey, TrackingFacts> facts) {
                    return epicor.get().writer().writeCurrentAll(facts);
                }

                @Override
                public Map<String, Object> writePack(com.epicorups.model.PackKey pack, TrackingFacts facts) {
                    return epicor.get().writer().writePack(pack, facts);
                }
            };
            trackingWriting = new TrackingWriting(parts.ledger(), writeBack, parts.processedEvents(),
                    parts.auditLog(), parts.trackingUpdatesDlq(), parts.clock());
        }
        return trackingWriting;
    }

    @Override
    public synchronized QuantumViewPolling quantumViewPolling() {
        if (quantumViewPolling == null) {
            QuantumView quantumView = () -> ups.get().clients().quantumView().readUnread();
            quantumViewPolling = new QuantumViewPolling(quantumView, parts.trackingUpdates(), parts.checkpoints(),
                    parts.auditLog(), parts.clock());
        }
        return quantumViewPolling;
    }

    @Override
    public synchronized TrackAlertIntake trackAlertIntake() {
        if (trackAlertIntake == null) {
            TrackAlertReceiver receiver = (headers, body) -> webhookReceiver.get().receive(headers, body);
            trackAlertIntake = new TrackAlertIntake(receiver, parts.trackingUpdates(), parts.auditLog(), parts.labels(),
                    parts.clock());
        }
        return trackAlertIntake;
    }

    @Override
    public synchronized SubscriptionRenewal subscriptionRenewal() {
        if (subscriptionRenewal == null) {
            TrackAlertSubscriptions subscriptions = numbers -> ups.get().clients()
                    .trackAlert(WebhookSecret.parse(parts.webhookSecret().get()).credential()).subscribe(numbers);
            subscriptionRenewal = new SubscriptionRenewal(parts.ledger(), subscriptions, parts.auditLog(),
                    parts.clock(), pipelineSettings);
        }
        return subscriptionRenewal;
    }

    @Override
    public SqsBatchProcessor shipmentRequestsBatch() {
        return batchProcessor(parts.shipmentRequestsVisibility());
    }

    @Override
    public SqsBatchProcessor trackingUpdatesBatch() {
        return batchProcessor(parts.trackingUpdatesVisibility());
    }

    /** Re-enqueues failed work from the audit trail (operator CLI). */
    public AuditReplay auditReplay() {
        Map<String, MessageQueue> queues = Map.of(SHIPMENT_REQUESTS, parts.shipmentRequests(),
                TRACKING_UPDATES, parts.trackingUpdates(),
                TrackAlertIntake.REPLAY_TRACK_ALERT_EVENT, new TrackAlertEventReplay(
                        body -> webhookReceiver.get().parse(body), parts.trackingUpdates()));
        return new AuditReplay(parts.auditLog(), queues, parts.clock());
    }

    public EpicorPing epicorPing() {
        return new EpicorPing(epicor.get().client());
    }

    /** The Epicor preflight of the current configuration (its checks run on demand with {@code runNow()}). */
    public TenantPreflight epicorPreflight() {
        return epicor.get().preflight();
    }

    /**
     * What the preflight checks: where and as whom the connector reaches Epicor, the Epicor settings, the warehouses
     * {@code ups.warehouses} configures and the ShipVia codes the poll ships ({@code epicor.upsShipViaCodes}, the
     * service map's keys by default), and the services mapped for each lane of those warehouses.
     */
    static PreflightConfig preflightConfig(EpicorSecret secret, ConnectorSettings settings) {
        return new PreflightConfig(secret, settings.epicor(), settings.ups().warehouses().keySet(),
                settings.epicor().upsShipViaCodes(), List.of(ServiceLanesCheck.check(settings.ups())));
    }

    private SqsBatchProcessor batchProcessor(Optional<MessageVisibility> visibility) {
        int concurrency = pipelineSettings.batchConcurrency();
        VisibilityBackoff backoff = visibility
                .map(v -> new VisibilityBackoff(v, pipelineSettings.retryBase(), pipelineSettings.retryMax()))
                .orElseGet(VisibilityBackoff::none);
        return new SqsBatchProcessor(concurrency, backoff, parts.maxReceiveCount());
    }

    private EpicorReleases epicorReleases() {
        return new EpicorReleases() {
            @Override
            public ReleaseRecheck recheck(ReleaseKey key) {
                return epicor.get().reader().recheck(key);
            }

            @Override
            public Map<ReleaseKey, ReleaseRecheck> recheckAll(Collection<ReleaseKey> keys) {
                return epicor.get().reader().recheckAll(keys);
            }

            @Override
            public Map<ReleaseKey, ReleaseRecheck> recheckAll(Collection<ReleaseKey> keys,
                                                              Collection<ReleaseReferences> references) {
                return epicor.get().reader().recheckAll(keys, references);
            }
        };
    }

    private AddressValidation addressValidation() {
        return shipTo -> ups.get().clients().addressValidation().validate(shipTo);
    }

    private UpsShipping upsShipping() {
        return new UpsShipping() {
            @Override
            public CreatedShipment create(List<ShippableRelease> releases) {
                return ups.get().clients().shipping().create(releases);
            }

            @Override
            public Optional<CreatedShipment> findByReference(ShippableRelease release) {
                return ups.get().clients().shipping().findByReference(release);
            }

            @Override
            public boolean canGroup(List<ShippableRelease> releases) {
                return ups.get().clients().shipping().canGroup(releases);
            }

            @Override
            public void checkBeforeAnyCall(List<ShippableRelease> releases) {
                ups.get().clients().shipping().checkBeforeAnyCall(releases);
            }

            @Override
            public void voidShipment(String shipmentId) {
                ups.get().clients().shipping().voidShipment(shipmentId);
            }
        };
    }

    static Supplier<JsonNode> constant(JsonNode node) {
        return () -> node;
    }
}
