package com.epicorups.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.cli.local.EmbeddedSqs;
import com.epicorups.cli.local.LocalConfig;
import com.epicorups.cli.local.LocalEnvironment;
import com.epicorups.cli.local.PipelineDriver;
import com.epicorups.cli.local.QueueDrainer.DrainResult;
import com.epicorups.cli.local.RunReport;
import com.epicorups.sandbox.epicor.EpicorSandbox;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The event-source-mapping semantics of the local run: a message reported in batchItemFailures is not deleted,
 * comes back after the visibility timeout, and on its last receive (maxReceiveCount, as in the redrive policy given
 * at CreateQueue) the handler sends it to the DLQ with its reason. Nothing is lost on the way.
 */
class LocalRedeliveryTest {
    @TempDir
    Path output;

    @Test
    void messagesFailingEveryTimeEndInTheDlqAfterMaxReceiveCount() throws Exception {
        ObjectNode settings = LocalConfig.defaultSettings();
        settings.with("epicor").put("maxAttempts", 1);
        Path dataset = Path.of(getClass().getResource("/local-run/small-dataset.json").toURI());
        try (LocalEnvironment env = LocalEnvironment.start(LocalEnvironment.Options.defaults()
                .withOutputDir(output).withEpicorData(dataset).withSettings(settings).withVisibilityTimeout(1))) {
            PipelineDriver driver = new PipelineDriver(env, s -> { }).retryWait(Duration.ofSeconds(120));
            driver.poll();
            DrainResult shipping = driver.drainShipmentRequests();
            assertThat(shipping.deleted()).as("3 shipped, 1 ship-to country that is not ISO 3166 and 1 part without weight dead-lettered").isEqualTo(5);
            int shipped = RunReport.build(env, 0).counts().shipped();
            assertThat(shipped).isEqualTo(3);

            EpicorSandbox epicor = env.epicorSandbox().orElseThrow();
            epicor.faults().serverError(10_000); // Epicor down: every write-back fails transiently

            DrainResult writing = driver.drainTrackingUpdates();

            epicor.faults().reset();
            // Receives 1..max-1 come back; on the last one the writer dead-letters the update itself, with why.
            assertThat(writing.reportedFailures()).isEqualTo(shipped * (EmbeddedSqs.MAX_RECEIVE_COUNT - 1));
            assertThat(writing.deleted()).isEqualTo(shipped);
            assertThat(writing.pending()).isZero();
            assertThat(env.queues().depth(env.sqs().trackingUpdates().url()).visible()).isZero();
            assertThat(env.queues().depth(env.sqs().trackingUpdates().dlqUrl()).visible()).isEqualTo(shipped);
            List<Message> dead = env.sqs().sqs().receiveMessage(r -> r.queueUrl(env.sqs().trackingUpdates().dlqUrl())
                    .maxNumberOfMessages(10).messageAttributeNames("All")).messages();
            assertThat(dead).hasSize(shipped).allSatisfy(m -> {
                assertThat(m.messageAttributes()).containsKeys("reasonCode", "reasonMessage", "failedAt",
                        "sourceQueue");
                assertThat(m.messageAttributes().get("reasonMessage").stringValue())
                        .contains("after " + EmbeddedSqs.MAX_RECEIVE_COUNT + " attempts");
            });
        }
    }
}
