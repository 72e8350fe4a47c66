package com.epicorups.e2e;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.epicorups.function.orderpoller.OrderPollerHandler;
import com.epicorups.function.quantumview.QuantumViewPollerHandler;
import com.epicorups.function.renewer.SubscriptionRenewerHandler;
import com.epicorups.function.shipmentcreator.ShipmentCreatorHandler;
import com.epicorups.function.trackingwriter.TrackingWriterHandler;
import com.epicorups.function.webhook.TrackAlertWebhookHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The main of a child JVM that plays one Lambda container of {@link LogLinesAreMaskedJsonTest}: the process
 * environment is the function's (template.yaml's variables pointing at the parent's emulators and sandboxes),
 * every handler is built by its no-arg (Lambda) constructor through the ServiceLoader composition root, and
 * whatever any class writes to stdout or stderr is the parent's to inspect. What the child has to report (the
 * init failure's type and message, an unexpected failure) goes to a result file, never to stdout.
 *
 * <p>{@code FunctionJvm RESULT_FILE STEP [ARG]}, STEP one of poll, create, write, quantum-view, renew,
 * webhook (ARG: a file of deliveries, one JSON object per line with authorization, apiKey and body), init.
 */
public final class FunctionJvm {
    /** The SLF4J logger name of {@link #echoSecretsLikeALibrary()}'s line. */
    static final String THIRD_PARTY_LOGGER = "com.example.thirdparty.HttpWire";

    private FunctionJvm() {
    }

    public static void main(String[] args) throws Exception {
        Path result = Path.of(args[0]);
        String step = args[1];
        int exit = 0;
        String outcome;
        try {
            outcome = run(step, args.length > 2 ? args[2] : null);
        } catch (Throwable e) {
            outcome = "THREW " + e.getClass().getName() + "\n" + e.getMessage();
            exit = step.equals("init") ? 0 : 1;
        }
        Files.writeString(result, outcome, StandardCharsets.UTF_8);
        System.exit(exit);
    }

    private static String run(String step, String arg) throws Exception {
        Map<String, String> env = System.getenv();
        return switch (step) {
            case "poll" -> String.valueOf(new OrderPollerHandler().handleRequest(ConnectorWorld.schedule("OrderPoll"),
                    new TestContext("OrderPoller")));
            case "create" -> {
                int handled = queue(env, "SHIPMENT_REQUESTS_QUEUE_URL").drain(new ShipmentCreatorHandler(), true, 200);
                echoSecretsLikeALibrary();
                yield "handled " + handled;
            }
            case "write" -> "handled " + queue(env, "TRACKING_UPDATES_QUEUE_URL")
                    .drain(new TrackingWriterHandler(), true, 200);
            case "quantum-view" -> String.valueOf(new QuantumViewPollerHandler()
                    .handleRequest(ConnectorWorld.schedule("QuantumView"), new TestContext("QuantumViewPoller")));
            case "renew" -> String.valueOf(new SubscriptionRenewerHandler()
                    .handleRequest(ConnectorWorld.schedule("Renewal"), new TestContext("SubscriptionRenewer")));
            case "webhook" -> webhook(Path.of(arg));
            case "init" -> "constructed " + new OrderPollerHandler();
            default -> throw new IllegalArgumentException("unknown step " + step);
        };
    }

    /**
     * What a careless library does with a credential it was handed (a wire logger, an exception text), through
     * SLF4J as the AWS SDK logs: the connector's provider must mask every registered value. Runs after the
     * creator read the Epicor and UPS secrets.
     */
    private static void echoSecretsLikeALibrary() {
        String upsBasic = java.util.Base64.getEncoder().encodeToString((ConnectorWorld.UPS_CLIENT_ID + ":"
                + ConnectorWorld.UPS_CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        LoggerFactory.getLogger(THIRD_PARTY_LOGGER).warn("sent x-api-key: {}, Authorization: Basic {}, password={}",
                ConnectorWorld.EPICOR_API_KEY, upsBasic, ConnectorWorld.EPICOR_PASSWORD,
                new IllegalStateException("client_secret=" + ConnectorWorld.UPS_CLIENT_SECRET + " refused"));
    }

    private static SqsEventSource queue(Map<String, String> env, String urlVariable) {
        String endpoint = env.getOrDefault("AWS_ENDPOINT_URL_SQS", env.get("AWS_ENDPOINT_URL"));
        SqsClient sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(env.get("AWS_REGION"))).endpointOverride(URI.create(endpoint)).build();
        String url = env.get(urlVariable);
        String name = url.substring(url.lastIndexOf('/') + 1);
        return new SqsEventSource(sqs, url, "arn:aws:sqs:" + env.get("AWS_REGION") + ":000000000000:" + name, 10);
    }

    /** Each delivery as API Gateway's proxy integration hands it over; returns the status codes answered. */
    private static String webhook(Path deliveries) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Integer> answers = new ArrayList<>();
        TrackAlertWebhookHandler handler = new TrackAlertWebhookHandler();
        for (String line : Files.readAllLines(deliveries)) {
            JsonNode delivery = json.readTree(line);
            Map<String, String> headers = new HashMap<>();
            headers.put("Authorization", delivery.path("authorization").asText());
            headers.put("x-api-key", delivery.path("apiKey").asText());
            headers.put("Content-Type", "application/json");
            headers.put("X-Forwarded-Proto", "https");
            Map<String, List<String>> multi = new HashMap<>();
            headers.forEach((k, v) -> multi.put(k, List.of(v)));
            APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                    .withResource("/ups/track-alert").withPath("/ups/track-alert").withHttpMethod("POST")
                    .withHeaders(headers).withMultiValueHeaders(multi)
                    .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                            .withRequestId(UUID.randomUUID().toString()).withStage("v1").withHttpMethod("POST")
                            .withResourcePath("/ups/track-alert").withPath(WebhookRelay.PATH)
                            .withAccountId("000000000000"))
                    .withBody(delivery.path("body").asText()).withIsBase64Encoded(false);
            answers.add(handler.handleRequest(event, new TestContext("TrackAlertWebhook")).getStatusCode());
        }
        return "answered " + answers;
    }
}
