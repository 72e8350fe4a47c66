package com.epicorups.e2e;

import com.epicorups.testing.MutableClock;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.epicorups.app.AwsParts;
import com.epicorups.app.ConnectorAssembly;
import com.epicorups.app.ConnectorParts;
import com.epicorups.app.Runtime;
import com.epicorups.function.orderpoller.OrderPollerHandler;
import com.epicorups.function.quantumview.QuantumViewPollerHandler;
import com.epicorups.function.renewer.SubscriptionRenewerHandler;
import com.epicorups.function.shipmentcreator.ShipmentCreatorHandler;
import com.epicorups.function.trackingwriter.TrackingWriterHandler;
import com.epicorups.function.webhook.TrackAlertWebhookHandler;
import com.epicorups.sandbox.epicor.ChildSetFilter;
import com.epicorups.sandbox.epicor.EpicorDataset;
import com.epicorups.sandbox.epicor.EpicorSandbox;
import com.epicorups.sandbox.ups.UpsSandbox;
import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.testing.aws.ProvisionedResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The whole product on one machine: every resource of template.yaml on the AWS emulator (fresh names), the
 * three secrets in Secrets Manager, an Epicor sandbox with the sample data, a UPS sandbox with the three
 * warehouses' accounts, and the composition root Lambda uses ({@link AwsParts#fromEnvironment}) installed with
 * {@link Runtime#install}, so every handler is built by its no-arg (Lambda) constructor.
 *
 * <p>The only deviation from the Lambda wiring is the connector's clock: a {@link MutableClock} (real time
 * plus an offset) so a test can let a claim lease (240 s minimum) or a subscription window pass without
 * sleeping.
 */
final class ConnectorWorld implements AutoCloseable {
    static final String COMPANY = "EPIC06";
    static final String EPICOR_API_KEY = "e2e-epicor-api-key-7Q2mW4";
    static final String EPICOR_USER = "svc-ups-connector";
    static final String EPICOR_PASSWORD = "e2e-epicor-password-Zx81pR";
    static final String UPS_CLIENT_ID = "e2e-ups-client-id";
    static final String UPS_CLIENT_SECRET = "e2e-ups-client-secret-Hk29vN";
    static final String WEBHOOK_CREDENTIAL = "e2e-webhook-credential-Vb55tY";
    static final String WEBHOOK_API_KEY = "e2e-webhook-api-key-Qp03sD";
    static final String WEBHOOK_BEARER = "e2e-webhook-bearer-Lm77gF";
    static final String CHI_ACCOUNT = "C1H2I3";
    static final String ATL_ACCOUNT = "A7T8L9";
    static final String RNO_ACCOUNT = "R4N5O6";
    static final String QV_SUBSCRIPTION = "OutboundShipments";

    static final List<String> SECRET_VALUES = List.of(EPICOR_API_KEY, EPICOR_PASSWORD, UPS_CLIENT_SECRET,
            WEBHOOK_CREDENTIAL, WEBHOOK_API_KEY, WEBHOOK_BEARER);

    final AwsEmulator aws = AwsEmulator.get();
    final ProvisionedResources resources;
    final EpicorSandbox epicor;
    final UpsSandbox ups;
    final MutableClock clock = MutableClock.followingSystemTime();
    final ConnectorAssembly assembly;
    final WebhookRelay webhook;
    final SqsEventSource shipmentRequests;
    final SqsEventSource trackingUpdates;
    final Map<String, String> environment;

    ConnectorWorld() {
        this(UnaryOperator.identity());
    }

    /** @param settingsCustomiser changes to CONNECTOR_SETTINGS (e.g. the claim lease) */
    ConnectorWorld(UnaryOperator<String> settingsCustomiser) {
        this(EpicorDataset.sample(), ChildSetFilter.configuredDefault(), settingsCustomiser);
    }

