package com.epicorups.cli;

import com.epicorups.cli.ops.Replay;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Redoes failed work.",
                "--dlq QUEUE: moves the DLQ's messages back to the queue (SQS StartMessageMoveTask), the same as "
                        + "`aws sqs start-message-move-task --source-arn <DLQ arn> --destination-arn <queue arn>`.",
                "--release KEY / --day YYYY-MM-DD: re-enqueues failures recorded in the audit trail (for failures "
                        + "older than the DLQ's 14-day retention); already replayed ones only with --force.",
                "--kept S3_URI: a Track Alert event the webhook kept in the label bucket while SQS and DynamoDB "
                        + "failed: audited, then replayed."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsTargetOptions target;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--dlq", paramLabel = "QUEUE", description = "shipment-requests or tracking-updates")
        String dlq;

        @Option(names = "--release", paramLabel = "KEY", description = "A release key, e.g. EPIC06#5001#1#1")
        String release;

        @Option(names = "--day", paramLabel = "YYYY-MM-DD", description = "Every failure audited that UTC day")
        LocalDate day;

        @Option(names = "--kept", paramLabel = "S3_URI",
                description = "A Track Alert event the webhook kept in the label bucket (s3://BUCKET/webhook-events/...)")
        String kept;
    }

    @Option(names = "--force", description = "Re-enqueue audit failures even if they were replayed before.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AwsTargetOptions.Deployment deployment = target.connect()) {
            Replay replay = new Replay(deployment.queues(), deployment.assembly().auditReplay(),
                    deployment.assembly().parts().labels(), deployment.assembly().parts().auditLog());
            if (what.dlq != null) {
                Replay.print(replay.redriveDlq(what.dlq), out);
            } else if (what.kept != null) {
                Replay.print(replay.kept(what.kept, force), out);
            } else if (what.release != null) {
                Replay.print(replay.release(what.release, force), out);
            } else {
                Replay.print(replay.day(what.day, force), out);
            }
            out.flush();
            return 0;
        }
    }
}
