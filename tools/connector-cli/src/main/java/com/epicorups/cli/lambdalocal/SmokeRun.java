package com.epicorups.cli.lambdalocal;

import com.epicorups.sandbox.ups.Operation;
import com.epicorups.store.ShipmentRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The smoke test of the packaged functions: each function, in a fresh container of AWS's runtime client under the
 * Runtime Interface Emulator, handles its events/ sample against its own freshly created stack, and what it did is
 * checked where it lands (queues, the shipment ledger, the sandboxes), not only in its answer: an answer can be
 * HTTP 200 with a function error in it. The shipment creator gets its event twice, the second time in a new
 * container, and must ship once. Functions run in pipeline order so the renewer subscribes the creator's package.
 */
public final class SmokeRun {
    /** Pipeline order: the creator's shipment is there for the Quantum View poller and the renewer. */
    static final List<String> ORDER = List.of("order-poller", "shipment-creator", "tracking-writer",
            "track-alert-webhook", "quantum-view-poller", "subscription-renewer");

    private final LambdaLocalRunner runner;
    private final Consumer<String> out;
    private int passed;
    private int failed;

    public SmokeRun(LambdaLocalRunner runner, Consumer<String> out) {
        this.runner = runner;
        this.out = out;
    }

    /** Runs the functions (module names; every function of the template when empty); true when every check passed. */
    public boolean run(List<String> only) {
        List<LocalFunction> functions = LocalFunction.all(runner.stack().root().resolve("template.yaml"));
        List<String> names = functions.stream().map(LocalFunction::name).toList();
        if (!names.containsAll(ORDER) || !ORDER.containsAll(names)) {
            throw new IllegalStateException("template.yaml's functions " + names + " are not the smoke test's " + ORDER);
        }
        for (String name : ORDER) {
            if (!only.isEmpty() && !only.contains(name)) {
                continue;
            }
            LocalFunction function = functions.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
            out.accept("-- " + function.name() + " (" + function.logicalId() + ") with events/" + function.name() + ".json");
            try {
                switch (name) {
                    case "order-poller" -> orderPoller(function);
                    case "shipment-creator" -> shipmentCreator(function);
                    case "tracking-writer" -> trackingWriter(function);
                    case "track-alert-webhook" -> webhook(function);
                    case "quantum-view-poller" -> quantumView(function);
                    case "subscription-renewer" -> renewer(function);
                    default -> throw new IllegalStateException(name);
                }
            } catch (RuntimeException e) {
                check(false, "ran: " + e.getMessage());
            }
        }
        return failed == 0;
    }

    public int passed() {
        return passed;
    }

    public int failed() {
        return failed;
    }

    private void orderPoller(LocalFunction function) {
        LambdaLocalStack.Prepared prepared = runner.stack().prepare(function);
        StackProbe probe = new StackProbe(runner.stack(), prepared.resources());
        Invocation answer = invokeOnce(prepared, function.name(), event(function));
        if (answered(answer)) {
            JsonNode json = answer.json();
            int enqueued = json.path("enqueued").asInt(-1) + json.path("sweepEnqueued").asInt(0);
            check(enqueued > 0, "the poll enqueued releases (enqueued " + json.path("enqueued") + ", sweep "
                    + json.path("sweepEnqueued") + ")");
            int depth = probe.depth("ShipmentRequestsQueue");
            check(depth == enqueued, "ShipmentRequestsQueue holds " + depth + " messages, one per enqueued release");
        }
    }

