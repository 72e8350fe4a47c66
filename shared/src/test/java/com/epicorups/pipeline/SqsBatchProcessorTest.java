package com.epicorups.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.epicorups.core.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SqsBatchProcessorTest {

    private static SQSEvent event(int n) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m" + i);
            m.setBody("body-" + i);
            m.setReceiptHandle("rh-" + i);
            m.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:ShipmentRequestsQueue");
            m.setAttributes(Map.of("ApproximateReceiveCount", String.valueOf(i % 4 + 1)));
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    @Test
    void neverRunsMoreMessagesAtOnceThanTheBound() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        // The first three handlers wait for each other: three run at once for certain, and a fourth would start
        // while they wait if the bound let it.
        CountDownLatch threeRunning = new CountDownLatch(3);
        AtomicBoolean neverThreeAtOnce = new AtomicBoolean();
        SqsBatchProcessor processor = new SqsBatchProcessor(3);

        SQSBatchResponse response = processor.process(event(12), m -> {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            threeRunning.countDown();
            try {
                if (!threeRunning.await(60, TimeUnit.SECONDS)) {
                    neverThreeAtOnce.set(true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return MessageResult.done();
        });

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(neverThreeAtOnce).as("three handlers ran at once").isFalse();
        assertThat(maxRunning.get()).isEqualTo(3);
    }

    @Test
    void reportsOnlyRetriesAndThrowsAsFailuresAndPassesSqsAttributesThrough() {
        Map<String, InboundMessage> seen = new ConcurrentHashMap<>();
        SqsBatchProcessor processor = new SqsBatchProcessor(4);

        SQSBatchResponse response = processor.process(event(6), m -> {
            seen.put(m.messageId(), m);
            return switch (m.messageId()) {
                case "m1" -> MessageResult.retry(Reason.UPS_UNAVAILABLE, "503");
                case "m2" -> throw new IllegalStateException("bug");
                case "m3" -> MessageResult.deadLettered(Reason.MALFORMED_MESSAGE, "parse error");
                case "m4" -> MessageResult.skipped(Reason.ALREADY_SHIPPED, null);
                default -> MessageResult.done();
            };
        });

        assertThat(failedIds(response)).containsExactlyInAnyOrder("m1", "m2");
        InboundMessage m3 = seen.get("m3");
        assertThat(m3.sourceQueue()).isEqualTo("ShipmentRequestsQueue");
        assertThat(m3.receiveCount()).isEqualTo(4);
        assertThat(m3.receiptHandle()).isEqualTo("rh-3");
        assertThat(m3.body()).isEqualTo("body-3");
    }

    @Test
    void aMessageTwiceInOneBatchIsHandledOnceAsItsLatestReceive() {
        SQSEvent event = event(3);
        SQSEvent.SQSMessage again = new SQSEvent.SQSMessage();
        again.setMessageId("m1");
        again.setBody("body-1");
        again.setReceiptHandle("rh-1-again");
        again.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:ShipmentRequestsQueue");
        again.setAttributes(Map.of("ApproximateReceiveCount", "5"));
        List<SQSEvent.SQSMessage> records = new ArrayList<>(event.getRecords());
        records.add(again);
        event.setRecords(records);
        List<InboundMessage> handled = new java.util.concurrent.CopyOnWriteArrayList<>();

        SQSBatchResponse response = new SqsBatchProcessor(4, VisibilityBackoff.none(), 5).process(event, m -> {
            handled.add(m);
            return m.messageId().equals("m1") ? MessageResult.retry(Reason.UPS_UNAVAILABLE, "503") : MessageResult.done();
        });

        assertThat(handled).extracting(InboundMessage::messageId).containsExactlyInAnyOrder("m0", "m1", "m2");
        assertThat(handled).filteredOn(m -> m.messageId().equals("m1")).singleElement().satisfies(m -> {
            assertThat(m.receiptHandle()).isEqualTo("rh-1-again");
            assertThat(m.isLastReceive()).isTrue();
        });
        assertThat(failedIds(response)).containsExactly("m1");
    }

    @Test
    void aRetriedMessageIsHiddenLongerTheMoreOftenItWasReceived() {
        Map<String, Duration> delays = new ConcurrentHashMap<>();
        VisibilityBackoff backoff = new VisibilityBackoff(delays::put, Duration.ofSeconds(30), Duration.ofMinutes(15));
        SqsBatchProcessor processor = new SqsBatchProcessor(2, backoff);

        processor.process(event(4), m -> m.messageId().equals("m0") ? MessageResult.done()
                : MessageResult.retry(Reason.UPS_UNAVAILABLE, null));

        assertThat(delays).doesNotContainKey("rh-0")
                .containsEntry("rh-1", Duration.ofSeconds(60))
                .containsEntry("rh-2", Duration.ofSeconds(120))
                .containsEntry("rh-3", Duration.ofSeconds(240));
        assertThat(backoff.delayFor(10)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void aRetryThatKnowsWhenItCanSucceedIsHiddenUntilThen() {
        Map<String, Duration> delays = new ConcurrentHashMap<>();
        VisibilityBackoff backoff = new VisibilityBackoff(delays::put, Duration.ofSeconds(30), Duration.ofMinutes(15));

        new SqsBatchProcessor(2, backoff).process(event(2), m -> m.messageId().equals("m0")
                ? MessageResult.retryAfter(Reason.CLAIM_IN_PROGRESS, null, Duration.ofMinutes(10))
                : MessageResult.retryAfter(Reason.CLAIM_IN_PROGRESS, null, Duration.ofSeconds(5)));

        assertThat(delays).containsEntry("rh-0", Duration.ofMinutes(10).plusSeconds(1))
                .containsEntry("rh-1", Duration.ofSeconds(60));
        assertThat(backoff.delayFor(InboundMessage.of("x", "b"), MessageResult.retryAfter(Reason.CLAIM_IN_PROGRESS, null,
                Duration.ofDays(2)))).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void aFailingVisibilityChangeDoesNotChangeTheOutcome() {
        VisibilityBackoff backoff = new VisibilityBackoff((h, d) -> {
            throw new IllegalStateException("sqs down");
        }, Duration.ofSeconds(30), Duration.ofMinutes(15));
        SQSBatchResponse response = new SqsBatchProcessor(1, backoff)
                .process(event(1), m -> MessageResult.retry(Reason.UPS_UNAVAILABLE, null));
        assertThat(failedIds(response)).containsExactly("m0");
    }

    @Test
    void anEmptyEventHasNoFailures() {
        assertThat(new SqsBatchProcessor(2).process(new SQSEvent(), m -> MessageResult.done())
                .getBatchItemFailures()).isEmpty();
    }

    @Test
    void withTheQueuesMaxReceiveCountEachMessageKnowsWhetherItIsOnItsLastReceive() {
        Map<String, Boolean> last = new ConcurrentHashMap<>();
        Map<String, Duration> delays = new ConcurrentHashMap<>();
        VisibilityBackoff backoff = new VisibilityBackoff(delays::put, Duration.ofSeconds(30), Duration.ofMinutes(15));

        // receive counts 1, 2, 3, 4; maxReceiveCount 3: m2 and m3 are on their last receive
        SQSBatchResponse response = new SqsBatchProcessor(2, backoff, 3).process(event(4), m -> {
            last.put(m.messageId(), m.isLastReceive());
            return m.isLastReceive() && m.messageId().equals("m2")
                    ? MessageResult.deadLettered(Reason.UPS_UNAVAILABLE, "after 3 attempts")
                    : MessageResult.retry(Reason.UPS_UNAVAILABLE, null);
        });

        assertThat(last).containsEntry("m0", false).containsEntry("m1", false).containsEntry("m2", true)
                .containsEntry("m3", true);
        assertThat(failedIds(response)).as("a final failure the handler dead-lettered is deleted by SQS")
                .containsExactlyInAnyOrder("m0", "m1", "m3");
        assertThat(delays).as("retries still back off").containsOnlyKeys("rh-0", "rh-1", "rh-3")
                .containsEntry("rh-1", Duration.ofSeconds(60));
    }

    @Test
    void withoutTheQueuesMaxReceiveCountNoReceiveIsTheLast() {
        Map<String, Boolean> last = new ConcurrentHashMap<>();
        new SqsBatchProcessor(2).process(event(4), m -> {
            last.put(m.messageId(), m.isLastReceive());
            return MessageResult.done();
        });
        assertThat(last).hasSize(4).doesNotContainValue(true);
    }
}
