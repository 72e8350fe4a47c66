package com.epicorups.cli.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ in this JVM on 127.0.0.1 with the connector's four queues, created the way template.yaml creates
 * them: each DLQ first, then its source queue with the RedrivePolicy in CreateQueue (ElasticMQ links a DLQ to
 * its source for StartMessageMoveTask only then).
 */
public final class EmbeddedSqs implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final int MAX_RECEIVE_COUNT = 5;

    /** One source queue and its DLQ. */
    public record QueuePair(String name, String url, String arn, String dlqName, String dlqUrl, String dlqArn) {
    }

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient sqs;
    private final QueuePair shipmentRequests;
    private final QueuePair trackingUpdates;

    private EmbeddedSqs(SQSRestServer server, URI endpoint, int visibilityTimeoutSeconds) {
        this.server = server;
        this.endpoint = endpoint;
        this.sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
        this.shipmentRequests = createPair("shipment-requests", visibilityTimeoutSeconds);
        this.trackingUpdates = createPair("tracking-updates", visibilityTimeoutSeconds);
    }

    /** Starts ElasticMQ on a free port and creates the queues. */
    public static EmbeddedSqs start(int visibilityTimeoutSeconds) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            SQSRestServer server;
            try {
                server = SQSRestServerBuilder.withInterface("127.0.0.1")
                        .withPort(port)
                        .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                        .withAWSRegion(REGION)
                        .start();
                server.waitUntilStarted();
            } catch (RuntimeException e) {
                last = e; // most likely lost the race for the port
                continue;
            }
            try {
                return new EmbeddedSqs(server, URI.create("http://127.0.0.1:" + port), visibilityTimeoutSeconds);
            } catch (RuntimeException e) {
                server.stopAndWait();
                throw e;
            }
        }
        throw new IllegalStateException("embedded ElasticMQ did not start: " + last.getMessage(), last);
    }

    private QueuePair createPair(String name, int visibilityTimeoutSeconds) {
        String dlqName = name + "-dlq";
        String dlqUrl = sqs.createQueue(r -> r.queueName(dlqName)
                .attributesWithStrings(Map.of("MessageRetentionPeriod", "1209600"))).queueUrl();
        String dlqArn = arn(dlqUrl);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("VisibilityTimeout", Integer.toString(visibilityTimeoutSeconds));
        attributes.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                + MAX_RECEIVE_COUNT + "\"}");
        String url = sqs.createQueue(r -> r.queueName(name).attributesWithStrings(attributes)).queueUrl();
        return new QueuePair(name, url, arn(url), dlqName, dlqUrl, dlqArn);
    }

    private String arn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    public URI endpoint() {
        return endpoint;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public QueuePair shipmentRequests() {
        return shipmentRequests;
    }

    public QueuePair trackingUpdates() {
        return trackingUpdates;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    @Override
    public void close() {
        sqs.close();
        server.stopAndWait();
    }
}
