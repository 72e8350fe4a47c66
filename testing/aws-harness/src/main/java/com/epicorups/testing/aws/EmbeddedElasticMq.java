package com.epicorups.testing.aws;

import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ embedded in the test JVM as the SQS endpoint. Unlike moto 5.2.5 it implements
 * StartMessageMoveTask/ListMessageMoveTasks (DLQ redrive), which replay relies on.
 */
final class EmbeddedElasticMq implements EmulatorBackend {
    private final SQSRestServer server;
    private final URI endpoint;

    private EmbeddedElasticMq(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    static EmbeddedElasticMq start(String region) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = MotoServer.freePort();
            try {
                SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                        .withPort(port)
                        .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                        .withAWSRegion(region)
                        .start();
                server.waitUntilStarted();
                return new EmbeddedElasticMq(server, URI.create("http://127.0.0.1:" + port));
            } catch (RuntimeException e) {
                last = e; // most likely lost the race for the port
            }
        }
        throw new EmulatorUnavailableException("embedded ElasticMQ did not start: " + last.getMessage(), last);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String description() {
        return "embedded ElasticMQ at " + endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
