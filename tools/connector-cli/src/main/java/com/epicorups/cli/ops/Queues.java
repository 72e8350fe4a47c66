package com.epicorups.cli.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The connector's two work queues and their DLQs, by the names operators use. */
public record Queues(SqsClient sqs, Map<String, Pair> pairs) {

    /** A source queue and its dead-letter queue. */
    public record Pair(String name, String url, String dlqUrl) {
    }

    /** Depths of one queue: visible, in flight, delayed. */
    public record Depth(int visible, int inFlight, int delayed) {
    }

    public static Queues of(SqsClient sqs, String shipmentRequestsUrl, String shipmentRequestsDlqUrl,
                            String trackingUpdatesUrl, String trackingUpdatesDlqUrl) {
        Map<String, Pair> pairs = new LinkedHashMap<>();
        pairs.put("shipment-requests", new Pair("shipment-requests", shipmentRequestsUrl, shipmentRequestsDlqUrl));
        pairs.put("tracking-updates", new Pair("tracking-updates", trackingUpdatesUrl, trackingUpdatesDlqUrl));
        return new Queues(sqs, Map.copyOf(pairs));
    }

    public Pair pair(String name) {
        Pair pair = pairs.get(name);
        if (pair == null) {
            throw new IllegalArgumentException("unknown queue '" + name + "': use shipment-requests or tracking-updates");
        }
        return pair;
    }

    public Depth depth(String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return new Depth(parse(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                parse(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)),
                parse(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)));
    }

    public String arn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static int parse(String value) {
        return value == null ? 0 : Integer.parseInt(value);
    }
}
