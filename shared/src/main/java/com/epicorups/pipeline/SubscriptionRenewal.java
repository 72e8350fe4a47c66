package com.epicorups.pipeline;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.Reason;
import com.epicorups.logging.CorrelationId;
import com.epicorups.logging.JsonLogger;
import com.epicorups.port.SubscriptionResult;
import com.epicorups.port.TrackAlertSubscriptions;
import com.epicorups.store.AuditLog;
import com.epicorups.store.AuditOperation;
import com.epicorups.store.AuditOutcome;
import com.epicorups.store.ShipmentLedger;
import com.epicorups.store.ShipmentRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps Track Alert subscriptions alive: every shipped, not yet delivered release whose subscription ends
 * within the renewal window (or that has none yet) is subscribed again, 100 tracking numbers per call.
 * Releases in a terminal status are not in the ledger's expiring list, so they drop out by themselves.
 * One failed call does not stop the run; its releases stay expiring and the next run tries again.
 */
public final class SubscriptionRenewal {
    private static final JsonLogger LOG = JsonLogger.getLogger(SubscriptionRenewal.class);

    public static final int CHUNK = 100;

    private final ShipmentLedger ledger;
    private final TrackAlertSubscriptions subscriptions;
    private final Auditor audit;
    private final Clock clock;
    private final PipelineSettings settings;

    public SubscriptionRenewal(ShipmentLedger ledger, TrackAlertSubscriptions subscriptions, AuditLog auditLog,
                               Clock clock, PipelineSettings settings) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.audit = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), clock);
    }

    public RenewalSummary renew(String runId) {
        return CorrelationId.with(runId, () -> run(runId));
    }

    private RenewalSummary run(String runId) {
        Instant now = clock.instant();
        List<ShipmentRecord> expiring = ledger.subscriptionsExpiringBefore(now.plus(settings.renewalWindow()),
                settings.maxRenewalsPerRun());
        // By the ledger item's key text: a release's, or a pack's (pack mode tracks its shipment the same way).
        Map<String, ShipmentRecord> byKey = new LinkedHashMap<>();
        Map<String, String> releaseByNumber = new LinkedHashMap<>();
        for (ShipmentRecord record : expiring) {
            byKey.putIfAbsent(record.keyText(), record);
            for (String number : record.trackingNumbers()) {
                releaseByNumber.putIfAbsent(number, record.keyText());
            }
        }
        List<String> numbers = new ArrayList<>(releaseByNumber.keySet());
        int calls = 0;
        int accepted = 0;
        int rejected = 0;
        int failedCalls = 0;
        Map<String, Instant> renewed = new HashMap<>();
        Map<String, String> refused = new HashMap<>();
        for (int from = 0; from < numbers.size(); from += CHUNK) {
            List<String> chunk = numbers.subList(from, Math.min(numbers.size(), from + CHUNK));
            Instant started = clock.instant();
            calls++;
            SubscriptionResult result;
            try {
                result = subscriptions.subscribe(List.copyOf(chunk));
            } catch (ConnectorException e) {
                failedCalls++;
                audit.record(runId, AuditOperation.TRACK_ALERT_SUBSCRIBE,
                        e.isTransient() ? AuditOutcome.RETRYING : AuditOutcome.FAILED, e.reason(),
                        Texts.messageOf(e), started, Map.of("numbers", String.valueOf(chunk.size())));
                continue;
            }
            for (String number : result.accepted()) {
                String key = releaseByNumber.get(number);
                if (key != null && result.expiresAt() != null) {
                    renewed.merge(key, result.expiresAt(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
            accepted += result.accepted().size();
            rejected += result.rejected().size();
            refused.putAll(result.rejected());
            result.rejected().forEach((number, reason) -> audit.record(number,
                    AuditOperation.TRACK_ALERT_SUBSCRIBE, AuditOutcome.FAILED, Reason.SUBSCRIPTION_REJECTED,
                    reason, started, releaseByNumber.get(number) == null ? Map.of()
                            : Map.of("releaseKey", releaseByNumber.get(number))));
            audit.record(runId, AuditOperation.TRACK_ALERT_SUBSCRIBE, AuditOutcome.SUCCESS, null,
                    result.accepted().size() + " of " + chunk.size() + " subscribed", started,
                    Map.of("accepted", String.valueOf(result.accepted().size()),
                            "rejected", String.valueOf(result.rejected().size()),
                            "expiresAt", String.valueOf(result.expiresAt())));
        }
        renewed.forEach((key, expiresAt) -> {
            ShipmentRecord record = byKey.get(key);
            if (record.pack() != null) {
                ledger.packs().recordSubscription(record.pack(), expiresAt);
            } else {
                ledger.recordSubscription(record.key(), expiresAt);
            }
        });
        int dropped = dropRefused(expiring, refused, renewed.keySet(), runId);
        LOG.info("subscriptions_renewed", "releases", expiring.size(), "calls", calls,
                "accepted", accepted, "rejected", rejected, "failedCalls", failedCalls, "dropped", dropped);
        return new RenewalSummary(runId, expiring.size(), calls, accepted, rejected, failedCalls);
    }

    /**
     * A release none of whose tracking numbers Track Alert takes (each refused for good: invalid, or not a CIE test
     * number, VSS215) leaves the renewal list instead of being refused again every run. A failed call refuses
     * nothing: its releases stay listed.
     */
    private int dropRefused(List<ShipmentRecord> expiring, Map<String, String> refused, java.util.Set<String> renewed,
                            String runId) {
        int dropped = 0;
        for (ShipmentRecord record : expiring) {
            if (renewed.contains(record.keyText()) || record.trackingNumbers().isEmpty()
                    || !refused.keySet().containsAll(record.trackingNumbers())) {
                continue;
            }
            if (record.pack() != null) {
                ledger.packs().recordSubscriptionRefused(record.pack());
            } else {
                ledger.recordSubscriptionRefused(record.key());
            }
            dropped++;
            List<String> reasons = record.trackingNumbers().stream().map(refused::get).distinct().toList();
            audit.record(record.keyText(), AuditOperation.TRACK_ALERT_SUBSCRIBE, AuditOutcome.FAILED,
                    Reason.SUBSCRIPTION_REJECTED, "Track Alert refused every tracking number of the release ("
                            + String.join("; ", reasons) + "): not subscribed again; its tracking comes from Quantum"
                            + " View and the Tracking API", clock.instant(),
                    Map.of("trackingNumbers", String.join(",", record.trackingNumbers()), "runId", runId));
        }
        return dropped;
    }
}
