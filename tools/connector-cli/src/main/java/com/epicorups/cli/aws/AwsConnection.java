package com.epicorups.cli.aws;

import com.epicorups.app.AwsParts;
import com.epicorups.app.ConnectorParts;
import com.epicorups.config.AwsResources;
import com.epicorups.config.ConnectorSettings;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One deployment as the operator commands reach it: shared's {@link AwsParts} (the same stores, queues, secrets
 * and labels the functions use, built the same way) from the functions' environment variables (CONTRACTS.md),
 * with the credentials the given variables name. The CLI adds nothing to the construction; it only uses the SDK
 * clients for what the parts do not cover (queue depths, DLQ redrive, ledger scans).
 */
public final class AwsConnection implements AutoCloseable {
    private final AwsParts aws;

    private AwsConnection(Map<String, String> env) {
        this.aws = AwsParts.connect(env, credentials(env));
    }

    /** From environment variables named as in template.yaml (the process environment, or stack outputs). */
    public static AwsConnection fromEnvironment(Map<String, String> env) {
        return new AwsConnection(env);
    }

    /**
     * Explicit keys in the given variables (an emulator's dummy ones, or stack outputs merged with a profile's
     * keys) win; else the SDK's default chain.
     */
    static Optional<AwsCredentialsProvider> credentials(Map<String, String> env) {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
            String session = env.get("AWS_SESSION_TOKEN");
            return Optional.of(StaticCredentialsProvider.create(session == null || session.isBlank()
                    ? AwsBasicCredentials.create(id, secret) : AwsSessionCredentials.create(id, secret, session)));
        }
        return Optional.empty();
    }

    public AwsResources resources() {
        return aws.resources();
    }

    public ConnectorSettings settings() {
        return aws.settings();
    }

    public DynamoDbClient dynamo() {
        return aws.dynamo();
    }

    public SqsClient sqs() {
        return aws.sqs();
    }

    public ConnectorParts parts() {
        return aws.parts();
    }

    @Override
    public void close() {
        aws.close();
    }
}