    private void shipmentCreator(LocalFunction function) {
        String event = event(function);
        LambdaLocalStack.Prepared prepared = runner.stack().prepare(function);
        StackProbe probe = new StackProbe(runner.stack(), prepared.resources());
        int shipmentsBefore = runner.stack().ups().shipments().count();
        Invocation first = invokeOnce(prepared, function.name() + "-1", event);
        if (!answered(first)) {
            return;
        }
        check(first.json().path("batchItemFailures").isEmpty(), "no batch item failures");
        Optional<ShipmentRecord> shipped = probe.ledger(SampleEvents.RELEASE);
        check(shipped.map(ShipmentRecord::shipped).orElse(false), "the ledger has release " + SampleEvents.RELEASE
                + " " + shipped.map(r -> r.state() + " as " + r.shipmentId()).orElse("not at all"));
        check(runner.stack().ups().shipments().count() == shipmentsBefore + 1, "UPS (sandbox) created one shipment");
        List<String> updates = probe.peek("TrackingUpdatesQueue");
        check(updates.size() == 1 && updates.get(0).contains("LABEL_CREATED")
                && shipped.map(r -> updates.get(0).contains(r.shipmentId())).orElse(false),
                "TrackingUpdatesQueue holds the label-created update of that shipment");

        out.accept("   the same message again, in a new container (SQS delivers at least once):");
        Invocation second = invokeOnce(prepared, function.name() + "-2", event);
        if (answered(second)) {
            check(second.json().path("batchItemFailures").isEmpty(), "no batch item failures");
            check(runner.stack().ups().shipments().count() == shipmentsBefore + 1,
                    "still one UPS shipment: the release shipped once");
            check(probe.ledger(SampleEvents.RELEASE).map(ShipmentRecord::shipmentId)
                    .equals(shipped.map(ShipmentRecord::shipmentId)), "the ledger's shipment is unchanged");
        }
    }

    private void trackingWriter(LocalFunction function) {
        LambdaLocalStack.Prepared prepared = runner.stack().prepare(function);
        StackProbe probe = new StackProbe(runner.stack(), prepared.resources());
        Invocation answer = invokeOnce(prepared, function.name(), event(function));
        if (answered(answer)) {
            check(answer.json().path("batchItemFailures").isEmpty(), "no batch item failures");
            Map<String, Object> row = runner.stack().epicor().dataset().find("OrderRels", Map.of(
                    "Company", SampleEvents.RELEASE.company(), "OrderNum", SampleEvents.RELEASE.orderNum(),
                    "OrderLine", SampleEvents.RELEASE.orderLine(), "OrderRelNum", SampleEvents.RELEASE.orderRelNum()))
                    .orElse(Map.of());
            check(row.containsValue(SampleEvents.TRACKING_NUMBER), "Epicor (sandbox) release "
                    + SampleEvents.RELEASE + " holds tracking number " + SampleEvents.TRACKING_NUMBER);
            check(probe.depth("TrackingUpdatesDLQ") == 0, "nothing dead-lettered");
        }
    }

    private void webhook(LocalFunction function) {
        LambdaLocalStack.Prepared prepared = runner.stack().prepare(function);
        StackProbe probe = new StackProbe(runner.stack(), prepared.resources());
        String sample = event(function);
        // The check's control: the same delivery with a bearer the WebhookSecret does not list must be refused.
        String stranger = sample.replace(SampleEvents.WEBHOOK_BEARER, "a-bearer-the-secret-does-not-list");
        List<Invocation> answers = invoke(prepared, function.name(), List.of(sample, stranger));
        if (answered(answers.get(0))) {
            check(answers.get(0).json().path("statusCode").asInt() == 200,
                    "UPS is answered 200 (Track Alert v2 bearer accepted)");
            List<String> messages = probe.peek("TrackingUpdatesQueue");
            check(probe.depth("TrackingUpdatesQueue") == 1 && messages.size() == 1
                            && messages.get(0).contains(SampleEvents.TRACKING_NUMBER),
                    "TrackingUpdatesQueue holds one update for " + SampleEvents.TRACKING_NUMBER);
        }
        out.accept("   the same delivery with another bearer, in the same container:");
        if (answered(answers.get(1))) {
            check(answers.get(1).json().path("statusCode").asInt() == 401, "answered 401, not accepted");
            check(probe.depth("TrackingUpdatesQueue") == 1, "nothing more enqueued");
        }
    }

