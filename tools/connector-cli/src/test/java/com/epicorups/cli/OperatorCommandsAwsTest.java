package com.epicorups.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.app.ConnectorAssembly;
import com.epicorups.cli.aws.AwsConnection;
import com.epicorups.cli.local.LocalConfig;
import com.epicorups.cli.local.QueueDrainer;
import com.epicorups.core.Json;
import com.epicorups.function.orderpoller.OrderPollerHandler;
import com.epicorups.function.shipmentcreator.ShipmentCreatorHandler;
import com.epicorups.function.trackingwriter.TrackingWriterHandler;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.sandbox.epicor.EpicorSandbox;
import com.epicorups.sandbox.ups.UpsSandbox;
import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.testing.aws.ProvisionedResources;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The operator commands against a deployment on the AWS emulators (moto for DynamoDB, Secrets Manager and S3;
 * ElasticMQ for SQS) with template.yaml's resources: the real handlers first ship the small dataset through the
 * Dynamo stores and SQS queues, then status, trace and replay read and act on what they left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorCommandsAwsTest {
    static EpicorSandbox epicor;
    static UpsSandbox ups;
    static ProvisionedResources resources;
    static Map<String, String> env;
    static AwsConnection connection;

    @BeforeAll
    static void shipTheSmallDatasetOnTheEmulators() throws Exception {
        AwsEmulator aws = AwsEmulator.get();
        resources = aws.provision();
        Path dataset = Path.of(OperatorCommandsAwsTest.class.getResource("/local-run/small-dataset.json").toURI());
        epicor = EpicorSandbox.builder().dataset(EpicorDataset.load(dataset)).apiKey("k").user("integration", "pw")
                .build().start();
        ups = UpsSandbox.builder().client("cid", "csecret").shipperNumber("CH1A2B").build().start();
        try (SecretsManagerClient secrets = aws.secretsManagerBuilder().build()) {
            put(secrets, resources.epicorSecretId(), Json.mapper().createObjectNode().put("baseUrl", epicor.rootUrl())
                    .put("company", "EPIC06").put("apiKey", "k").put("authMode", "BASIC")
                    .put("username", "integration").put("password", "pw"));
            put(secrets, resources.upsSecretId(), Json.mapper().createObjectNode().put("baseUrl", ups.baseUrl())
                    .put("clientId", "cid").put("clientSecret", "csecret"));
            put(secrets, resources.webhookSecretId(), Json.mapper().createObjectNode().put("apiKey", "cid")
                    .put("credential", "c"));
        }
        ObjectNode settings = LocalConfig.defaultSettings();
        env = new HashMap<>(resources.environment());
        env.put("CONNECTOR_SETTINGS", settings.toString());
        connection = AwsConnection.fromEnvironment(env);
        ConnectorAssembly assembly = new ConnectorAssembly(connection.parts());

        ScheduledEvent tick = new ScheduledEvent();
        tick.setId("test-poll");
        new OrderPollerHandler(assembly.orderPolling()).handleRequest(tick, null);
        var shipping = new QueueDrainer(connection.sqs(), "shipment-requests", resources.shipmentRequestsQueueUrl(),
                resources.queueArn("ShipmentRequestsQueue"),
                new ShipmentCreatorHandler(assembly.shipmentCreation(), assembly.shipmentRequestsBatch()))
                .drain(Duration.ofSeconds(60));
        assertThat(shipping.deleted()).as("3 shipped, 1 ship-to country that is not ISO 3166 and 1 part without weight dead-lettered").isEqualTo(5);
        new QueueDrainer(connection.sqs(), "tracking-updates", resources.trackingUpdatesQueueUrl(),
                resources.queueArn("TrackingUpdatesQueue"),
                new TrackingWriterHandler(assembly.trackingWriting(), assembly.trackingUpdatesBatch()))
                .drain(Duration.ofSeconds(60));
        assertThat(ups.shipments().count()).isEqualTo(3);
        AwsTargetOptions.environmentOverride = env;
    }

    private static void put(SecretsManagerClient secrets, String id, ObjectNode value) {
        secrets.putSecretValue(r -> r.secretId(id).secretString(value.toString()));
    }

    @AfterAll
    static void stop() {
        AwsTargetOptions.environmentOverride = null;
        if (connection != null) {
            connection.close();
        }
        if (ups != null) {
            ups.close();
        }
        if (epicor != null) {
            epicor.close();
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        var cli = ConnectorCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString());
    }

    record Result(int exit, String out) {
    }

    @Test
    @Order(1)
    void statusShowsTheDeadLetterTodaysFailureAndTheTokenBudget() {
        Result r = run("status");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("shipment-requests-dlq\\s+2\\s+0")
                .containsPattern("shipment-requests\\s+0\\s+0")
                .contains("INVALID_COUNTRY_CODE").contains("NO_WEIGHT")
                .contains("UPS token requests today: 1 of a daily budget of 200");
    }

    @Test
    @Order(2)
    void traceOfAReleaseShowsItsTimelineAndLedgerState() {
        Result r = run("trace", "EPIC06#5001#1#1");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("EPIC06#5001#1#1  WRITTEN [1Z").contains("SHIPMENT_CREATE")
                .contains("EPICOR_WRITE");
        assertThat(r.out().indexOf("SHIPMENT_CREATE")).isLessThan(r.out().lastIndexOf("EPICOR_WRITE"));
    }

    @Test
    @Order(3)
    void traceOfAnOrderFindsReleasesInTheLedgerAndOnlyInTheAudit() {
        Result failed = run("trace", "5020");
        assertThat(failed.out()).contains("EPIC06#5020#1#1").contains("INVALID_COUNTRY_CODE");
        Result skipped = run("trace", "EPIC06#5008");
        assertThat(skipped.exit()).as(skipped.out()).isZero();
        assertThat(skipped.out()).contains("EPIC06#5008#1#1  not in the ledger").contains("ZERO_QUANTITY")
                .contains("EPIC06#5008#1#2").contains("NO_WEIGHT").doesNotContain("EPIC06#5001#");
        assertThat(run("trace", "9999").exit()).isEqualTo(4);
    }

    @Test
    @Order(4)
    void replayFromTheAuditTrailReenqueuesOnceUnlessForced() {
        Result first = run("replay", "--release", "EPIC06#5020#1#1");
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("Re-enqueued 1 failed work item(s)").contains("EPIC06#5020#1#1");
        Result again = run("replay", "--release", "EPIC06#5020#1#1");
        assertThat(again.out()).contains("Re-enqueued 0").contains("already replayed");
        assertThat(run("replay", "--release", "EPIC06#5020#1#1", "--force").out()).contains("Re-enqueued 1");
        try (var deployment = new AwsTargetOptions().connect()) {
            assertThat(deployment.queues().depth(resources.shipmentRequestsQueueUrl()).visible()).isEqualTo(2);
        }
    }

    @Test
    @Order(5)
    void replayOfTheDlqMovesItsMessageBackToTheQueue() throws InterruptedException {
        Result r = run("replay", "--dlq", "shipment-requests");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("task handle:").contains("aws sqs start-message-move-task --source-arn "
                + resources.queueArn("ShipmentRequestsDLQ"));
        try (var deployment = new AwsTargetOptions().connect()) {
            var queues = deployment.queues();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (queues.depth(resources.shipmentRequestsDlqUrl()).visible() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(queues.depth(resources.shipmentRequestsDlqUrl()).visible()).isZero();
            assertThat(queues.depth(resources.shipmentRequestsQueueUrl()).visible())
                    .as("2 re-enqueued from the audit trail + 2 moved from the DLQ").isEqualTo(4);
        }
        assertThat(run("replay", "--dlq", "nowhere").exit()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void pingReportsEachCheckAndTheFailingOne() {
        Result ok = run("ping");
        assertThat(ok.exit()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("OK").contains("Epicor").contains("UPS");
        epicor.faults().failNextWith401(5);
        Result failing = run("ping");
        assertThat(failing.exit()).isEqualTo(3);
        assertThat(failing.out()).contains("FAILED").contains("Epicor");
        epicor.faults().reset();
    }

    /** A Track Alert event the webhook kept in the label bucket while SQS and DynamoDB were failing (issue 17). */
    @Test
    @Order(7)
    void replayOfAKeptWebhookEventAuditsItAndSendsItToTrackingUpdates() {
        String update = "{\"eventId\":\"ta:1Z12345E0205271686:kept\",\"source\":\"TRACK_ALERT\","
                + "\"trackingNumbers\":[\"1Z12345E0205271686\"],\"status\":\"DELIVERED\"}";
        ObjectNode kept = Json.mapper().createObjectNode().put("subject", "1Z12345E0205271686")
                .put("at", "2026-12-07T10:00:00Z").put("operation", "WEBHOOK_RECEIVED").put("reasonCode", "ENQUEUE_FAILED")
                .put("message", "Track Alert event could not be enqueued").put("replayMessage", update);
        kept.putObject("details").put("replayQueue", "tracking-updates").put("eventId", "ta:1Z12345E0205271686:kept");
        String location = connection.parts().labels().keepEvent("2026/12/07/kept-1.json", kept.toString());
        int before;
        try (var deployment = new AwsTargetOptions().connect()) {
            before = deployment.queues().depth(resources.trackingUpdatesQueueUrl()).visible();
        }

        Result replayed = run("replay", "--kept", location);

        assertThat(replayed.exit()).as(replayed.out()).isZero();
        assertThat(replayed.out()).contains("Re-enqueued 1").contains("1Z12345E0205271686");
        try (var deployment = new AwsTargetOptions().connect()) {
            assertThat(deployment.queues().depth(resources.trackingUpdatesQueueUrl()).visible()).isEqualTo(before + 1);
        }
        assertThat(connection.parts().auditLog().forSubject("1Z12345E0205271686"))
                .extracting(e -> e.operation() + " " + e.outcome() + " " + e.reasonCode())
                .containsExactlyInAnyOrder("WEBHOOK_RECEIVED FAILED ENQUEUE_FAILED", "REPLAY SUCCESS ENQUEUE_FAILED");
        assertThat(run("replay", "--kept", "s3://another-bucket/webhook-events/x.json").exit()).isEqualTo(1);
    }
}
