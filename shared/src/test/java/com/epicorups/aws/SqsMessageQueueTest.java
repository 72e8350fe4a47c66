package com.epicorups.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.core.ConnectorException;
import com.epicorups.core.FailureKind;
import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.testing.aws.AwsEmulatorExtension;
import com.epicorups.testing.aws.ProvisionedResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(AwsEmulatorExtension.class)
class SqsMessageQueueTest {
    private final AwsEmulator aws;
    private final ProvisionedResources resources;

    SqsMessageQueueTest(AwsEmulator aws, ProvisionedResources resources) {
        this.aws = aws;
        this.resources = resources;
    }

    @Test
    void sendCarriesStringMessageAttributes() {
        SqsMessageQueue dlq = new SqsMessageQueue(aws.sqs(), resources.shipmentRequestsDlqUrl());
        String id = dlq.send("{\"releaseKey\":\"EPIC06#1#1#1\"}", Map.of("reasonCode", "ADDRESS_REJECTED",
                "sourceQueue", "shipment-requests"));

        Message message = aws.sqs().receiveMessage(r -> r.queueUrl(resources.shipmentRequestsDlqUrl())
                .messageAttributeNames("All").waitTimeSeconds(20)).messages().get(0);
        assertThat(message.messageId()).isEqualTo(id);
        assertThat(message.body()).isEqualTo("{\"releaseKey\":\"EPIC06#1#1#1\"}");
        assertThat(message.messageAttributes()).hasSize(2);
        assertThat(message.messageAttributes().get("reasonCode").stringValue()).isEqualTo("ADDRESS_REJECTED");
        assertThat(message.messageAttributes().get("reasonCode").dataType()).isEqualTo("String");
    }

    @Test
    void sendAllUsesBatchesOfTen() {
        CallCounter calls = new CallCounter();
        try (SqsClient counted = aws.sqsBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(calls)).build()) {
            List<String> bodies = IntStream.range(0, 23).mapToObj(i -> "message-" + i).toList();
            new SqsMessageQueue(counted, resources.trackingUpdatesQueueUrl()).sendAll(bodies);

            assertThat(calls.count("SendMessageBatch")).isEqualTo(3);
            assertThat(receiveAll(resources.trackingUpdatesQueueUrl())).containsExactlyInAnyOrderElementsOf(bodies);
        }
    }

    @Test
    void anEntrySqsRefusesFailsTheCallAfterTheOthersAreSent() {
        SqsMessageQueue queue = new SqsMessageQueue(aws.sqs(), resources.shipmentRequestsQueueUrl());
        // U+0000 is outside the characters SQS allows in a message body.
        List<String> bodies = List.of("ok-1", "bad-\u0000", "ok-2");
        assertThatThrownBy(() -> queue.sendAll(bodies))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.reasonCode()).isEqualTo("QUEUE_SEND_FAILED");
                    assertThat(e.kind()).isEqualTo(FailureKind.PERMANENT);
                });
        assertThat(receiveAll(resources.shipmentRequestsQueueUrl())).containsExactlyInAnyOrder("ok-1", "ok-2");
    }

    private List<String> receiveAll(String queueUrl) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = aws.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            messages.forEach(m -> {
                bodies.add(m.body());
                aws.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            });
        }
    }
}
