package com.epicorups.cli;

import com.epicorups.cli.ops.Status;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Queue and DLQ depths, today's failures by reason, UPS token requests today against the budget.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsTargetOptions target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AwsTargetOptions.Deployment deployment = target.connect()) {
            var parts = deployment.connection().parts();
            Status.Result result = new Status(deployment.queues(), parts.auditLog(), parts.tokenCache(),
                    deployment.assembly(), Clock.systemUTC()).read();
            Status.print(result, out);
            out.flush();
            return 0;
        }
    }
}