    private void quantumView(LocalFunction function) {
        LambdaLocalStack.Prepared prepared = runner.stack().prepare(function);
        StackProbe probe = new StackProbe(runner.stack(), prepared.resources());
        int requestsBefore = runner.stack().ups().requests(Operation.QUANTUM_VIEW);
        Invocation answer = invokeOnce(prepared, function.name(), event(function));
        if (answered(answer)) {
            JsonNode json = answer.json();
            check(!json.has("error"), "the cycle reports no error" + (json.has("error") ? ": " + json.get("error") : ""));
            check(runner.stack().ups().requests(Operation.QUANTUM_VIEW) > requestsBefore,
                    "UPS (sandbox) was asked for Quantum View events");
            int depth = probe.depth("TrackingUpdatesQueue");
            check(depth == json.path("updatesEnqueued").asInt(-1),
                    "TrackingUpdatesQueue holds the " + depth + " updates it enqueued");
        }
    }

    private void renewer(LocalFunction function) {
        String expected = runner.stack().renewerPackage();
        LambdaLocalStack.Prepared prepared = runner.stack().prepare(function);
        StackProbe probe = new StackProbe(runner.stack(), prepared.resources());
        Invocation answer = invokeOnce(prepared, function.name(), event(function));
        if (answered(answer)) {
            check(answer.json().path("accepted").asInt() >= 1, "UPS accepted the subscription");
            check(runner.stack().ups().trackAlert().subscription(expected).isPresent(),
                    "UPS (sandbox) has a Track Alert subscription for " + expected);
            check(probe.ledger(SampleEvents.RELEASE).map(r -> r.subscriptionExpiresAt() != null).orElse(false),
                    "the ledger records when the subscription ends");
        }
    }

    /** One invocation in a fresh container; prints the answer and the runtime's reports. */
    private Invocation invokeOnce(LambdaLocalStack.Prepared prepared, String logName, String event) {
        return invoke(prepared, logName, List.of(event)).get(0);
    }

    /** The events one after the other in one fresh container (the first is its cold start). */
    private List<Invocation> invoke(LambdaLocalStack.Prepared prepared, String logName, List<String> events) {
        try (RuntimeEmulator rie = runner.start(prepared, logName)) {
            List<Invocation> invocations = new java.util.ArrayList<>();
            for (String event : events) {
                Invocation invocation = rie.invoke(event);
                print(invocation, rie);
                invocations.add(invocation);
            }
            return invocations;
        }
    }

    private void print(Invocation invocation, RuntimeEmulator rie) {
        out.accept("   HTTP " + invocation.httpStatus() + " in " + invocation.roundTripMillis() + " ms; init "
                + millis(invocation.initMillis()) + ", invoke " + millis(invocation.invokeMillis()) + "; log " + rie.log());
        invocation.reportLines().forEach(line -> out.accept("   " + line.replace('\t', ' ').strip()));
        out.accept("   answer: " + abbreviate(invocation.body()));
    }

    /** The function answered without an error (RIE's HTTP 200 carries function errors too). */
    private boolean answered(Invocation invocation) {
        Optional<String> error = invocation.error();
        check(error.isEmpty() && invocation.json() != null, "answered without a function error"
                + error.map(e -> ": " + e).orElse(""));
        return error.isEmpty() && invocation.json() != null;
    }

    private void check(boolean ok, String what) {
        if (ok) {
            passed++;
        } else {
            failed++;
        }
        out.accept("   " + (ok ? "PASS " : "FAIL ") + what);
    }

    private String event(LocalFunction function) {
        try {
            return Files.readString(function.event(runner.stack().root()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A duration for the log: whole milliseconds, or - when not reported. */
    public static String millis(java.util.OptionalDouble value) {
        return value.isPresent() ? Math.round(value.getAsDouble()) + " ms" : "-";
    }

    static String abbreviate(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() > 400 ? flat.substring(0, 400) + "..." : flat;
    }
}
