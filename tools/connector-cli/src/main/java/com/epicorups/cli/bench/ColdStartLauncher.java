package com.epicorups.cli.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The main of a cold-start child JVM, put on the classpath after a packaged function jar and using nothing but
 * what that jar holds (the JDK, Jackson, the Lambda event classes, the AWS SDK). It plays the Lambda runtime:
 * reads an events/ sample into the handler's input type, then either constructs the handler with its no-arg
 * (Lambda) constructor and calls handleRequest, or, as the baseline, only builds the SDK clients the functions
 * build (DynamoDB, SQS, Secrets Manager, and S3 for the creator) and returns. It prints
 * {@code COLD_START_DONE_NANOS=<System.nanoTime()>} when the handler has returned: the parent took the same
 * monotonic clock just before starting the process.
 *
 * <p>{@code java -cp FUNCTION.jar:DIR com.epicorups.cli.bench.ColdStartLauncher handler|baseline CLASS EVENT.json}
 */
public final class ColdStartLauncher {
    public static final String DONE = "COLD_START_DONE_NANOS=";
    /** When the handler was constructed (Lambda's init phase done), on the same clock as {@link #DONE}. */
    public static final String INIT_DONE = "COLD_START_INIT_DONE_NANOS=";

    private ColdStartLauncher() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String handlerClass = args[1];
        JsonNode json = new ObjectMapper().readTree(Files.readString(Path.of(args[2])));
        Object event = event(json);
        Object output;
        if (mode.startsWith("snapshot-check")) {
            Object handler = Class.forName(handlerClass).getConstructor().newInstance();
            if (mode.equals("snapshot-check-after-invoke")) {
                // The check's own control: after an invocation the clients hold secrets and tokens, and it must say so.
                ((RequestHandler) handler).handleRequest(event, null);
            }
            List<String> probes = List.of(System.getenv().getOrDefault("BENCH_SNAPSHOT_PROBES", "").split(","));
            int[] visited = new int[1];
            List<String> found = new ArrayList<>();
            java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            walk(handler, probes, seen, found, visited, 0);
            // The composition root the no-arg constructor went through is held statically: walk it too.
            walk(Class.forName("com.epicorups.app.Runtime").getMethod("current").invoke(null), probes, seen, found,
                    visited, 0);
            System.out.println("SNAPSHOT_OBJECTS=" + visited[0]);
            System.out.println("SNAPSHOT_FOUND=" + found.size() + " " + found);
            System.out.flush();
            System.exit(0);
        }
        if (mode.equals("handler")) {
            RequestHandler handler = (RequestHandler) Class.forName(handlerClass).getConstructor().newInstance();
            System.out.println(INIT_DONE + System.nanoTime());
            output = handler.handleRequest(event, null);
        } else {
            output = baseline(handlerClass);
        }
        long done = System.nanoTime();
        System.out.println(DONE + done);
        System.out.println("COLD_START_OUTPUT=" + String.valueOf(output).replace('\n', ' '));
        System.out.flush();
        System.exit(0);
    }

    /**
     * What a SnapStart snapshot would hold after init: the handler's object graph once constructed. Reports every
     * string that contains a secret value or looks like an issued token (the sandboxes' tokens start "eyJ").
     */
    private static void walk(Object o, List<String> probes, java.util.Set<Object> seen, List<String> found,
                             int[] visited, int depth) {
        if (o == null || depth > 60 || visited[0] > 500_000 || !seen.add(o)) {
            return;
        }
        visited[0]++;
        if (o instanceof String s) {
            for (String probe : probes) {
                if (!probe.isBlank() && s.contains(probe)) {
                    found.add("secret value at depth " + depth);
                }
            }
            if (s.startsWith("eyJ")) {
                found.add("token-like string at depth " + depth);
            }
            return;
        }
        Class<?> type = o.getClass();
        if (type.isArray()) {
            if (!type.getComponentType().isPrimitive()) {
                for (Object e : (Object[]) o) {
                    walk(e, probes, seen, found, visited, depth + 1);
                }
            }
            return;
        }
        if (o instanceof java.util.Map<?, ?> m) {
            try {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    walk(e.getKey(), probes, seen, found, visited, depth + 1);
                    walk(e.getValue(), probes, seen, found, visited, depth + 1);
                }
            } catch (RuntimeException ignored) {
                // a concurrent or lazy map: skip
            }
            return;
        }
        if (o instanceof java.util.Collection<?> c) {
            try {
                for (Object e : c) {
                    walk(e, probes, seen, found, visited, depth + 1);
                }
            } catch (RuntimeException ignored) {
                // skip
            }
            return;
        }
        if (o instanceof java.util.Optional<?> opt) {
            walk(opt.orElse(null), probes, seen, found, visited, depth + 1);
            return;
        }
        if (o instanceof java.util.concurrent.atomic.AtomicReference<?> ref) {
            walk(ref.get(), probes, seen, found, visited, depth + 1);
            return;
        }
        if (type.getName().startsWith("java.") || type.getName().startsWith("javax.")
                || type.getName().startsWith("jdk.") || type.getName().startsWith("sun.")) {
            return;
        }
        for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
            for (java.lang.reflect.Field field : t.getDeclaredFields()) {
                if (field.getType().isPrimitive() || java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    walk(field.get(o), probes, seen, found, visited, depth + 1);
                } catch (RuntimeException | IllegalAccessException ignored) {
                    // not accessible: skip
                }
            }
        }
    }

    /** Builds the SDK clients as AwsParts does (url-connection client, region and endpoint from the environment). */
    private static Object baseline(String handlerClass) {
        Map<String, String> env = System.getenv();
        String endpoint = env.get("AWS_ENDPOINT_URL");
        String sqsEndpoint = env.getOrDefault("AWS_ENDPOINT_URL_SQS", endpoint);
        Region region = Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
        software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(region);
        software.amazon.awssdk.services.sqs.SqsClientBuilder sqs = SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(region);
        software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder secrets = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create()).region(region);
        if (endpoint != null) {
            dynamo.endpointOverride(URI.create(endpoint));
            secrets.endpointOverride(URI.create(endpoint));
        }
        if (sqsEndpoint != null) {
            sqs.endpointOverride(URI.create(sqsEndpoint));
        }
        List<Object> clients = new ArrayList<>(List.of(dynamo.build(), sqs.build(), secrets.build()));
        if (handlerClass.endsWith("ShipmentCreatorHandler")) {
            clients.add(s3(region, endpoint));
        }
        return "baseline: " + clients.size() + " SDK clients";
    }

    private static Object s3(Region region, String endpoint) {
        try {
            // Only the creator's jar has S3; reflection keeps this class loadable from the other jars.
            Class<?> s3 = Class.forName("software.amazon.awssdk.services.s3.S3Client");
            Object builder = s3.getMethod("builder").invoke(null);
            Class<?> builderType = Class.forName("software.amazon.awssdk.services.s3.S3ClientBuilder");
            builderType.getMethod("httpClient", software.amazon.awssdk.http.SdkHttpClient.class)
                    .invoke(builder, UrlConnectionHttpClient.create());
            builderType.getMethod("region", Region.class).invoke(builder, region);
            if (endpoint != null) {
                builderType.getMethod("endpointOverride", URI.class).invoke(builder, URI.create(endpoint));
            }
            return builderType.getMethod("build").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build the S3 client: " + e, e);
        }
    }

    /** The events/ sample as the runtime would hand it over: an SQS, API Gateway or scheduled event. */
    static Object event(JsonNode json) {
        if (json.has("Records")) {
            SQSEvent event = new SQSEvent();
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            for (JsonNode r : json.get("Records")) {
                SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
                m.setMessageId(r.path("messageId").asText());
                m.setReceiptHandle(r.path("receiptHandle").asText());
                m.setBody(r.path("body").asText());
                m.setMd5OfBody(r.path("md5OfBody").asText(null));
                m.setAttributes(strings(r.path("attributes")));
                m.setMessageAttributes(new LinkedHashMap<>());
                m.setEventSource(r.path("eventSource").asText());
                m.setEventSourceArn(r.path("eventSourceARN").asText());
                m.setAwsRegion(r.path("awsRegion").asText());
                records.add(m);
            }
            event.setRecords(records);
            return event;
        }
        if (json.has("httpMethod")) {
            APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
            event.setResource(json.path("resource").asText(null));
            event.setPath(json.path("path").asText(null));
            event.setHttpMethod(json.path("httpMethod").asText());
            event.setHeaders(strings(json.path("headers")));
            Map<String, List<String>> multi = new LinkedHashMap<>();
            json.path("multiValueHeaders").fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asText()));
                multi.put(e.getKey(), values);
            });
            event.setMultiValueHeaders(multi);
            event.setBody(json.path("body").asText(null));
            event.setIsBase64Encoded(json.path("isBase64Encoded").asBoolean(false));
            APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
            context.setRequestId(json.path("requestContext").path("requestId").asText(null));
            context.setStage(json.path("requestContext").path("stage").asText(null));
            context.setPath(json.path("requestContext").path("path").asText(null));
            context.setHttpMethod(json.path("requestContext").path("httpMethod").asText(null));
            event.setRequestContext(context);
            return event;
        }
        ScheduledEvent event = new ScheduledEvent();
        event.setId(json.path("id").asText());
        event.setDetailType(json.path("detail-type").asText());
        event.setSource(json.path("source").asText());
        event.setAccount(json.path("account").asText());
        event.setRegion(json.path("region").asText());
        List<String> resources = new ArrayList<>();
        json.path("resources").forEach(r -> resources.add(r.asText()));
        event.setResources(resources);
        event.setDetail(new LinkedHashMap<>());
        return event;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
