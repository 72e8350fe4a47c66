package com.epicorups.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.epicorups.core.FailureKind;
import com.epicorups.core.Reason;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsResourcesTest {
    private static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put("TOKEN_CACHE_TABLE", "connector-TokenCacheTable-1ABC");
        env.put("SHIPMENTS_TABLE", "connector-ShipmentsTable-2DEF");
        env.put("AUDIT_TABLE", "connector-AuditTable-3GHI");
        env.put("SHIPMENT_REQUESTS_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/connector-shipment-requests");
        env.put("SHIPMENT_REQUESTS_DLQ_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/connector-shipment-requests-dlq");
        env.put("TRACKING_UPDATES_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/connector-tracking-updates");
        env.put("TRACKING_UPDATES_DLQ_URL", "https://sqs.us-east-1.amazonaws.com/123456789012/connector-tracking-updates-dlq");
        env.put("EPICOR_SECRET_ID", "arn:aws:secretsmanager:us-east-1:123456789012:secret:EpicorSecret-AbCdEf");
        env.put("UPS_SECRET_ID", "connector/ups");
        env.put("WEBHOOK_SECRET_ID", "connector/webhook");
        env.put("LABEL_BUCKET", "connector-labelbucket-1a2b3c");
        return env;
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = valid();
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:5000");
        env.put("AWS_REGION", "eu-central-1");
        env.put("AUDIT_RETENTION_DAYS", "30");

        AwsResources resources = AwsResources.from(env);

        assertThat(resources.tokenCacheTable()).isEqualTo("connector-TokenCacheTable-1ABC");
        assertThat(resources.shipmentsTable()).isEqualTo("connector-ShipmentsTable-2DEF");
        assertThat(resources.auditTable()).isEqualTo("connector-AuditTable-3GHI");
        assertThat(resources.shipmentRequestsQueueUrl()).isEqualTo(URI.create(
                "https://sqs.us-east-1.amazonaws.com/123456789012/connector-shipment-requests"));
        assertThat(resources.trackingUpdatesDlqUrl().getPath()).isEqualTo("/123456789012/connector-tracking-updates-dlq");
        assertThat(resources.epicorSecretId()).startsWith("arn:aws:secretsmanager:");
        assertThat(resources.upsSecretId()).isEqualTo("connector/ups");
        assertThat(resources.webhookSecretId()).isEqualTo("connector/webhook");
        assertThat(resources.labelBucket()).isEqualTo("connector-labelbucket-1a2b3c");
        assertThat(resources.endpointOverride()).contains(URI.create("http://127.0.0.1:5000"));
        assertThat(resources.region()).contains("eu-central-1");
        assertThat(resources.auditRetention()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void optionalVariablesHaveDefaults() {
        AwsResources resources = AwsResources.from(valid());

        assertThat(resources.endpointOverride()).isEmpty();
        assertThat(resources.region()).isEqualTo(Optional.empty());
        assertThat(resources.auditRetention()).isEqualTo(Duration.ofDays(400));
        assertThat(resources.maxReceiveCount()).isEqualTo(5);
    }

    @Test
    void readsTheQueuesMaxReceiveCountAndRejectsOneOutOfRange() {
        Map<String, String> env = valid();
        env.put("MAX_RECEIVE_COUNT", "8");
        assertThat(AwsResources.from(env).maxReceiveCount()).isEqualTo(8);

        env.put("MAX_RECEIVE_COUNT", "0");
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> AwsResources.from(env));
        assertThat(error).hasMessageContaining("MAX_RECEIVE_COUNT is malformed ('0')");
    }

    @Test
    void acceptsAnEmulatorQueueUrl() {
        Map<String, String> env = valid();
        env.put("SHIPMENT_REQUESTS_QUEUE_URL", "http://127.0.0.1:5000/123456789012/shipment-requests");

        assertThat(AwsResources.from(env).shipmentRequestsQueueUrl().getPort()).isEqualTo(5000);
    }

    @Test
    void namesEveryMissingVariableInOneException() {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> AwsResources.from(Map.of()));

        assertThat(error.problems()).hasSize(11);
        assertThat(error.getMessage())
                .contains("SHIPMENT_REQUESTS_QUEUE_URL is missing: set it to the URL of the shipment-requests queue")
                .contains("TOKEN_CACHE_TABLE is missing")
                .contains("LABEL_BUCKET is missing: set it to the name of the S3 bucket that keeps the labels")
                .contains("WEBHOOK_SECRET_ID is missing");
        assertThat(error.kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(error.reasonCode()).isEqualTo(Reason.CONFIG_INVALID.code());
    }

    @Test
    void blankCountsAsMissing() {
        Map<String, String> env = valid();
        env.put("AUDIT_TABLE", "   ");

        assertThatThrownBy(() -> AwsResources.from(env)).isInstanceOf(ConfigException.class)
                .hasMessage("Invalid configuration: AUDIT_TABLE is missing: set it to the name of the audit DynamoDB table");
    }

    @Test
    void reportsMalformedValuesWithWhatIsExpected() {
        Map<String, String> env = valid();
        env.put("TRACKING_UPDATES_QUEUE_URL", "tracking-updates");
        env.put("SHIPMENT_REQUESTS_DLQ_URL", "https://sqs.us-east-1.amazonaws.com/not-an-account/q");
        env.put("LABEL_BUCKET", "Labels_Bucket");
        env.put("SHIPMENTS_TABLE", "x");
        env.put("AWS_ENDPOINT_URL", "localhost:5000");
        env.put("AWS_REGION", "Virginia");
        env.put("AUDIT_RETENTION_DAYS", "forever");

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> AwsResources.from(env));

        assertThat(error.problems()).containsExactlyInAnyOrder(
                "SHIPMENTS_TABLE is malformed ('x'): set it to the name of the shipments DynamoDB table",
                "SHIPMENT_REQUESTS_DLQ_URL is malformed ('https://sqs.us-east-1.amazonaws.com/not-an-account/q'): "
                        + "set it to the URL of the shipment-requests dead-letter queue "
                        + "(https://sqs.<region>.amazonaws.com/<account>/<queue name>)",
                "TRACKING_UPDATES_QUEUE_URL is malformed ('tracking-updates'): set it to the URL of the "
                        + "tracking-updates queue (https://sqs.<region>.amazonaws.com/<account>/<queue name>)",
                "LABEL_BUCKET is malformed ('Labels_Bucket'): set it to the name of the S3 bucket that keeps the labels",
                "AWS_ENDPOINT_URL is malformed ('localhost:5000'): set it to the emulator's http(s) endpoint, "
                        + "e.g. http://127.0.0.1:5000, or leave it unset",
                "AWS_REGION is malformed ('Virginia'): set it to an AWS region code such as us-east-1 or leave it unset",
                "AUDIT_RETENTION_DAYS is malformed ('forever'): set it to a whole number of days between 1 and "
                        + "36500, or leave it unset for 400");
    }
}