    /** @param dataset what the Epicor sandbox holds (the sample data unless a test brings its own) */
    ConnectorWorld(EpicorDataset dataset, UnaryOperator<String> settingsCustomiser) {
        this(dataset, ChildSetFilter.configuredDefault(), settingsCustomiser);
    }

    /**
     * @param dataset   the Epicor sandbox's data (the sample, or a variant of it: Fixtures)
     * @param childSets how the Epicor sandbox answers a $filter on a child set (the default binds it to the parent)
     */
    ConnectorWorld(EpicorDataset dataset, ChildSetFilter childSets, UnaryOperator<String> settingsCustomiser) {
        // Lambda gets credentials from its role; the SDK's default chain reads these first.
        System.setProperty("aws.accessKeyId", AwsEmulator.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", AwsEmulator.SECRET_ACCESS_KEY);
        resources = aws.provision();
        epicor = EpicorSandbox.builder().dataset(dataset).company(COMPANY).apiKey(EPICOR_API_KEY)
                .user(EPICOR_USER, EPICOR_PASSWORD).childSetFilter(childSets).build().start();
        ups = UpsSandbox.builder().client(UPS_CLIENT_ID, UPS_CLIENT_SECRET)
                .shipperNumber(CHI_ACCOUNT).shipperNumber(ATL_ACCOUNT).shipperNumber(RNO_ACCOUNT)
                .tokenLifetime(Duration.ofHours(1)).dailyTokenQuota(250).latency(Duration.ZERO)
                .build().start().validateResponses(true);
        ups.quantumView().subscriptionName(QV_SUBSCRIPTION);
        try {
            webhook = new WebhookRelay(TrackAlertWebhookHandler::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ups.trackAlert().webhookV2(webhook.url(), WEBHOOK_BEARER, WEBHOOK_API_KEY);

        putSecret(resources.epicorSecretId(), """
                {"baseUrl":"%s","company":"%s","apiKey":"%s","authMode":"BASIC","username":"%s","password":"%s",\
                "plant":"MfgSys"}""".formatted(epicor.rootUrl(), COMPANY, EPICOR_API_KEY, EPICOR_USER, EPICOR_PASSWORD));
        putSecret(resources.upsSecretId(), """
                {"baseUrl":"%s","clientId":"%s","clientSecret":"%s"}""".formatted(ups.baseUrl(), UPS_CLIENT_ID,
                UPS_CLIENT_SECRET));
        putSecret(resources.webhookSecretId(), """
                {"credential":"%s","apiKey":"%s","bearerTokens":["%s"]}""".formatted(WEBHOOK_CREDENTIAL,
                WEBHOOK_API_KEY, WEBHOOK_BEARER));

        environment = new LinkedHashMap<>(resources.environment());
        environment.put("CONNECTOR_SETTINGS", settingsCustomiser.apply(settings()));
        environment.put("POWERTOOLS_SERVICE_NAME", "epicor-ups-connector");
        environment.put("LOG_LEVEL", "INFO");
        ConnectorParts lambda = AwsParts.fromEnvironment(environment);
        assembly = new ConnectorAssembly(withClock(lambda));
        Runtime.install(assembly);

        shipmentRequests = new SqsEventSource(aws.sqs(), resources.shipmentRequestsQueueUrl(),
                resources.queueArn("ShipmentRequestsQueue"), 10);
        trackingUpdates = new SqsEventSource(aws.sqs(), resources.trackingUpdatesQueueUrl(),
                resources.queueArn("TrackingUpdatesQueue"), 10);
    }

    /**
     * CONNECTOR_SETTINGS as an operator would write it for the sample company: three UPS warehouses with
     * their accounts, the ShipVia map, ZPL labels, Track Alert v2, the Quantum View subscription; retries
     * tuned short so the test does not wait on backoff; timeouts generous (60 s) so a busy machine does not time a
     * call out (a test whose subject is a timeout sets its own).
     */
    static String settings() {
        return """
                {"epicor":{"pageSize":20,"readTimeoutSeconds":60,"maxAttempts":2,"backoffBaseMillis":5,\
                "backoffMaxMillis":20},\
                "ups":{"warehouses":{\
                "CHI":{"shipperName":"ACME DISTRIBUTION CHICAGO","attentionName":"SHIPPING DESK",\
                "accountNumber":"%s","merchantId":"%s","phone":"312-555-0140",\
                "address":{"lines":["2400 W 35TH ST","DOCK 4"],"city":"CHICAGO","stateProvince":"IL",\
                "postalCode":"60609","countryCode":"US"}},\
                "ATL":{"shipperName":"ACME DISTRIBUTION ATLANTA","attentionName":"SHIPPING DESK",\
                "accountNumber":"%s","merchantId":"%s","phone":"404-555-0177",\
                "address":{"lines":["100 WAREHOUSE PKWY"],"city":"ATLANTA","stateProvince":"GA",\
                "postalCode":"30336","countryCode":"US"}},\
                "RNO":{"shipperName":"ACME DISTRIBUTION RENO","attentionName":"RECEIVING",\
                "accountNumber":"%s","merchantId":"%s","phone":"775-555-0101",\
                "address":{"lines":["4850 MILL ST"],"city":"RENO","stateProvince":"NV",\
                "postalCode":"89502","countryCode":"US"}}},\
                "serviceMap":{"UPSG":"03","UP2D":"02","UPSN":"01",\
                "UPSS":{"canada":"11","mexico":"11","international":"65"},"UPSX":"07"},\
                "defaultServiceCode":"03","unmappedShipVia":"REFUSE","labelFormat":"ZPL","trackAlertVersion":"V2",\
                "quantumViewSubscription":"%s",\
                "timeouts":{"connectMillis":10000,"requestMillis":60000,"shipMillis":60000},\
                "customs":{"usdRates":{"EUR":1.08,"GBP":1.27,"CAD":0.73,"MXN":0.055}}},\
                "pipeline":{"claimLeaseSeconds":240,"batchConcurrency":5,"retryBaseSeconds":1,"retryMaxSeconds":2}}"""
                .formatted(CHI_ACCOUNT, CHI_ACCOUNT, ATL_ACCOUNT, ATL_ACCOUNT, RNO_ACCOUNT, RNO_ACCOUNT,
                        QV_SUBSCRIPTION);
    }

    private ConnectorParts withClock(ConnectorParts p) {
        return new ConnectorParts(p.settings(), p.epicorSecret(), p.upsSecret(), p.webhookSecret(), p.tokenCache(),
                p.ledger(), p.checkpoints(), p.auditLog(), p.processedEvents(), p.labels(), p.shipmentRequests(),
                p.shipmentRequestsDlq(), p.trackingUpdates(), p.trackingUpdatesDlq(),
                p.shipmentRequestsVisibility(), p.trackingUpdatesVisibility(), clock, p.maxReceiveCount());
    }

    private void putSecret(String id, String json) {
        aws.secretsManager().putSecretValue(r -> r.secretId(id).secretString(json));
    }

    // ------------------------------------------------------------------ invoking the functions

    static ScheduledEvent schedule(String ruleName) {
        return new ScheduledEvent().withId(UUID.randomUUID().toString()).withDetailType("Scheduled Event")
                .withSource("aws.events").withAccount("000000000000").withRegion("us-east-1")
                .withResources(List.of(
                        "arn:aws:events:us-east-1:000000000000:rule/" + ruleName))
                .withDetail(Map.of());
    }

    Map<String, Object> poll() {
        return new OrderPollerHandler().handleRequest(schedule("OrderPollSchedule"), new TestContext("OrderPoller"));
    }

    Map<String, Object> pollQuantumView() {
        return new QuantumViewPollerHandler().handleRequest(schedule("QuantumViewSchedule"),
                new TestContext("QuantumViewPoller"));
    }

    Map<String, Object> renewSubscriptions() {
        return new SubscriptionRenewerHandler().handleRequest(schedule("SubscriptionRenewalSchedule"),
                new TestContext("SubscriptionRenewer"));
    }

    /** Runs the creator over shipment-requests until nothing is visible; failures are redelivered at once. */
    int drainShipmentRequests() {
        return shipmentRequests.drain(new ShipmentCreatorHandler(), true, 200);
    }

    int drainTrackingUpdates() {
        return trackingUpdates.drain(new TrackingWriterHandler(), true, 200);
    }

    // ------------------------------------------------------------------ looking at the state

    List<Map<String, AttributeValue>> ledger() {
        return scan(resources.shipmentsTable()).stream()
                .filter(i -> !i.get("pk").s().startsWith("checkpoint#")).toList();
    }

    Map<String, Map<String, AttributeValue>> ledgerByRelease() {
        Map<String, Map<String, AttributeValue>> byKey = new HashMap<>();
        ledger().forEach(i -> byKey.put(shortKey(i.get("pk").s()), i));
        return byKey;
    }

    List<Map<String, AttributeValue>> audit() {
        return scan(resources.auditTable());
    }

    List<Map<String, AttributeValue>> scan(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        aws.dynamoDb().scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(items::add);
        return items;
    }

    /** Every message now in a queue (received, then made visible again), with attributes. */
    List<Message> peek(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).visibilityTimeout(30).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                break;
            }
            all.addAll(batch);
        }
        for (Message m : all) {
            aws.sqs().changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())
                    .visibilityTimeout(0));
        }
        return all;
    }

    int approximateCount(String queueUrl) {
        Map<String, String> attributes = new HashMap<>();
        aws.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                .attributesAsStrings().forEach(attributes::put);
        return Integer.parseInt(attributes.getOrDefault("ApproximateNumberOfMessages", "0"))
                + Integer.parseInt(attributes.getOrDefault("ApproximateNumberOfMessagesNotVisible", "0"));
    }

    /** Re-enqueues a release's failed work from the audit trail, as the operator CLI's replay does. */
    int replayFromAudit(String shortKey) {
        String[] p = shortKey.split("/");
        String subject = "EPIC06#" + p[0] + "#" + p[1] + "#" + p[2];
        return assembly.auditReplay().replaySubject(subject, false).replayed();
    }

    /** DLQ redrive as an operator does it: StartMessageMoveTask from the DLQ back to its source queue. */
    void redrive(String dlqLogicalId, String sourceLogicalId) {
        String source = resources.queueArn(dlqLogicalId);
        aws.sqs().startMessageMoveTask(r -> r.sourceArn(source).destinationArn(resources.queueArn(sourceLogicalId)));
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            boolean running = aws.sqs().listMessageMoveTasks(r -> r.sourceArn(source)).results().stream()
                    .anyMatch(t -> "RUNNING".equals(t.status()));
            if (!running && approximateCount(resources.queueUrl(dlqLogicalId)) == 0) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("message move task from " + dlqLogicalId + " did not finish");
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** EPIC06#5001#1#1 (or any company#order#line#release) -> 5001/1/1. */
    static String shortKey(String releaseKey) {
        String[] p = releaseKey.split("#");
        return p[p.length - 3] + "/" + p[p.length - 2] + "/" + p[p.length - 1];
    }

    static Map<String, Object> rel(String shortKey) {
        String[] p = shortKey.split("/");
        return Map.of("Company", COMPANY, "OrderNum", Integer.parseInt(p[0]), "OrderLine", Integer.parseInt(p[1]),
                "OrderRelNum", Integer.parseInt(p[2]));
    }

    Map<String, Object> orderRel(String shortKey) {
        return epicor.dataset().find("OrderRels", rel(shortKey)).orElseThrow();
    }

    @Override
    public void close() {
        Runtime.reset();
        webhook.close();
        ups.close();
        epicor.close();
    }
}
