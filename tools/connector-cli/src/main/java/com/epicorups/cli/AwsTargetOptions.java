package com.epicorups.cli;

import com.epicorups.app.ConnectorAssembly;
import com.epicorups.cli.aws.AwsConnection;
import com.epicorups.cli.aws.DeployedSettings;
import com.epicorups.cli.aws.StackOutputs;
import com.epicorups.cli.ops.DynamoReleaseFinder;
import com.epicorups.cli.ops.Queues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the operator commands look: the functions' environment variables (default; export them from the stack
 * outputs), or {@code --stack NAME [--region R]} to read the outputs directly.
 */
public final class AwsTargetOptions {
    @Option(names = "--stack", paramLabel = "NAME",
            description = "Read table, queue, secret and bucket names from this CloudFormation stack's outputs "
                    + "instead of the environment variables.")
    String stack;

    @Option(names = "--region", paramLabel = "R", description = "AWS region of the stack (default: the SDK's).")
    String region;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "CONNECTOR_SETTINGS JSON file (default: the deployed settings when DEPLOY_SETTINGS_ID or "
                    + "--stack names them, else the CONNECTOR_SETTINGS variable, else defaults).")
    Path settings;

    /** Environment for tests; null = the process environment. */
    static volatile Map<String, String> environmentOverride;

    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(environmentOverride != null ? environmentOverride : System.getenv());
        if (region != null) {
            env.put("AWS_REGION", region);
        }
        if (stack != null) {
            env = StackOutputs.environment(stack, region, env);
        }
        env = new HashMap<>(DeployedSettings.over(env));
        if (settings != null) {
            try {
                env.put("CONNECTOR_SETTINGS", Files.readString(settings));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --settings " + settings + ": " + e.getMessage(), e);
            }
        }
        return env;
    }

    /** The deployment the options name. */
    public Deployment connect() {
        try {
            return new Deployment(AwsConnection.fromEnvironment(environment()));
        } catch (com.epicorups.config.ConfigException e) {
            throw new IllegalArgumentException(e.getMessage() + "\nExport the functions' variables from the stack "
                    + "outputs (see README, Operating it), or pass --stack NAME [--region R].", e);
        }
    }

    /** One deployment's parts, assembly and queues. */
    public static final class Deployment implements AutoCloseable {
        private final AwsConnection connection;
        private final ConnectorAssembly assembly;

        Deployment(AwsConnection connection) {
            this.connection = connection;
            this.assembly = new ConnectorAssembly(connection.parts());
        }

        public AwsConnection connection() {
            return connection;
        }

        public ConnectorAssembly assembly() {
            return assembly;
        }

        public Queues queues() {
            var r = connection.resources();
            return Queues.of(connection.sqs(), r.shipmentRequestsQueueUrl().toString(),
                    r.shipmentRequestsDlqUrl().toString(), r.trackingUpdatesQueueUrl().toString(),
                    r.trackingUpdatesDlqUrl().toString());
        }

        public DynamoReleaseFinder releaseFinder() {
            return new DynamoReleaseFinder(connection.dynamo(), connection.resources().shipmentsTable(),
                    connection.resources().auditTable());
        }

        @Override
        public void close() {
            connection.close();
        }
    }
}
