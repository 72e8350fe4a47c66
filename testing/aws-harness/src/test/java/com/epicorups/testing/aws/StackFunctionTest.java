package com.epicorups.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackFunctionTest {
    private static final String[] REFERENCED = {"TokenCacheTable", "ShipmentsTable", "AuditTable",
            "ShipmentRequestsQueue", "ShipmentRequestsDLQ", "TrackingUpdatesQueue", "TrackingUpdatesDLQ",
            "EpicorSecret", "UpsSecret", "WebhookSecret", "LabelBucket", "DeploySettings"};

    @TempDir
    Path dir;

    @Test
    void globalsAndTheFunctionsOwnVariablesOfTheProjectTemplateResolveAgainstTheStack() {
        Path template = CloudFormationTemplate.projectRoot().resolve("template.yaml");

        StackFunction writer = StackFunction.resolve(template, "TrackingWriterFunction", stack());

        assertThat(writer.handler()).isEqualTo("com.epicorups.function.trackingwriter.TrackingWriterHandler::handleRequest");
        assertThat(writer.codeUri()).isEqualTo("functions/tracking-writer/target/tracking-writer.jar");
        assertThat(writer.runtime()).isEqualTo("java25");
        assertThat(writer.timeoutSeconds()).isEqualTo(60);
        assertThat(writer.memorySize()).as("Globals: MemorySize 1024, a literal").isEqualTo(1024);
        assertThat(writer.environment())
                .containsEntry("SHIPMENTS_TABLE", "ref-ShipmentsTable")
                .containsEntry("TRACKING_UPDATES_DLQ_URL", "ref-TrackingUpdatesDLQ")
                .containsEntry("WEBHOOK_SECRET_ID", "ref-WebhookSecret")
                .containsEntry("LABEL_BUCKET", "ref-LabelBucket")
                .containsEntry("POWERTOOLS_SERVICE_NAME", "my-stack")
                .containsEntry("CONNECTOR_SETTINGS", "{}")
                .containsEntry("LOG_LEVEL", "INFO")
                .containsEntry("AUDIT_RETENTION_DAYS", "400")
                .as("the function's own variable, beside the Globals'").containsEntry("MAX_RECEIVE_COUNT", "5");
        assertThat(writer.environment().values()).allSatisfy(value -> assertThat(value).doesNotContain("{Ref", "Fn::"));
    }

    @Test
    void stackParametersReplaceTheTemplateDefaults() {
        Path template = CloudFormationTemplate.projectRoot().resolve("template.yaml");

        StackFunction poller = StackFunction.resolve(template, "OrderPollerFunction", stack().withParameters(
                Map.of("LogLevel", "DEBUG", "ConnectorSettings", "{\"ups\":{}}")));

        assertThat(poller.memorySize()).as("the Globals' literal: no parameter sets memory").isEqualTo(1024);
        assertThat(poller.timeoutSeconds()).as("its own Timeout over the Globals' 60").isEqualTo(240);
        assertThat(poller.environment()).containsEntry("LOG_LEVEL", "DEBUG")
                .containsEntry("CONNECTOR_SETTINGS", "{\"ups\":{}}")
                .doesNotContainKey("MAX_RECEIVE_COUNT");
    }

    @Test
    void everyFunctionOfTheProjectTemplateResolves() {
        Path template = CloudFormationTemplate.projectRoot().resolve("template.yaml");

        assertThat(StackFunction.logicalIds(template)).containsExactly("OrderPollerFunction",
                "ShipmentCreatorFunction", "QuantumViewPollerFunction", "TrackAlertWebhookFunction",
                "TrackingWriterFunction", "SubscriptionRenewerFunction");
        for (String id : StackFunction.logicalIds(template)) {
            StackFunction function = StackFunction.resolve(template, id, stack());
            assertThat(function.environment()).as(id).containsKeys("TOKEN_CACHE_TABLE", "EPICOR_SECRET_ID",
                    "POWERTOOLS_SERVICE_NAME", "LOG_LEVEL");
            assertThat(function.handler()).as(id).endsWith("::handleRequest");
        }
    }

    @Test
    void aReferenceTheStackCannotGiveIsAnErrorNotAnUnresolvedValue() {
        Path template = CloudFormationTemplate.projectRoot().resolve("template.yaml");
        Map<String, String> references = new LinkedHashMap<>(stack().references());
        references.remove("LabelBucket");
        StackValues incomplete = new StackValues("my-stack", "eu-west-1", "111122223333", Map.of(), references, Map.of());

        assertThatThrownBy(() -> StackFunction.resolve(template, "ShipmentCreatorFunction", incomplete))
                .hasMessageContaining("LabelBucket");
        assertThatThrownBy(() -> StackFunction.resolve(template, "ShipmentCreatorFunction",
                stack().withParameters(Map.of("NoSuchParameter", "x"))))
                .hasMessageContaining("no parameter NoSuchParameter");
        assertThatThrownBy(() -> StackFunction.resolve(template, "LabelBucket", stack()))
                .hasMessageContaining("no AWS::Serverless::Function LabelBucket");
    }

    @Test
    void theFunctionsOwnPropertiesWinOverGlobalsAndLambdasDefaultsFillTheRest() throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Parameters:
                  Level: {Type: String, Default: INFO}
                Globals:
                  Function:
                    Runtime: java25
                    Environment:
                      Variables:
                        SHARED: !Sub '${AWS::StackName}-${AWS::Region}-${AWS::AccountId}'
                        LEVEL: !Ref Level
                        OVERRIDDEN: global
                Resources:
                  Q:
                    Type: AWS::SQS::Queue
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: a.B::handleRequest
                      Runtime: java21
                      Environment:
                        Variables:
                          OVERRIDDEN: own
                          QUEUE_ARN: !GetAtt Q.Arn
                """);
        StackValues stack = new StackValues("s", "eu-west-1", "111122223333", Map.of(), Map.of("Q", "https://q"),
                Map.of("Q", Map.of("Arn", "arn:q")));

        StackFunction f = StackFunction.resolve(template, "F", stack);

        assertThat(f.runtime()).isEqualTo("java21");
        assertThat(f.timeoutSeconds()).isEqualTo(3);
        assertThat(f.memorySize()).isEqualTo(128);
        assertThat(f.environment()).containsExactly(Map.entry("SHARED", "s-eu-west-1-111122223333"),
                Map.entry("LEVEL", "INFO"), Map.entry("OVERRIDDEN", "own"), Map.entry("QUEUE_ARN", "arn:q"));
    }

    private static StackValues stack() {
        Map<String, String> references = new LinkedHashMap<>();
        for (String id : REFERENCED) {
            references.put(id, "ref-" + id);
        }
        return new StackValues("my-stack", "eu-west-1", "111122223333", Map.of(), references, Map.of());
    }
}
