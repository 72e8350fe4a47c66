package com.epicorups.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.function.trackingwriter.TrackingWriterHandler;
import com.epicorups.pipeline.DeadLetters;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Issue 17's "done when": an Epicor that accepts the connection and never answers (a server socket that reads
 * nothing back), with the tracking writer's 60 s Lambda context. Without a deadline one write would take
 * epicor.maxAttempts (3) x readTimeoutSeconds (60) and Lambda would kill the invocation first: the last receive's
 * dead-letter with a reason and its audit would never run. With it the calls stop when the context's 60 s less the
 * writer's 10 s reserve are spent, the message's last receive is dead-lettered with DEADLINE and audited FAILED
 * with the message to replay, inside the reserve.
 * (Real time: the writer spends its 50 s budget waiting on the silent Epicor.)
 */
class DeadlineEndToEndTest {
    private static final String UPDATE = """
            {"eventId":"deadline#1","source":"TRACK_ALERT","releaseKey":{"company":"EPIC06","orderNum":5001,\
            "orderLine":1,"orderRelNum":1},"trackingNumbers":["1Z12345E0205271686"],"status":"IN_TRANSIT",\
            "statusDescription":"On the way","eventTime":"2026-11-27T12:00:00Z"}""";

    private ConnectorWorld world;
    private ServerSocket silentEpicor;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        if (world != null) {
            world.close();
        }
        if (silentEpicor != null) {
            silentEpicor.close();
        }
        for (Socket s : accepted) {
            s.close();
        }
    }

    @Test
    void aNeverAnsweringEpicorEndsInTheDlqWithDeadlineAndAReplayableAuditBeforeLambdaWouldKillTheWriter()
            throws IOException {
        world = new ConnectorWorld(s -> s.replace("\"maxAttempts\":2", "\"maxAttempts\":3"));
        silentEpicor = new ServerSocket(0);
        Thread.ofPlatform().daemon().start(() -> {
            while (!silentEpicor.isClosed()) {
                try {
                    accepted.add(silentEpicor.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
        world.aws.secretsManager().putSecretValue(r -> r.secretId(world.resources.epicorSecretId()).secretString("""
                {"baseUrl":"http://127.0.0.1:%d/EpicorLive","company":"EPIC06","apiKey":"%s","authMode":"BASIC",\
                "username":"%s","password":"%s"}""".formatted(silentEpicor.getLocalPort(),
                ConnectorWorld.EPICOR_API_KEY, ConnectorWorld.EPICOR_USER, ConnectorWorld.EPICOR_PASSWORD)));
        String queue = world.resources.trackingUpdatesQueueUrl();
        world.aws.sqs().sendMessage(r -> r.queueUrl(queue).messageBody(UPDATE));
        // Four receives that ended without an answer (visibility ran out): the next is the last of five.
        for (int i = 0; i < 4; i++) {
            Message m = world.aws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages().get(0);
            world.aws.sqs().changeMessageVisibility(r -> r.queueUrl(queue).receiptHandle(m.receiptHandle())
                    .visibilityTimeout(0));
        }

        TestContext context = new TestContext("sqs-tracking-updates", 60_000);
        SqsEventSource.Invocation invocation = world.trackingUpdates.invoke(new TrackingWriterHandler(),
                world.aws.sqs().receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages(), context);

        assertThat(accepted).as("Epicor was called and never answered").isNotEmpty();
        assertThat(invocation.failedMessageIds()).as("dead-lettered by the writer, so acknowledged").isEmpty();
        List<Message> dead = world.peek(world.resources.trackingUpdatesDlqUrl());
        assertThat(dead).singleElement().satisfies(m -> {
            assertThat(m.body()).isEqualTo(UPDATE);
            assertThat(m.messageAttributes().get(DeadLetters.REASON_CODE).stringValue()).isEqualTo("DEADLINE");
            String reason = m.messageAttributes().get(DeadLetters.REASON_MESSAGE).stringValue();
            assertThat(reason).startsWith("DEADLINE after 5 attempts").contains("did not answer within");
            // Returned before its deadline by construction: the budget the calls had is the context's 60 s less
            // the writer's 10 s reserve, which the dead-letter and the audit above then used.
            Matcher budget = Pattern.compile("time budget \\((\\d+) ms after the failure-path reserve\\)")
                    .matcher(reason);
            assertThat(budget.find()).as(reason).isTrue();
            assertThat(Long.parseLong(budget.group(1))).isBetween(1L, 50_000L);
        });
        Map<String, AttributeValue> failed = world.audit().stream()
                .filter(i -> "FAILED".equals(Fixtures.s(i, "outcome"))).findFirst().orElseThrow();
        assertThat(Fixtures.s(failed, "reasonCode")).isEqualTo("DEADLINE");
        assertThat(Fixtures.s(failed, "replayMessage")).isEqualTo(UPDATE);
        assertThat(world.approximateCount(queue)).as("nothing left on the queue").isZero();
    }
}
