package com.epicorups.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.epicorups.cli.local.QueueDrainer.DrainResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The pipelined drainer (the bench's event-source mapping: the next batch is received while the handler runs, a
 * batch's messages are deleted after it returned) keeps the mapping's promises on a real ElasticMQ: every message
 * reaches the handler, a message the handler reports as failed is not deleted and comes back, and the queue is
 * empty at the end.
 */
class QueueDrainerTest {
    @Test
    void thePipelinedDrainerHandsEveryMessageOverAndRedeliversTheFailedOne() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(1)) {
            EmbeddedSqs.QueuePair queue = sqs.trackingUpdates();
            for (int i = 0; i < 25; i++) {
                String body = "m-" + i;
                sqs.sqs().sendMessage(r -> r.queueUrl(queue.url()).messageBody(body));
            }
            Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
            List<Integer> batchSizes = new CopyOnWriteArrayList<>();
            Set<String> failedOnce = ConcurrentHashMap.newKeySet();
            QueueDrainer drainer = new QueueDrainer(sqs.sqs(), queue.name(), queue.url(), queue.arn(),
                    (SQSEvent event, com.amazonaws.services.lambda.runtime.Context context) -> {
                        batchSizes.add(event.getRecords().size());
                        List<SQSBatchResponse.BatchItemFailure> failures = new CopyOnWriteArrayList<>();
                        for (SQSEvent.SQSMessage m : event.getRecords()) {
                            seen.computeIfAbsent(m.getBody(), b -> new AtomicInteger()).incrementAndGet();
                            if (m.getBody().equals("m-7") && failedOnce.add(m.getBody())) {
                                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                            }
                        }
                        return new SQSBatchResponse(failures);
                    }, 10, 1).pipelined();

            DrainResult result = drainer.drain(Duration.ofSeconds(60));

            assertThat(seen).hasSize(25);
            assertThat(seen.get("m-7")).hasValue(2);
            assertThat(seen.entrySet().stream().filter(e -> !e.getKey().equals("m-7")))
                    .allSatisfy(e -> assertThat(e.getValue()).hasValue(1));
            assertThat(batchSizes).allSatisfy(n -> assertThat(n).isBetween(1, 10));
            assertThat(result.received()).isEqualTo(26);
            assertThat(result.deleted()).isEqualTo(25);
            assertThat(result.reportedFailures()).isEqualTo(1);
            assertThat(result.pending()).isZero();
            assertThat(drainer.depth()).isZero();
        }
    }
}
