package com.epicorups.testing.aws;

import java.net.URI;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** LocalStack through Testcontainers, used only when asked for (AWS_EMULATOR=localstack) and Docker runs. */
final class LocalStackBackend implements EmulatorBackend {
    static final String IMAGE_PROPERTY = "AWS_EMULATOR_LOCALSTACK_IMAGE";
    private static final String DEFAULT_IMAGE = "localstack/localstack:4.4";

    private final LocalStackContainer container;

    private LocalStackBackend(LocalStackContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static LocalStackBackend start(String image) {
        LocalStackContainer container = new LocalStackContainer(
                DockerImageName.parse(image == null ? DEFAULT_IMAGE : image)
                        .asCompatibleSubstituteFor("localstack/localstack"))
                .withServices("dynamodb", "sqs", "secretsmanager", "s3", "kms");
        container.start();
        return new LocalStackBackend(container);
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public String description() {
        return "LocalStack container " + container.getDockerImageName() + " at " + endpoint();
    }

    @Override
    public void close() {
        container.stop();
    }
}
