package com.epicorups.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.epicorups.testing.aws.CloudFormationTemplate;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps template.yaml consistent with the code and with the rules that keep messages from being lost. */
class TemplateTest {
    private static final Pattern CODE_URI = Pattern.compile("functions/([a-z0-9-]+)/target/\\1\\.jar");
    private static final int VISIBILITY_FACTOR = 6;

    private static CloudFormationTemplate template;
    private static Map<String, Map<String, Object>> functions;

    @BeforeAll
    static void load() {
        template = CloudFormationTemplate.ofProject();
        functions = template.resourcesOfType("AWS::Serverless::Function");
    }

    @Test
    void declaresTheSixFunctions() {
        assertThat(functions).containsOnlyKeys("OrderPollerFunction", "ShipmentCreatorFunction",
                "QuantumViewPollerFunction", "TrackAlertWebhookFunction", "TrackingWriterFunction",
                "SubscriptionRenewerFunction");
    }

    @Test
    void everyHandlerIsARequestHandlerOnTheClasspathTakingItsTriggersEvent() {
        List<String> problems = new ArrayList<>();
        functions.forEach((id, fn) -> {
            String handler = (String) props(fn).get("Handler");
            String className = handler == null ? "" : handler.replaceFirst("::.*$", "");
            Class<?> type;
            try {
                type = Class.forName(className);
            } catch (ClassNotFoundException e) {
                problems.add(id + ": handler class " + className + " not found");
                return;
            }
            if (!RequestHandler.class.isAssignableFrom(type)) {
                problems.add(id + ": " + className + " does not implement RequestHandler");
                return;
            }
            if (!handler.endsWith("::handleRequest")) {
                problems.add(id + ": handler " + handler + " must name ::handleRequest");
            }
            Class<?> expectedInput = expectedInput(id, fn);
            Class<?> input = requestHandlerInput(type);
            if (expectedInput != null && !expectedInput.equals(input)) {
                problems.add(id + ": " + className + " takes " + input + " but its trigger sends " + expectedInput);
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void codeUriIsTheShadedJarOfAnExistingModule() {
        List<String> problems = new ArrayList<>();
        functions.forEach((id, fn) -> {
            Object codeUri = props(fn).get("CodeUri");
            Matcher matcher = CODE_URI.matcher(String.valueOf(codeUri));
            if (!matcher.matches()) {
                problems.add(id + ": CodeUri " + codeUri + " is not functions/<module>/target/<module>.jar");
            } else if (!Files.isRegularFile(
                    CloudFormationTemplate.projectRoot().resolve("functions").resolve(matcher.group(1)).resolve("pom.xml"))) {
                problems.add(id + ": CodeUri names module " + matcher.group(1) + ", which has no pom.xml");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void sqsEventsReportBatchItemFailures() {
        List<String> problems = new ArrayList<>();
        int sqsEvents = 0;
        for (var fn : functions.entrySet()) {
            for (var event : events(fn.getValue()).entrySet()) {
                Map<String, Object> e = asMap(event.getValue());
                if ("SQS".equals(e.get("Type"))) {
                    sqsEvents++;
                    Object types = asMap(e.get("Properties")).get("FunctionResponseTypes");
                    if (!(types instanceof List<?> list && list.contains("ReportBatchItemFailures"))) {
                        problems.add(fn.getKey() + "." + event.getKey() + " lacks ReportBatchItemFailures");
                    }
                }
            }
        }
        assertThat(sqsEvents).isEqualTo(2);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyQueueButADeadLetterQueueHasARedrivePolicy() {
        Map<String, Map<String, Object>> queues = template.resourcesOfType("AWS::SQS::Queue");
        Set<String> deadLetterQueues = deadLetterQueues(queues);
        assertThat(deadLetterQueues).containsExactlyInAnyOrder("ShipmentRequestsDLQ", "TrackingUpdatesDLQ");

        List<String> withoutRedrive = new ArrayList<>();
        queues.forEach((id, queue) -> {
            if (!deadLetterQueues.contains(id) && !(props(queue).get("RedrivePolicy") instanceof Map)) {
                withoutRedrive.add(id);
            }
        });
        assertThat(withoutRedrive).isEmpty();
    }

    @Test
    void visibilityTimeoutIsAtLeastSixTimesTheConsumersTimeout() {
        Map<String, Map<String, Object>> queues = template.resourcesOfType("AWS::SQS::Queue");
        List<String> problems = new ArrayList<>();
        int consumers = 0;
        for (var fn : functions.entrySet()) {
            for (Object value : events(fn.getValue()).values()) {
                Map<String, Object> event = asMap(value);
                if (!"SQS".equals(event.get("Type"))) {
                    continue;
                }
                consumers++;
                String queueId = CloudFormationTemplate.referencedId(asMap(event.get("Properties")).get("Queue"));
                Map<String, Object> queue = queues.get(queueId);
                if (queue == null) {
                    problems.add(fn.getKey() + " consumes " + queueId + ", which is not a queue of this template");
                    continue;
                }
                int timeout = timeout(fn.getValue());
                Object visibility = props(queue).get("VisibilityTimeout");
                int visibilitySeconds = visibility == null ? 30 : Integer.parseInt(String.valueOf(visibility));
                if (visibilitySeconds < VISIBILITY_FACTOR * timeout) {
                    problems.add(queueId + " VisibilityTimeout " + visibilitySeconds + " < 6 x " + fn.getKey()
                            + " Timeout " + timeout);
                }
            }
        }
        assertThat(consumers).isEqualTo(2);
        assertThat(problems).isEmpty();
    }

    /**
     * The webhook's own failures (queue unavailable: 503, the function failed or was throttled: 5xx) are answers,
     * not Lambda errors, and UPS does not resend a lost Track Alert event: the API's 5XXError must raise an alarm.
     */
    @Test
    void aWebhookAnswering5xxRaisesAnAlarm() {
        Map<String, Object> api = template.properties("WebhookApi");
        assertThat(api.get("Name")).as("WebhookApi Name (the ApiName metric dimension)").isNotNull();
        List<Map<String, Object>> watching = new ArrayList<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            Map<String, Object> p = props(alarm);
            if (!"AWS/ApiGateway".equals(p.get("Namespace")) || !"5XXError".equals(p.get("MetricName"))) {
                return;
            }
            Map<Object, Object> dimensions = new java.util.HashMap<>();
            for (Object d : (List<?>) p.get("Dimensions")) {
                dimensions.put(asMap(d).get("Name"), asMap(d).get("Value"));
            }
            if (api.get("Name").equals(dimensions.get("ApiName")) && api.get("StageName").equals(dimensions.get("Stage"))) {
                watching.add(p);
            }
        });
        assertThat(watching).singleElement().satisfies(p -> {
            assertThat(CloudFormationTemplate.referencedId(((List<?>) p.get("AlarmActions")).get(0)))
                    .isEqualTo("AlarmTopic");
            assertThat(p.get("Threshold")).isEqualTo(0);
        });
    }

    @Test
    void contractResourcesExistWithTheirKeys() {
        assertThat(template.resources()).containsKeys("ConnectorKey", "TokenCacheTable", "ShipmentsTable",
                "AuditTable", "ShipmentRequestsQueue", "ShipmentRequestsDLQ", "TrackingUpdatesQueue",
                "TrackingUpdatesDLQ", "EpicorSecret", "UpsSecret", "WebhookSecret", "LabelBucket", "AlarmTopic");
        assertThat(template.properties("TokenCacheTable").get("KeySchema"))
                .isEqualTo(List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")));
        assertThat(template.properties("AuditTable").get("KeySchema")).isEqualTo(List.of(
                Map.of("AttributeName", "pk", "KeyType", "HASH"), Map.of("AttributeName", "sk", "KeyType", "RANGE")));
        assertThat(indexNames("ShipmentsTable")).containsExactly("byTrackingNumber", "bySubscriptionExpiry");
        assertThat(indexNames("AuditTable")).containsExactly("byDayOutcome");
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            assertThat(props(table).get("BillingMode")).as(id).isEqualTo("PAY_PER_REQUEST");
            assertThat(CloudFormationTemplate.referencedId(asMap(props(table).get("SSESpecification"))
                    .get("KMSMasterKeyId"))).as(id).isEqualTo("ConnectorKey");
        });
        template.resourcesOfType("AWS::SQS::Queue").forEach((id, queue) -> {
            assertThat(CloudFormationTemplate.referencedId(props(queue).get("KmsMasterKeyId"))).as(id)
                    .isEqualTo("ConnectorKey");
            assertThat(props(queue).get("SqsManagedSseEnabled")).as(id).isEqualTo(false);
        });
    }

    @Test
    void functionsGetEveryContractEnvironmentVariable() {
        Map<String, Object> variables = asMap(asMap(template.globals("Function").get("Environment")).get("Variables"));
        assertThat(variables).containsKeys("TOKEN_CACHE_TABLE", "SHIPMENTS_TABLE", "AUDIT_TABLE",
                "SHIPMENT_REQUESTS_QUEUE_URL", "SHIPMENT_REQUESTS_DLQ_URL", "TRACKING_UPDATES_QUEUE_URL",
                "TRACKING_UPDATES_DLQ_URL", "EPICOR_SECRET_ID", "UPS_SECRET_ID", "WEBHOOK_SECRET_ID", "LABEL_BUCKET",
                "CONNECTOR_SETTINGS", "POWERTOOLS_SERVICE_NAME", "LOG_LEVEL");
        assertThat(CloudFormationTemplate.referencedId(variables.get("SHIPMENT_REQUESTS_QUEUE_URL")))
                .isEqualTo("ShipmentRequestsQueue");
        assertThat(CloudFormationTemplate.referencedId(variables.get("TRACKING_UPDATES_DLQ_URL")))
                .isEqualTo("TrackingUpdatesDLQ");
    }

    @Test
    void sqsConsumersKnowTheirQueuesMaxReceiveCount() {
        Object defaultCount = asMap(asMap(template.root().get("Parameters")).get("MaxReceiveCount")).get("Default");
        assertThat(Integer.parseInt(String.valueOf(defaultCount))).as("MaxReceiveCount default = code default")
                .isEqualTo(com.epicorups.config.AwsResources.DEFAULT_MAX_RECEIVE_COUNT);
        template.resourcesOfType("AWS::SQS::Queue").forEach((id, queue) -> {
            if (props(queue).get("RedrivePolicy") instanceof Map<?, ?> redrive) {
                assertThat(CloudFormationTemplate.referencedId(redrive.get("maxReceiveCount"))).as(id)
                        .isEqualTo("MaxReceiveCount");
            }
        });
        int consumers = 0;
        for (var fn : functions.entrySet()) {
            boolean sqs = events(fn.getValue()).values().stream()
                    .anyMatch(e -> "SQS".equals(asMap(e).get("Type")));
            if (sqs) {
                consumers++;
                Object environment = props(fn.getValue()).get("Environment");
                assertThat(environment).as(fn.getKey() + " Environment").isInstanceOf(Map.class);
                Map<String, Object> variables = asMap(asMap(environment).get("Variables"));
                assertThat(CloudFormationTemplate.referencedId(variables.get("MAX_RECEIVE_COUNT"))).as(fn.getKey())
                        .isEqualTo("MaxReceiveCount");
            }
        }
        assertThat(consumers).isEqualTo(2);
    }

    @Test
    void deploySettingsHoldExactlyTheVariablesTheFunctionsReplaceFromItFromTheirParameters() throws Exception {
        Map<String, Object> secret = props(template.resourcesOfType("AWS::SecretsManager::Secret").get("DeploySettings"));
        String written = String.valueOf(asMap(secret.get("SecretString")).get("Fn::Sub"));
        String asDeployed = written.replace("${ConnectorSettings}", "{}").replaceAll("\\$\\{[A-Za-z]+}", "1");
        List<String> keys = new ArrayList<>();
        com.epicorups.core.Json.mapper().readTree(asDeployed).fieldNames().forEachRemaining(keys::add);

        assertThat(keys).containsExactlyInAnyOrderElementsOf(com.epicorups.config.DeploySettings.KEYS);
        assertThat(written).contains("\"CONNECTOR_SETTINGS\":${ConnectorSettings}", "\"LOG_LEVEL\":\"${LogLevel}\"",
                "\"MAX_RECEIVE_COUNT\":\"${MaxReceiveCount}\"", "\"AUDIT_RETENTION_DAYS\":\"${AuditRetentionDays}\"");
        Map<String, Object> variables = asMap(asMap(template.globals("Function").get("Environment")).get("Variables"));
        assertThat(CloudFormationTemplate.referencedId(variables.get("DEPLOY_SETTINGS_ID"))).isEqualTo("DeploySettings");
    }

    @Test
    void functionPoliciesNameTheirResources() {
        List<String> wildcards = new ArrayList<>();
        functions.forEach((id, fn) -> {
            Object policies = props(fn).get("Policies");
            assertThat(policies).as(id + " Policies").isInstanceOf(List.class);
            for (Object policy : (List<?>) policies) {
                Object statements = asMap(policy).get("Statement");
                if (statements instanceof List<?> list) {
                    for (Object statement : list) {
                        Object resource = asMap(statement).get("Resource");
                        if ("*".equals(resource) || (resource instanceof List<?> r && r.contains("*"))) {
                            wildcards.add(id + ": " + asMap(statement).get("Action"));
                        }
                    }
                }
            }
        });
        assertThat(wildcards).isEmpty();
    }

    private static List<Object> indexNames(String tableId) {
        List<Object> names = new ArrayList<>();
        for (Object index : (List<?>) template.properties(tableId).get("GlobalSecondaryIndexes")) {
            names.add(asMap(index).get("IndexName"));
        }
        return names;
    }

    private static Set<String> deadLetterQueues(Map<String, Map<String, Object>> queues) {
        Set<String> targets = new HashSet<>();
        queues.values().forEach(queue -> {
            Object redrive = props(queue).get("RedrivePolicy");
            if (redrive instanceof Map<?, ?> policy) {
                String target = CloudFormationTemplate.referencedId(policy.get("deadLetterTargetArn"));
                if (target != null) {
                    targets.add(target);
                }
            }
        });
        return targets;
    }

    private static Class<?> expectedInput(String id, Map<String, Object> fn) {
        Set<Class<?>> inputs = new HashSet<>();
        for (Object value : events(fn).values()) {
            switch (String.valueOf(asMap(value).get("Type"))) {
                case "SQS" -> inputs.add(SQSEvent.class);
                case "Api" -> inputs.add(APIGatewayProxyRequestEvent.class);
                case "ScheduleV2", "Schedule" -> inputs.add(ScheduledEvent.class);
                default -> inputs.add(Object.class);
            }
        }
        assertThat(inputs).as(id + " has triggers of one event type").hasSize(1);
        return inputs.iterator().next();
    }

    private static Class<?> requestHandlerInput(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type itf : c.getGenericInterfaces()) {
                if (itf instanceof ParameterizedType p && p.getRawType() == RequestHandler.class
                        && p.getActualTypeArguments()[0] instanceof Class<?> input) {
                    return input;
                }
            }
        }
        return null;
    }

    private static int timeout(Map<String, Object> fn) {
        Object timeout = props(fn).getOrDefault("Timeout", template.globals("Function").get("Timeout"));
        return timeout == null ? 3 : Integer.parseInt(String.valueOf(timeout));
    }

    private static Map<String, Object> events(Map<String, Object> fn) {
        Object events = props(fn).get("Events");
        return events == null ? Map.of() : asMap(events);
    }

    private static Map<String, Object> props(Map<String, Object> resource) {
        Object properties = resource.get("Properties");
        return properties == null ? Map.of() : asMap(properties);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
