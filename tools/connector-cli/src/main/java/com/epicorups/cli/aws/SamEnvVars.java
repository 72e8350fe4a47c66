package com.epicorups.cli.aws;

import com.epicorups.core.Json;
import com.epicorups.testing.aws.StackFunction;
import com.epicorups.testing.aws.StackValues;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;

/**
 * The {@code --env-vars} file of {@code sam local invoke} for a deployed stack. SAM CLI does not resolve a
 * template's {@code !Ref} of a resource when it runs a function locally: it hands the function an empty value, and
 * init rejects it. The file gives every variable template.yaml declares its value in the stack, resolved as
 * CloudFormation did (the same resolution as the local runs: {@link StackFunction}), from the stack's parameter
 * values and its resources' physical IDs, which are what {@code !Ref} gives for tables, queues, secrets and buckets.
 * SAM only takes values for variables the template declares, so nothing else goes in.
 */
public final class SamEnvVars {
    private SamEnvVars() {
    }

    /** The stack's name, region, account, parameter values and every resource's physical ID, from CloudFormation. */
    public static StackValues fromStack(CloudFormationClient cfn, String stackName) {
        List<Stack> stacks = cfn.describeStacks(r -> r.stackName(stackName)).stacks();
        if (stacks.isEmpty()) {
            throw new IllegalArgumentException("stack " + stackName + " not found");
        }
        Stack stack = stacks.get(0);
        // arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/ID
        String[] arn = stack.stackId().split(":");
        if (arn.length < 6) {
            throw new IllegalStateException("unexpected stack id " + stack.stackId());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Parameter p : stack.parameters()) {
            // NoEcho parameters come back masked; no function variable of template.yaml uses one.
            parameters.put(p.parameterKey(), p.resolvedValue() != null ? p.resolvedValue() : p.parameterValue());
        }
        Map<String, String> physicalIds = new LinkedHashMap<>();
        for (StackResourceSummary resource : cfn.listStackResourcesPaginator(r -> r.stackName(stackName))
                .stackResourceSummaries()) {
            if (resource.physicalResourceId() != null && !resource.physicalResourceId().isBlank()) {
                physicalIds.put(resource.logicalResourceId(), resource.physicalResourceId());
            }
        }
        return new StackValues(stack.stackName(), arn[3], arn[4], parameters, physicalIds, Map.of());
    }

    /**
     * SAM's variables file: {@code {"<function logical ID>": {"VARIABLE": "value", ...}, ...}} for every function
     * of the template.
     */
    public static ObjectNode document(Path template, StackValues stack) {
        ObjectNode document = Json.mapper().createObjectNode();
        for (String logicalId : StackFunction.logicalIds(template)) {
            ObjectNode variables = document.putObject(logicalId);
            StackFunction.resolve(template, logicalId, stack).environment().forEach(variables::put);
        }
        return document;
    }
}
