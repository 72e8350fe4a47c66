package com.epicorups.cli.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.Json;
import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.testing.aws.CloudFormationTemplate;
import com.epicorups.testing.aws.StackValues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A stack created from template.yaml's tables, queues, bucket and key in moto server's CloudFormation (moto cannot
 * run the SAM transform, and creates no AWS::SecretsManager::Secret, so the secrets are created beside the stack
 * with Secrets Manager), read back as {@code sam local invoke}'s variables file.
 */
class SamEnvVarsTest {
    private static final Set<String> STACK_TYPES = Set.of("AWS::KMS::Key", "AWS::DynamoDB::Table", "AWS::SQS::Queue",
            "AWS::S3::Bucket");
    private static final List<String> SECRETS = List.of("EpicorSecret", "UpsSecret", "WebhookSecret", "DeploySettings");

    private static AwsEmulator aws;
    private static CloudFormationClient cfn;
    private static String stackName;
    private static Path template;

    @BeforeAll
    static void createStack() throws Exception {
        aws = AwsEmulator.get();
        cfn = CloudFormationClient.builder().endpointOverride(aws.endpoint()).region(aws.region())
                .credentialsProvider(aws.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        template = CloudFormationTemplate.projectRoot().resolve("template.yaml");
        stackName = "samenv-" + UUID.randomUUID().toString().substring(0, 8);
        String body = stackBody();
        cfn.createStack(r -> r.stackName(stackName).templateBody(body)
                .parameters(p -> p.parameterKey("LogLevel").parameterValue("DEBUG"),
                        p -> p.parameterKey("MaxReceiveCount").parameterValue("7")));
        StackStatus status = cfn.describeStacks(r -> r.stackName(stackName)).stacks().get(0).stackStatus();
        assertThat(status).isEqualTo(StackStatus.CREATE_COMPLETE);
    }

    @Test
    void theStacksParametersAndResourcesAreReadFromCloudFormation() {
        StackValues values = SamEnvVars.fromStack(cfn, stackName);

        assertThat(values.stackName()).isEqualTo(stackName);
        assertThat(values.region()).isEqualTo("us-east-1");
        assertThat(values.accountId()).matches("\\d{12}");
        assertThat(values.parameters()).containsEntry("LogLevel", "DEBUG").containsEntry("MaxReceiveCount", "7")
                .containsEntry("ConnectorSettings", "{}");
        assertThat(values.references()).containsKeys("TokenCacheTable", "ShipmentsTable", "AuditTable",
                "ShipmentRequestsQueue", "TrackingUpdatesDLQ", "LabelBucket");
        assertThat(values.references().get("ShipmentRequestsQueue")).endsWith("/" + stackName + "-shipment-requests");
    }

    @Test
    void everyFunctionGetsItsVariablesWithTheStacksValuesAndTheyNameResourcesThatExist() {
        StackValues values = withSecrets(SamEnvVars.fromStack(cfn, stackName));

        ObjectNode document = SamEnvVars.document(template, values);

        assertThat(iterable(document.fieldNames())).containsExactly("OrderPollerFunction", "ShipmentCreatorFunction",
                "QuantumViewPollerFunction", "TrackAlertWebhookFunction", "TrackingWriterFunction",
                "SubscriptionRenewerFunction");
        document.fields().forEachRemaining(function -> function.getValue().fields().forEachRemaining(variable ->
                assertThat(variable.getValue().asText()).as(function.getKey() + " " + variable.getKey())
                        .isNotBlank().doesNotContain("Ref", "Fn::")));
        JsonNode creator = document.get("ShipmentCreatorFunction");
        aws.dynamoDb().describeTable(r -> r.tableName(creator.get("SHIPMENTS_TABLE").asText()));
        aws.s3().headBucket(r -> r.bucket(creator.get("LABEL_BUCKET").asText()));
        aws.secretsManager().describeSecret(r -> r.secretId(creator.get("UPS_SECRET_ID").asText()));
        try (SqsClient motoSqs = SqsClient.builder().endpointOverride(aws.endpoint()).region(aws.region())
                .credentialsProvider(aws.credentials()).httpClientBuilder(UrlConnectionHttpClient.builder()).build()) {
            String dlq = creator.get("SHIPMENT_REQUESTS_DLQ_URL").asText();
            motoSqs.getQueueAttributes(r -> r.queueUrl(dlq));
            assertThat(dlq).endsWith(stackName + "-shipment-requests-dlq");
        }
        assertThat(creator.get("POWERTOOLS_SERVICE_NAME").asText()).isEqualTo(stackName);
        assertThat(creator.get("LOG_LEVEL").asText()).as("the stack's parameter, not the default").isEqualTo("DEBUG");
        assertThat(document.get("TrackingWriterFunction").get("MAX_RECEIVE_COUNT").asText()).isEqualTo("7");
        assertThat(creator.get("MAX_RECEIVE_COUNT").asText()).isEqualTo("7");
        assertThat(document.get("OrderPollerFunction").has("MAX_RECEIVE_COUNT"))
                .as("only the SQS consumers declare it").isFalse();
    }

    @Test
    void aResourceTheStackDoesNotHaveIsNamedNotLeftEmpty() {
        StackValues withoutSecrets = SamEnvVars.fromStack(cfn, stackName);

        assertThatThrownBy(() -> SamEnvVars.document(template, withoutSecrets)).hasMessageContaining("EpicorSecret");
        assertThatThrownBy(() -> SamEnvVars.fromStack(cfn, "no-such-stack-" + UUID.randomUUID()))
                .hasMessageContaining("no-such-stack");
    }

    /** The secrets, created as the stack would have created them, by their ARNs (what !Ref gives). */
    private static StackValues withSecrets(StackValues values) {
        Map<String, String> references = new LinkedHashMap<>(values.references());
        for (String id : SECRETS) {
            String arn = aws.secretsManager().createSecret(r -> r.name(stackName + "-" + id).secretString("{}")).arn();
            references.put(id, arn);
        }
        return new StackValues(values.stackName(), values.region(), values.accountId(), values.parameters(),
                references, values.attributes());
    }

    /** template.yaml without the SAM parts moto cannot run, as a JSON template (the long form of the intrinsics). */
    @SuppressWarnings("unchecked")
    private static String stackBody() throws Exception {
        Map<String, Object> document = CloudFormationTemplate.load(template);
        Map<String, Object> resources = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) document.get("Resources")).forEach((id, resource) -> {
            if (STACK_TYPES.contains(String.valueOf(resource.get("Type")))) {
                resources.put(id, resource);
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("AWSTemplateFormatVersion", "2010-09-09");
        body.put("Parameters", document.get("Parameters"));
        body.put("Conditions", document.get("Conditions"));
        body.put("Resources", resources);
        return Json.mapper().writeValueAsString(body);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new java.util.ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
