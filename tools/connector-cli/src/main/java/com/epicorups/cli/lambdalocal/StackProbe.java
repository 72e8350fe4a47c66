package com.epicorups.cli.lambdalocal;

import com.epicorups.model.ReleaseKey;
import com.epicorups.store.ShipmentRecord;
import com.epicorups.store.dynamo.DynamoShipmentLedger;
import com.epicorups.testing.aws.ProvisionedResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Reads what a function did to one stack's resources: queue depths and messages, the shipment ledger. */
public final class StackProbe {
    /** The template's queues, as their variables name them. */
    static final List<String> QUEUES = List.of("ShipmentRequestsQueue", "ShipmentRequestsDLQ", "TrackingUpdatesQueue",
            "TrackingUpdatesDLQ");

    private final LambdaLocalStack stack;
    private final ProvisionedResources resources;

    public StackProbe(LambdaLocalStack stack, ProvisionedResources resources) {
        this.stack = stack;
        this.resources = resources;
    }

    /** Messages in the queue, visible or in flight (ElasticMQ counts exactly). */
    public int depth(String queueLogicalId) {
        Map<QueueAttributeName, String> attributes = stack.aws().sqs().getQueueAttributes(r -> r
                .queueUrl(resources.queueUrl(queueLogicalId))
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"))
                + Integer.parseInt(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
    }

    /** Every queue's depth, by logical ID. */
    public Map<String, Integer> depths() {
        Map<String, Integer> depths = new LinkedHashMap<>();
        QUEUES.forEach(q -> depths.put(q, depth(q)));
        return depths;
    }

    /** The bodies of the queue's visible messages, received with a zero visibility timeout (they stay). */
    public List<String> peek(String queueLogicalId) {
        List<String> bodies = new ArrayList<>();
        for (Message m : stack.aws().sqs().receiveMessage(r -> r.queueUrl(resources.queueUrl(queueLogicalId))
                .maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(0)).messages()) {
            bodies.add(m.body());
        }
        return bodies;
    }

    public Optional<ShipmentRecord> ledger(ReleaseKey key) {
        return new DynamoShipmentLedger(stack.aws().dynamoDb(), resources.shipmentsTable()).get(key);
    }
}
