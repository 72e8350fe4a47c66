package com.epicorups.app;

import com.epicorups.epicor.EpicorClient;
import com.epicorups.epicor.EpicorReleaseSource;
import com.epicorups.epicor.EpicorSettings;
import com.epicorups.epicor.preflight.EpicorTenantChecks;
import com.epicorups.epicor.preflight.PreflightConfig;
import com.epicorups.epicor.pack.EpicorPackSource;
import com.epicorups.pipeline.PollLedger;
import com.epicorups.pipeline.TenantPreflight;
import com.epicorups.port.Preflight;
import com.epicorups.pipeline.PollSettings;
import com.epicorups.pipeline.ReleasePoller;
import com.epicorups.queue.MessageQueue;
import com.epicorups.store.AuditLog;
import com.epicorups.store.CheckpointStore;
import com.epicorups.store.ShipmentLedger;
import java.time.Clock;
import java.time.Duration;

/** The order poll over Epicor: the poll use case on Epicor's release pages, with its settings from EpicorSettings. */
public final class EpicorPolling {
    private EpicorPolling() {
    }

    /**
     * @param ledger where the reconciliation sweep looks releases up; null for a poller that never sweeps
     */
    public static ReleasePoller poller(EpicorClient client, EpicorSettings settings, CheckpointStore checkpoints,
                                       MessageQueue shipmentRequests, AuditLog audit, Clock clock, Duration cycleLease,
                                       ShipmentLedger ledger) {
        return poller(client, settings, checkpoints, shipmentRequests, audit, clock, cycleLease, ledger, Preflight.NONE);
    }

    /**
     * @param preflight the Epicor preflight the poll waits for ({@link #preflight}); nothing is enqueued while it fails
     */
    public static ReleasePoller poller(EpicorClient client, EpicorSettings settings, CheckpointStore checkpoints,
                                       MessageQueue shipmentRequests, AuditLog audit, Clock clock, Duration cycleLease,
                                       ShipmentLedger ledger, Preflight preflight) {
        if (settings.source().isPacks()) {
            return packPoller(client, settings, checkpoints, shipmentRequests, audit, clock, cycleLease, ledger,
                    preflight);
        }
        EpicorReleaseSource source = new EpicorReleaseSource(client, settings);
        PollSettings poll = new PollSettings(source.checkpointName(), settings.maxPagesPerCycle(),
                settings.sweepEvery(), cycleLease);
        return new ReleasePoller(source, poll, checkpoints, shipmentRequests, audit, clock, ledger, preflight);
    }

    /**
     * Pack mode: the same poll (page loop, lease, sweep, checkpoints) over the ready packs, keyed by pack in the ledger,
     * with a void pass over the packs voided in Epicor after the connector shipped them.
     */
    private static ReleasePoller packPoller(EpicorClient client, EpicorSettings settings, CheckpointStore checkpoints,
                                            MessageQueue shipmentRequests, AuditLog audit, Clock clock,
                                            Duration cycleLease, ShipmentLedger ledger, Preflight preflight) {
        EpicorPackSource packs = EpicorPackSource.ready(client, settings);
        PollSettings poll = new PollSettings(packs.checkpointName(), settings.maxPagesPerCycle(),
                settings.sweepEvery(), cycleLease);
        EpicorPackSource voids = ledger == null ? null : EpicorPackSource.voids(client, settings, ledger.packs());
        return new ReleasePoller(packs, poll, checkpoints, shipmentRequests, audit, clock,
                ledger == null ? null : PollLedger.packs(ledger.packs()), preflight, voids,
                voids == null ? null : voids.checkpointName());
    }

    /**
     * The Epicor preflight of a company: the tenant checks for this configuration, their verdict kept in the checkpoint
     * item {@code epicor-preflight#<company>} and trusted for {@code epicor.preflightEveryHours} once passed.
     */
    public static TenantPreflight preflight(EpicorClient client, PreflightConfig config, CheckpointStore checkpoints,
                                            AuditLog audit, Clock clock) {
        return new TenantPreflight(new EpicorTenantChecks(client, config), checkpoints,
                "epicor-preflight#" + config.secret().company(), config.epicor().preflightEvery(), audit, clock);
    }
}
