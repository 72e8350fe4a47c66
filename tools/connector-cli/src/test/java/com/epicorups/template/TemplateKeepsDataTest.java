package com.epicorups.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.testing.aws.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the template keeps its data. Tables, secrets, the label bucket and the key survive a stack delete and a
 * replacement; the alarm topic is encrypted with the stack's key; the webhook API logs every call.
 */
class TemplateKeepsDataTest {
    private final CloudFormationTemplate template = CloudFormationTemplate.ofProject();

    @Test
    void tablesSecretsTheLabelBucketAndTheKeyAreRetainedOnDeleteAndReplace() {
        List<String> kept = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String type : List.of("AWS::DynamoDB::Table", "AWS::SecretsManager::Secret", "AWS::S3::Bucket",
                "AWS::KMS::Key")) {
            template.resourcesOfType(type).forEach((id, resource) -> {
                kept.add(id);
                if (!"Retain".equals(resource.get("DeletionPolicy"))
                        || !"Retain".equals(resource.get("UpdateReplacePolicy"))) {
                    problems.add(id + " (" + type + ") is not retained on delete and replace");
                }
            });
        }
        assertThat(kept).contains("TokenCacheTable", "ShipmentsTable", "AuditTable", "EpicorSecret", "UpsSecret",
                "WebhookSecret", "LabelBucket", "ConnectorKey");
        assertThat(problems).isEmpty();
    }

    @Test
    void theAlarmTopicIsEncryptedWithTheStacksKeyWhichCloudWatchMayUse() {
        Map<String, Object> topic = template.properties("AlarmTopic");
        assertThat(CloudFormationTemplate.referencedId(topic.get("KmsMasterKeyId"))).isEqualTo("ConnectorKey");
        assertThat(String.valueOf(template.properties("ConnectorKey").get("KeyPolicy")))
                .contains("cloudwatch.amazonaws.com");
    }

    @Test
    void theWebhookApiWritesAnAccessLogToALogGroupWithRetention() {
        Map<String, Object> api = template.properties("WebhookApi");
        @SuppressWarnings("unchecked")
        Map<String, Object> accessLog = (Map<String, Object>) api.get("AccessLogSetting");
        assertThat(accessLog).isNotNull();
        assertThat(String.valueOf(accessLog.get("DestinationArn"))).contains("WebhookApiAccessLogGroup");
        assertThat(String.valueOf(accessLog.get("Format"))).contains("$context.status")
                .doesNotContain("header");
        assertThat(template.properties("WebhookApiAccessLogGroup")).containsKey("RetentionInDays");
    }
}
