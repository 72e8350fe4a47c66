package com.epicorups.cli.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.epicorups.app.ConnectorAssembly;
import com.epicorups.cli.local.QueueDrainer.DrainResult;
import com.epicorups.core.ConnectorException;
import com.epicorups.function.orderpoller.OrderPollerHandler;
import com.epicorups.function.quantumview.QuantumViewPollerHandler;
import com.epicorups.function.renewer.SubscriptionRenewerHandler;
import com.epicorups.function.shipmentcreator.ShipmentCreatorHandler;
import com.epicorups.function.trackingwriter.TrackingWriterHandler;
import com.epicorups.sandbox.ups.Status;
import com.epicorups.sandbox.ups.UpsSandbox;
import com.epicorups.store.LedgerState;
import com.epicorups.store.ShipmentRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Drives the real Lambda handlers over a {@link LocalEnvironment} the way AWS would: the scheduled poller, the
 * SQS event-source mapping for both queues, the carrier (the UPS sandbox moving packages along), Quantum View,
 * Track Alert deliveries through the webhook, and the renewer. Each step is public so that a benchmark can
 * time and repeat them; {@link #runAll()} is the local run.
 */
public final class PipelineDriver {
    private final LocalEnvironment env;
    private final Consumer<String> progress;
    private final OrderPollerHandler poller;
    private final QueueDrainer shipmentDrainer;
    private final QueueDrainer trackingDrainer;
    private final QuantumViewPollerHandler quantumView;
    private final SubscriptionRenewerHandler renewer;
    private Duration retryWait = Duration.ofSeconds(20);
    private int deliverEvery = 3;

    /** What a whole run did. */
    public record RunResult(Map<String, Object> poll, List<DrainResult> drains, Map<String, Object> carrier,
                            long elapsedMillis) {
        /** Messages still visible or in flight after the bounded wait, over all drains of the last pass. */
        public int pending() {
            Map<String, Integer> last = new LinkedHashMap<>();
            drains.forEach(d -> last.put(d.queue(), d.pending()));
            return last.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public PipelineDriver(LocalEnvironment env, Consumer<String> progress) {
        this.env = Objects.requireNonNull(env, "env");
        this.progress = Objects.requireNonNull(progress, "progress");
        ConnectorAssembly assembly = env.assembly();
        this.poller = new OrderPollerHandler(assembly.orderPolling());
        EmbeddedSqs sqs = env.sqs();
        this.shipmentDrainer = new QueueDrainer(sqs.sqs(), sqs.shipmentRequests().name(),
                sqs.shipmentRequests().url(), sqs.shipmentRequests().arn(),
                new ShipmentCreatorHandler(assembly.shipmentCreation(), assembly.shipmentRequestsBatch()));
        this.trackingDrainer = new QueueDrainer(sqs.sqs(), sqs.trackingUpdates().name(),
                sqs.trackingUpdates().url(), sqs.trackingUpdates().arn(),
                new TrackingWriterHandler(assembly.trackingWriting(), assembly.trackingUpdatesBatch()));
        this.quantumView = new QuantumViewPollerHandler(assembly.quantumViewPolling());
        this.renewer = new SubscriptionRenewerHandler(assembly.subscriptionRenewal());
    }

    /** How long a drain waits for messages in retry backoff before reporting them as pending (default 20 s). */
    public PipelineDriver retryWait(Duration wait) {
        this.retryWait = wait;
        return this;
    }

    /** Every n-th shipped package is delivered in the carrier simulation (default 3); the rest stay in transit. */
    public PipelineDriver deliverEvery(int n) {
        this.deliverEvery = Math.max(1, n);
        return this;
    }

    public RunResult runAll() {
        long started = System.nanoTime();
        List<DrainResult> drains = new ArrayList<>();
        Map<String, Object> poll = poll();
        drains.add(drainShipmentRequests());
        drains.add(drainTrackingUpdates());
        Map<String, Object> carrier = Map.of();
        if (env.sandboxed()) {
            carrier = simulateCarrier();
            drains.add(drainTrackingUpdates());
        } else {
            progress.accept("carrier simulation skipped: --config points at real endpoints");
        }
        return new RunResult(poll, drains, carrier, Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * One scheduled OrderPoller invocation. A poll that fails with a reason (the Epicor preflight failed, Epicor
     * refused a query) is reported, as Lambda would record the error, and the run goes on with what is queued.
     */
    public Map<String, Object> poll() {
        Map<String, Object> summary;
        try {
            summary = poller.handleRequest(scheduledEvent("OrderPollerSchedule"), null);
        } catch (ConnectorException e) {
            progress.accept("poll: FAILED " + e.reasonCode() + ": " + e.getMessage());
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("failed", e.reasonCode());
            failed.put("message", e.getMessage());
            return failed;
        }
        progress.accept("poll: " + summary.get("releasesSeen") + " releases seen, " + summary.get("enqueued")
                + " enqueued, skipped " + summary.get("skippedByReason") + ", " + summary.get("epicorCalls")
                + " Epicor calls");
        return summary;
    }

    public DrainResult drainShipmentRequests() {
        DrainResult result = shipmentDrainer.drain(retryWait);
        progress.accept(describe("shipment-creator", result));
        return result;
    }

    public DrainResult drainTrackingUpdates() {
        DrainResult result = trackingDrainer.drain(retryWait);
        progress.accept(describe("tracking-writer", result));
        return result;
    }

    /**
     * The carrier: subscribes shipped packages (renewer), moves them along in the UPS sandbox (which posts Track
     * Alert events to the local webhook for subscribed numbers), reads Quantum View, and renews again.
     */
    public Map<String, Object> simulateCarrier() {
        UpsSandbox ups = env.upsSandbox().orElseThrow(() -> new IllegalStateException("no UPS sandbox to simulate"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subscribe", renewer.handleRequest(scheduledEvent("SubscriptionRenewerSchedule"), null));
        List<String> numbers = shippedTrackingNumbers();
        int delivered = 0;
        int webhookBefore = env.webhook().received();
        for (int i = 0; i < numbers.size(); i++) {
            String tn = numbers.get(i);
            ups.shipments().advance(tn, Status.PICKED_UP);
            ups.shipments().advance(tn, Status.IN_TRANSIT);
            if (i % deliverEvery == 0) {
                ups.shipments().advance(tn, Status.LOADED_ON_DELIVERY_VEHICLE);
                ups.shipments().advance(tn, Status.OUT_FOR_DELIVERY);
                ups.shipments().advance(tn, Status.DELIVERED);
                delivered++;
            }
        }
        int webhookPosts = env.webhook().received() - webhookBefore;
        progress.accept("carrier: " + numbers.size() + " packages picked up and in transit, " + delivered
                + " delivered; " + webhookPosts + " Track Alert posts to the webhook " + env.webhook().responsesByStatus());
        out.put("packages", numbers.size());
        out.put("delivered", delivered);
        out.put("trackAlertPosts", webhookPosts);
        Map<String, Object> qv = quantumView.handleRequest(scheduledEvent("QuantumViewSchedule"), null);
        progress.accept("quantum view: " + qv);
        out.put("quantumView", qv);
        Map<String, Object> renewal = renewer.handleRequest(scheduledEvent("SubscriptionRenewerSchedule"), null);
        progress.accept("renewer: " + renewal);
        out.put("renew", renewal);
        return out;
    }

    /** Tracking numbers of every shipped release, in the order the releases were enqueued. */
    public List<String> shippedTrackingNumbers() {
        List<String> numbers = new ArrayList<>();
        for (var key : RunReport.enqueuedKeys(env)) {
            env.ledger().get(key).filter(r -> r.state() == LedgerState.SHIPPED || r.state() == LedgerState.WRITTEN)
                    .map(ShipmentRecord::trackingNumbers).ifPresent(numbers::addAll);
        }
        return numbers;
    }

    public QueueDrainer shipmentDrainer() {
        return shipmentDrainer;
    }

    public QueueDrainer trackingDrainer() {
        return trackingDrainer;
    }

    private static String describe(String function, DrainResult r) {
        return function + ": " + r.invocations() + " invocations, " + r.received() + " messages, " + r.deleted()
                + " done, " + r.reportedFailures() + " reported for retry"
                + (r.pending() > 0 ? ", " + r.pending() + " still pending" : "") + " (" + r.elapsedMillis() + " ms)";
    }

    /** A scheduled event as EventBridge sends it for {@code rule}. */
    public static ScheduledEvent scheduledEvent(String rule) {
        ScheduledEvent event = new ScheduledEvent();
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount("000000000000");
        event.setRegion(EmbeddedSqs.REGION);
        event.setResources(List.of("arn:aws:events:" + EmbeddedSqs.REGION + ":000000000000:rule/" + rule));
        event.setDetail(Map.of());
        return event;
    }
}
