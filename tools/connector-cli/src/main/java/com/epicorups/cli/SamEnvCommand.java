package com.epicorups.cli;

import com.epicorups.cli.aws.SamEnvVars;
import com.epicorups.core.Json;
import com.epicorups.testing.aws.StackValues;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClientBuilder;

@Command(name = "sam-env", mixinStandardHelpOptions = true,
        description = {"Writes the --env-vars file `sam local invoke` needs to run a function against a deployed "
                + "stack: every variable template.yaml declares, resolved as CloudFormation did, from the stack's "
                + "parameters and resources (SAM CLI leaves a !Ref of a resource empty, and init rejects it).",
                "Example: sam-env --stack epicor-ups-connector --output sam-env.json, then "
                        + "sam local invoke OrderPollerFunction -e events/order-poller.json --env-vars sam-env.json. "
                        + "Uses the AWS SDK's default credentials (AWS_PROFILE, ...); needs cloudformation:DescribeStacks "
                        + "and cloudformation:ListStackResources."})
public final class SamEnvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--stack", required = true, paramLabel = "NAME", description = "The deployed stack.")
    String stack;

    @Option(names = "--region", paramLabel = "R", description = "AWS region of the stack (default: the SDK's).")
    String region;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the file here (default: print it).")
    Path output;

    @Option(names = "--root", defaultValue = ".",
            description = "Repository root holding template.yaml (default: the current folder).")
    Path root;

    @Override
    public Integer call() throws IOException {
        CloudFormationClientBuilder builder = CloudFormationClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        if (region != null) {
            builder.region(Region.of(region));
        }
        StackValues values;
        try (CloudFormationClient cfn = builder.build()) {
            values = SamEnvVars.fromStack(cfn, stack);
        }
        String json = Json.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(SamEnvVars.document(root.resolve("template.yaml"), values));
        PrintWriter out = spec.commandLine().getOut();
        if (output == null) {
            out.println(json);
        } else {
            Files.writeString(output, json + "\n");
            out.println("sam-env: " + output + " holds the variables of template.yaml's functions in stack "
                    + values.stackName() + " (" + values.region() + ")");
        }
        out.flush();
        return 0;
    }
}
