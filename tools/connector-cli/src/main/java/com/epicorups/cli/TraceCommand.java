package com.epicorups.cli;

import com.epicorups.cli.ops.Trace;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "The timeline of an order or release from the audit trail, oldest first, with its ledger state.")
public final class TraceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AwsTargetOptions target;

    @Parameters(paramLabel = "ORDER|RELEASE_KEY",
            description = "An order number (5001, or EPIC06#5001) or a release key (EPIC06#5001#1#1).")
    String query;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AwsTargetOptions.Deployment deployment = target.connect()) {
            var parts = deployment.connection().parts();
            Trace.Result result = new Trace(parts.auditLog(), parts.ledger(), deployment.releaseFinder()).trace(query);
            Trace.print(result, out);
            out.flush();
            return result.releases().isEmpty() ? 4 : 0;
        }
    }
}
