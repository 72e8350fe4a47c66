package com.epicorups.testing.aws;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a stack built from template.yaml gives the template's intrinsic functions: its name, region and account
 * (the pseudo parameters), its parameter values, and what {@code !Ref} and {@code !GetAtt} of each resource give.
 * A stack in the emulator ({@link ProvisionedResources#stackValues}) and a deployed stack (its resources' physical
 * IDs) both fit.
 *
 * @param parameters the stack's parameter values; a parameter missing here takes the template's Default
 * @param references logical ID to what {@code !Ref} gives (table and bucket names, queue URLs, secret ARNs)
 * @param attributes logical ID to attribute name to what {@code !GetAtt} gives; may be empty
 */
public record StackValues(String stackName, String region, String accountId, Map<String, String> parameters,
                          Map<String, String> references, Map<String, Map<String, String>> attributes) {
    public StackValues {
        Objects.requireNonNull(stackName, "stackName");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        parameters = Map.copyOf(parameters);
        references = Map.copyOf(references);
        attributes = Map.copyOf(attributes);
    }

    /** The same stack with these parameter values over the ones it has. */
    public StackValues withParameters(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(parameters);
        merged.putAll(overrides);
        return new StackValues(stackName, region, accountId, merged, references, attributes);
    }

    /** The pseudo parameters CloudFormation gives every template, for this stack. */
    Map<String, Object> pseudoParameters() {
        String partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
        Map<String, Object> pseudo = new HashMap<>();
        pseudo.put("AWS::StackName", stackName);
        pseudo.put("AWS::StackId", "arn:" + partition + ":cloudformation:" + region + ":" + accountId + ":stack/"
                + stackName + "/" + stackName);
        pseudo.put("AWS::Region", region);
        pseudo.put("AWS::AccountId", accountId);
        pseudo.put("AWS::Partition", partition);
        pseudo.put("AWS::URLSuffix", partition.equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com");
        pseudo.put("AWS::NoValue", null);
        return pseudo;
    }

    String attribute(String logicalId, String attribute) {
        Map<String, String> ofResource = attributes.get(logicalId);
        return ofResource == null ? null : ofResource.get(attribute);
    }
}
