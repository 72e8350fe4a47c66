package com.epicorups.cli.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * Turns a deployed stack's outputs (template.yaml Outputs) into the environment variables the functions get,
 * so the operator commands need only {@code --stack NAME}.
 */
public final class StackOutputs {
    /** Environment variable → the template.yaml output holding its value. */
    public static final Map<String, String> VARIABLES = variables();

    private StackOutputs() {
    }

    private static Map<String, String> variables() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TOKEN_CACHE_TABLE", "TokenCacheTableName");
        m.put("SHIPMENTS_TABLE", "ShipmentsTableName");
        m.put("AUDIT_TABLE", "AuditTableName");
        m.put("SHIPMENT_REQUESTS_QUEUE_URL", "ShipmentRequestsQueueUrl");
        m.put("SHIPMENT_REQUESTS_DLQ_URL", "ShipmentRequestsDLQUrl");
        m.put("TRACKING_UPDATES_QUEUE_URL", "TrackingUpdatesQueueUrl");
        m.put("TRACKING_UPDATES_DLQ_URL", "TrackingUpdatesDLQUrl");
        m.put("EPICOR_SECRET_ID", "EpicorSecretArn");
        m.put("UPS_SECRET_ID", "UpsSecretArn");
        m.put("WEBHOOK_SECRET_ID", "WebhookSecretArn");
        m.put("LABEL_BUCKET", "LabelBucketName");
        m.put("DEPLOY_SETTINGS_ID", "DeploySettingsArn");
        return Map.copyOf(m);
    }

    /** The stack's outputs mapped to variables, over {@code base} (which keeps e.g. CONNECTOR_SETTINGS). */
    public static Map<String, String> environment(String stackName, String region, Map<String, String> base) {
        var builder = CloudFormationClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (region != null) {
            builder.region(Region.of(region));
        }
        try (CloudFormationClient cfn = builder.build()) {
            List<Stack> stacks = cfn.describeStacks(r -> r.stackName(stackName)).stacks();
            if (stacks.isEmpty()) {
                throw new IllegalArgumentException("stack " + stackName + " not found");
            }
            return fromOutputs(stacks.get(0).outputs(), region, base);
        }
    }

    static Map<String, String> fromOutputs(List<Output> outputs, String region, Map<String, String> base) {
        Map<String, String> byKey = new LinkedHashMap<>();
        outputs.forEach(o -> byKey.put(o.outputKey(), o.outputValue()));
        Map<String, String> env = new LinkedHashMap<>(base);
        VARIABLES.forEach((variable, output) -> {
            if (byKey.containsKey(output)) {
                env.put(variable, byKey.get(output));
            }
        });
        if (region != null) {
            env.put("AWS_REGION", region);
        }
        return env;
    }
}
