package com.epicorups.cli.ops;

import com.epicorups.pipeline.AuditReplay;
import com.epicorups.pipeline.KeptWebhookEvent;
import com.epicorups.store.AuditEntry;
import com.epicorups.store.AuditLog;
import com.epicorups.store.LabelStore;
import com.epicorups.pipeline.ReplaySummary;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;

/**
 * Two ways to redo failed work: a DLQ redrive (SQS StartMessageMoveTask from the DLQ back to its source queue,
 * for messages within the DLQ's 14-day retention) and a re-enqueue from the audit trail (for older failures,
 * or failures that never reached a DLQ).
 */
public final class Replay {
    private final Queues queues;
    private final AuditReplay auditReplay;
    private final LabelStore labels;
    private final AuditLog auditLog;

    public record MoveResult(String queue, String dlqArn, String sourceArn, String taskHandle,
                             List<ListMessageMoveTasksResultEntry> tasks) {
    }

    public Replay(Queues queues, AuditReplay auditReplay) {
        this(queues, auditReplay, null, null);
    }

    /** @param labels and auditLog: for Track Alert events the webhook kept in the label bucket */
    public Replay(Queues queues, AuditReplay auditReplay, LabelStore labels, AuditLog auditLog) {
        this.queues = queues;
        this.auditReplay = auditReplay;
        this.labels = labels;
        this.auditLog = auditLog;
    }

    /**
     * A Track Alert event the webhook kept in the label bucket (SQS and DynamoDB failed together): written into the
     * audit table as the FAILED entry it stands for, then replayed like any audited failure.
     */
    public ReplaySummary kept(String location, boolean force) {
        AuditEntry entry = KeptWebhookEvent.fromJson(labels.keptEvent(location));
        auditLog.record(entry);
        return auditReplay.replaySubject(entry.subjectKey(), force);
    }

    /** Starts moving every message of the queue's DLQ back to the queue; returns the task and its status. */
    public MoveResult redriveDlq(String queueName) {
        Queues.Pair pair = queues.pair(queueName);
        String dlqArn = queues.arn(pair.dlqUrl());
        String sourceArn = queues.arn(pair.url());
        String handle = queues.sqs().startMessageMoveTask(r -> r.sourceArn(dlqArn).destinationArn(sourceArn))
                .taskHandle();
        List<ListMessageMoveTasksResultEntry> tasks = queues.sqs()
                .listMessageMoveTasks(r -> r.sourceArn(dlqArn).maxResults(1)).results();
        return new MoveResult(queueName, dlqArn, sourceArn, handle, tasks);
    }

    public ReplaySummary release(String releaseKey, boolean force) {
        return auditReplay.replaySubject(releaseKey, force);
    }

    public ReplaySummary day(LocalDate day, boolean force) {
        return auditReplay.replayDay(day, force);
    }

    public static void print(MoveResult r, PrintWriter out) {
        out.println("Started moving the messages of " + r.queue() + "-dlq back to " + r.queue());
        out.println("  task handle: " + r.taskHandle());
        for (ListMessageMoveTasksResultEntry t : r.tasks()) {
            Long toMove = t.approximateNumberOfMessagesToMove();
            out.println("  status: " + t.status() + ", moved " + t.approximateNumberOfMessagesMoved()
                    + (toMove != null && toMove > 0 ? " of about " + toMove : "")
                    + (t.failureReason() == null ? "" : ", failure: " + t.failureReason()));
        }
        out.println("  same as: aws sqs start-message-move-task --source-arn " + r.dlqArn()
                + " --destination-arn " + r.sourceArn());
        out.println("  follow:  aws sqs list-message-move-tasks --source-arn " + r.dlqArn());
    }

    public static void print(ReplaySummary s, PrintWriter out) {
        out.println("Re-enqueued " + s.replayed() + " failed work item(s) from the audit trail"
                + (s.alreadyReplayed() > 0 ? "; " + s.alreadyReplayed() + " already replayed (use --force to send again)" : "")
                + (s.notReplayable() > 0 ? "; " + s.notReplayable() + " not replayable (no replay message)" : ""));
        s.subjects().forEach(subject -> out.println("  " + subject));
    }
}
