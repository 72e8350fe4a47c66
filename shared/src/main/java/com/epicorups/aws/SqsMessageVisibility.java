package com.epicorups.aws;

import com.epicorups.logging.JsonLogger;
import com.epicorups.queue.MessageVisibility;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageNotInflightException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Delays a received message's next delivery with ChangeMessageVisibility on one queue. The delay is rounded up
 * to whole seconds and clamped to SQS's 12-hour maximum. A message that is gone (deleted, or its receipt handle
 * expired because it was delivered again) has no delivery left to delay: that is logged and ignored.
 */
public final class SqsMessageVisibility implements MessageVisibility {
    /** SQS refuses a VisibilityTimeout above 43,200 seconds. */
    static final Duration MAX_DELAY = Duration.ofHours(12);
    private static final JsonLogger LOG = JsonLogger.getLogger(SqsMessageVisibility.class);

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsMessageVisibility(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void delay(String receiptHandle, Duration delay) {
        Objects.requireNonNull(receiptHandle, "receiptHandle");
        int seconds = visibilitySeconds(delay);
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(receiptHandle)
                    .visibilityTimeout(seconds));
        } catch (ReceiptHandleIsInvalidException | MessageNotInflightException gone) {
            LOG.info("visibility_not_changed_message_gone", "queueUrl", queueUrl, "errorCode",
                    gone.awsErrorDetails() == null ? gone.getClass().getSimpleName() : gone.awsErrorDetails().errorCode());
        } catch (SqsException e) {
            if (!isGone(e)) {
                throw e;
            }
            LOG.info("visibility_not_changed_message_gone", "queueUrl", queueUrl, "errorCode",
                    e.awsErrorDetails().errorCode());
        }
    }

    /** Whole seconds, rounded up so a retry never comes early; between 0 and 12 hours. */
    static int visibilitySeconds(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.isZero()) {
            return 0;
        }
        if (delay.compareTo(MAX_DELAY) >= 0) {
            return (int) MAX_DELAY.getSeconds();
        }
        return (int) (delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0));
    }

    /** The query protocol's prefixed codes ({@code AWS.SimpleQueueService.MessageNotInflight}) may not map to the typed error. */
    private static boolean isGone(SqsException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code != null && (code.endsWith("ReceiptHandleIsInvalid") || code.endsWith("MessageNotInflight"));
    }
}
