package com.epicorups.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.testing.aws.AwsEmulator;
import com.epicorups.testing.aws.AwsEmulatorExtension;
import com.epicorups.testing.aws.ProvisionedResources;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SqsException;

@ExtendWith(AwsEmulatorExtension.class)
class SqsMessageVisibilityTest {
    private final AwsEmulator aws;
    private final ProvisionedResources resources;

    SqsMessageVisibilityTest(AwsEmulator aws, ProvisionedResources resources) {
        this.aws = aws;
        this.resources = resources;
    }

    @Test
    void aDelayedMessageComesBackOnlyAfterTheDelay() throws Exception {
        String url = resources.trackingUpdatesQueueUrl();
        aws.sqs().sendMessage(r -> r.queueUrl(url).messageBody("update-1"));
        Message first = receiveOne(url, 20).get(0);

        long delayedAt = System.nanoTime();
        new SqsMessageVisibility(aws.sqs(), url).delay(first.receiptHandle(), Duration.ofMillis(1500));

        // Looked for right after, about 0.8 s later, then with a long poll. Whichever receive finds it (a busy machine
        // may make the first ones late), it finds it only once the delay has passed, on its second receive.
        List<Message> again = receiveOne(url, 0);
        if (again.isEmpty()) {
            Thread.sleep(800);
            again = receiveOne(url, 0);
        }
        if (again.isEmpty()) {
            again = receiveOne(url, 20);
        }
        long waitedMillis = (System.nanoTime() - delayedAt) / 1_000_000;
        assertThat(again).extracting(Message::body).containsExactly("update-1");
        // 1.5 s rounds up to 2 s: never earlier than asked
        assertThat(waitedMillis).isGreaterThanOrEqualTo(1500);
        assertThat(again.get(0).attributesAsStrings()).containsEntry("ApproximateReceiveCount", "2");
    }

    @Test
    void aZeroDelayMakesTheMessageVisibleAtOnce() {
        String url = resources.shipmentRequestsQueueUrl();
        aws.sqs().sendMessage(r -> r.queueUrl(url).messageBody("request-1"));
        Message first = receiveOne(url, 20).get(0);
        new SqsMessageVisibility(aws.sqs(), url).delay(first.receiptHandle(), Duration.ZERO);
        assertThat(receiveOne(url, 20)).extracting(Message::body).containsExactly("request-1");
    }

    @Test
    void aMessageThatIsGoneIsIgnored() {
        String url = resources.shipmentRequestsDlqUrl();
        aws.sqs().sendMessage(r -> r.queueUrl(url).messageBody("gone"));
        Message first = receiveOne(url, 20).get(0);
        aws.sqs().deleteMessage(r -> r.queueUrl(url).receiptHandle(first.receiptHandle()));

        new SqsMessageVisibility(aws.sqs(), url).delay(first.receiptHandle(), Duration.ofSeconds(30));
        new SqsMessageVisibility(aws.sqs(), url).delay("not-a-receipt-handle", Duration.ofSeconds(30));
    }

    @Test
    void otherErrorsAreNotSwallowed() {
        String missingQueue = resources.shipmentRequestsQueueUrl() + "-missing";
        assertThatThrownBy(() -> new SqsMessageVisibility(aws.sqs(), missingQueue).delay("handle", Duration.ofSeconds(1)))
                .isInstanceOf(SqsException.class);
    }

    @Test
    void delaysAreWholeSecondsRoundedUpAndClampedToTwelveHours() {
        assertThat(SqsMessageVisibility.visibilitySeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(SqsMessageVisibility.visibilitySeconds(Duration.ofSeconds(90))).isEqualTo(90);
        assertThat(SqsMessageVisibility.visibilitySeconds(Duration.ofMillis(1500))).isEqualTo(2);
        assertThat(SqsMessageVisibility.visibilitySeconds(Duration.ofHours(13))).isEqualTo(43_200);
        assertThat(SqsMessageVisibility.visibilitySeconds(Duration.ofDays(400))).isEqualTo(43_200);
        assertThat(SqsMessageVisibility.visibilitySeconds(Duration.ofSeconds(-5))).isZero();
    }

    private List<Message> receiveOne(String url, int waitSeconds) {
        return aws.sqs().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(1).waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNamesWithStrings("ApproximateReceiveCount")).messages();
    }
}
