package com.epicorups.cli.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.config.AwsResources;
import com.epicorups.testing.aws.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Output;

class StackOutputsTest {

    @Test
    void everyOutputTheCliReadsIsDeclaredInTheTemplate() {
        CloudFormationTemplate template = CloudFormationTemplate.ofProject();
        assertThat(template.outputs().keySet()).containsAll(StackOutputs.VARIABLES.values());
    }

    @Test
    void outputsBecomeTheFunctionsVariables() {
        List<Output> outputs = new ArrayList<>();
        Map<String, String> values = Map.ofEntries(
                Map.entry("TokenCacheTableName", "prod-TokenCacheTable-1"),
                Map.entry("ShipmentsTableName", "prod-ShipmentsTable-1"),
                Map.entry("AuditTableName", "prod-AuditTable-1"),
                Map.entry("ShipmentRequestsQueueUrl", "https://sqs.eu-west-1.amazonaws.com/123456789012/prod-sr"),
                Map.entry("ShipmentRequestsDLQUrl", "https://sqs.eu-west-1.amazonaws.com/123456789012/prod-sr-dlq"),
                Map.entry("TrackingUpdatesQueueUrl", "https://sqs.eu-west-1.amazonaws.com/123456789012/prod-tu"),
                Map.entry("TrackingUpdatesDLQUrl", "https://sqs.eu-west-1.amazonaws.com/123456789012/prod-tu-dlq"),
                Map.entry("EpicorSecretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:epicor-AbCdEf"),
                Map.entry("UpsSecretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ups-AbCdEf"),
                Map.entry("WebhookSecretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hook-AbCdEf"),
                Map.entry("LabelBucketName", "prod-labelbucket-1"),
                Map.entry("WebhookUrl", "https://abc.execute-api.eu-west-1.amazonaws.com/v1/ups/track-alert"));
        values.forEach((k, v) -> outputs.add(Output.builder().outputKey(k).outputValue(v).build()));

        Map<String, String> env = StackOutputs.fromOutputs(outputs, "eu-west-1",
                Map.of("CONNECTOR_SETTINGS", "{\"ups\":{}}"));

        AwsResources resources = AwsResources.from(env);
        assertThat(resources.shipmentsTable()).isEqualTo("prod-ShipmentsTable-1");
        assertThat(resources.trackingUpdatesDlqUrl().toString()).endsWith("/prod-tu-dlq");
        assertThat(resources.region()).contains("eu-west-1");
        assertThat(env).containsEntry("CONNECTOR_SETTINGS", "{\"ups\":{}}");
    }
}
