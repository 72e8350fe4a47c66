package com.epicorups.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.LogConfig;
import com.epicorups.logging.LogLevel;
import com.epicorups.sandbox.ups.Operation;
import com.epicorups.sandbox.ups.Status;
import com.epicorups.sandbox.ups.TrackAlert;
import com.epicorups.store.ShipmentRecord;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Runs the whole flow, faults included, while capturing everything the connector writes (its JSON logger,
 * stdout, stderr, java.util.logging) and then reads every audit item, every ledger item and every message
 * left in a queue or DLQ: none may contain a secret (Epicor password and API key, the Basic header made of
 * them, the UPS client secret, the webhook credential, API key and bearer token), a UPS access token the
 * sandbox issued, or a label.
 */
class SecretsNeverLeakTest {

    @Test
    void noSecretTokenOrLabelInLogsAuditStateOrQueues() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        LogConfig originalLog = JsonLogger.config();
        Logger root = Logger.getLogger("");
        StringBuilder julLines = new StringBuilder();
        Handler jul = new Handler() {
            final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public synchronized void publish(LogRecord record) {
                julLines.append(formatter.format(record));
            }

            @Override public void flush() { }
            @Override public void close() { }
        };
        List<String> jsonLogLines = java.util.Collections.synchronizedList(new ArrayList<>());
        System.setOut(new PrintStream(tee(captured, originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(tee(captured, originalErr), true, StandardCharsets.UTF_8));
        root.addHandler(jul);
        JsonLogger.configure(new LogConfig(LogLevel.DEBUG, "epicor-ups-connector", jsonLogLines::add, Clock.systemUTC()));

        List<String> labels = new ArrayList<>();
        Map<String, String> where = new LinkedHashMap<>();
        try (ConnectorWorld world = new ConnectorWorld()) {
            List<String> upsTokens = new ArrayList<>(runEverything(world));

            // Tokens the sandbox issued, from the token cache (the connector stores them there, where they belong):
            // those replaced after the revocation were read before it.
            upsTokens.addAll(tokens(world));
            assertThat(new java.util.HashSet<>(upsTokens)).as("the run used UPS tokens, renewed after revocation")
                    .hasSizeGreaterThan(tokens(world).size());
            for (Map.Entry<String, ShipmentRecord> e : Fixtures.ledger(world).entrySet()) {
                for (String tn : e.getValue().trackingNumbers()) {
                    world.ups.shipments().label(tn).ifPresent(bytes -> labels.add(Base64.getEncoder().encodeToString(bytes)));
                }
            }
            assertThat(labels).as("labels were made").isNotEmpty();

            List<String> secrets = new ArrayList<>(ConnectorWorld.SECRET_VALUES);
            secrets.add(Base64.getEncoder().encodeToString((ConnectorWorld.EPICOR_USER + ":"
                    + ConnectorWorld.EPICOR_PASSWORD).getBytes(StandardCharsets.UTF_8)));
            secrets.add(Base64.getEncoder().encodeToString((ConnectorWorld.UPS_CLIENT_ID + ":"
                    + ConnectorWorld.UPS_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
            secrets.addAll(upsTokens);

            where.put("stdout/stderr", captured.toString(StandardCharsets.UTF_8));
            where.put("json log", String.join("\n", jsonLogLines));
            where.put("java.util.logging", julLines.toString());
            where.put("audit table", items(world.scan(world.resources.auditTable())));
            where.put("shipments table", items(world.scan(world.resources.shipmentsTable())));
            for (String queue : List.of("ShipmentRequestsQueue", "ShipmentRequestsDLQ", "TrackingUpdatesQueue",
                    "TrackingUpdatesDLQ")) {
                where.put(queue, messages(world.peek(world.resources.queueUrl(queue))));
            }
            System.setOut(originalOut);
            System.setErr(originalErr);
            System.out.println("secrets scan: " + where.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().length() + " chars").toList() + ", "
                    + secrets.size() + " secret values, " + upsTokens.size() + " UPS tokens, " + labels.size()
                    + " labels");
            assertThat(where.get("audit table")).as("the audit trail was scanned").contains("SHIPMENT_CREATE");
            assertThat(where.get("json log") + where.get("stdout/stderr")).as("logs were captured").isNotBlank();

            for (Map.Entry<String, String> place : where.entrySet()) {
                for (String secret : secrets) {
                    assertThat(place.getValue()).as("a secret in " + place.getKey()).doesNotContain(secret);
                }
                for (String label : labels) {
                    // Any 60-character piece of a label's base64 would be (part of) the label itself.
                    assertThat(place.getValue()).as("a label in " + place.getKey())
                            .doesNotContain(label.substring(0, Math.min(60, label.length())))
                            .doesNotContain(label.substring(Math.max(0, label.length() / 2 - 30), label.length() / 2 + 30));
                }
            }
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            root.removeHandler(jul);
            JsonLogger.configure(originalLog);
        }
    }

    /** Poll, create (one UPS 429, one bad address), write (one Epicor outage), tracking by QV and webhook, renew. */
    private static List<String> runEverything(ConnectorWorld world) {
        world.poll();
        world.ups.faults().tooManyRequests(Operation.SHIP, 2);
        world.ups.addresses().noCandidatesMarker("350 5TH AVE");
        world.drainShipmentRequests();
        world.epicor.faults().serverError(5);
        world.drainTrackingUpdates();
        world.renewSubscriptions();
        List<String> shipped = Fixtures.shipped(Fixtures.ledger(world));
        Map<String, ShipmentRecord> ledger = Fixtures.ledger(world);
        for (int i = 0; i < shipped.size(); i += 3) {
            String tn = ledger.get(shipped.get(i)).trackingNumbers().get(0);
            world.ups.shipments().advance(tn, Status.IN_TRANSIT);
            world.ups.shipments().advance(tn, Status.DELIVERED);
        }
        // A forged delivery with a wrong credential is refused, and the refusal must not echo what it got.
        int refused = world.ups.trackAlert().deliver(world.webhook.url(),
                TrackAlert.v2Headers("forged-" + ConnectorWorld.WEBHOOK_BEARER, ConnectorWorld.WEBHOOK_API_KEY),
                world.ups.trackAlert().eventPayload(ledger.get(shipped.get(0)).trackingNumbers().get(0), Status.DELIVERED));
        assertThat(refused).isEqualTo(401);
        world.pollQuantumView();
        world.drainTrackingUpdates();
        List<String> before = tokens(world);
        world.ups.revokeTokens();
        world.pollQuantumView();
        return before;
    }

    private static List<String> tokens(ConnectorWorld world) {
        return world.scan(world.resources.tokenCacheTable()).stream()
                .map(i -> Fixtures.s(i, "accessToken")).filter(t -> t != null && !t.isBlank()).toList();
    }

    private static String items(List<Map<String, AttributeValue>> items) {
        StringBuilder sb = new StringBuilder();
        items.forEach(i -> sb.append(i).append('\n'));
        return sb.toString();
    }

    private static String messages(List<Message> messages) {
        StringBuilder sb = new StringBuilder();
        messages.forEach(m -> sb.append(m.body()).append(' ').append(m.messageAttributes()).append('\n'));
        return sb.toString();
    }

    private static OutputStream tee(OutputStream a, OutputStream b) {
        return new OutputStream() {
            @Override
            public synchronized void write(int x) throws java.io.IOException {
                a.write(x);
                b.write(x);
            }

            @Override
            public synchronized void write(byte[] bytes, int off, int len) throws java.io.IOException {
                a.write(bytes, off, len);
                b.write(bytes, off, len);
            }
        };
    }
}
