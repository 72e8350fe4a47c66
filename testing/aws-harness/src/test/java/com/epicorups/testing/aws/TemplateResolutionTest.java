package com.epicorups.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateResolutionTest {
    @TempDir
    Path dir;

    @Test
    void shortFormTagsBecomeLongFormAndResolve() throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Parameters:
                  Count: {Type: Number, Default: 7}
                  Env: {Type: String, Default: dev}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                  IsNotProd: !Not [!Condition IsProd]
                Resources:
                  Q:
                    Type: AWS::SQS::Queue
                    Properties:
                      Name: !Sub '${AWS::StackName}-q'
                      Other: !Sub ['${Pre}-${Count}-${Q.Arn}-${!Literal}', {Pre: x}]
                      Target: !GetAtt Q.Arn
                      Joined: !Join ['/', [a, !Ref Count]]
                      Unneeded: !If [IsProd, !Ref Other, !Ref AWS::NoValue]
                      Chosen: !If [IsNotProd, !Select [1, [a, b]], c]
                  T:
                    Type: AWS::DynamoDB::Table
                """);
        TemplateResources template = new TemplateResources(CloudFormationTemplate.load(file));
        assertThat(template.logicalIdsOfType("AWS::SQS::Queue")).containsExactly("Q");
        Map<String, Object> props = template.properties("Q");
        assertThat(props.get("Target")).isEqualTo(Map.of("Fn::GetAtt", List.of("Q", "Arn")));
        assertThat(props.get("Unneeded")).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) props.get("Unneeded")).containsKey("Fn::If")).isTrue();

        Intrinsics intrinsics = new Intrinsics(
                Intrinsics.parameterDefaults(template, pseudo()), template.conditions(),
                id -> null, (id, attribute) -> id.equals("Q") && attribute.equals("Arn") ? "arn:q" : null);
        assertThat(intrinsics.resolve(props.get("Name"))).isEqualTo("stack-q");
        assertThat(intrinsics.resolve(props.get("Other"))).isEqualTo("x-7-arn:q-${Literal}");
        assertThat(intrinsics.resolve(props.get("Target"))).isEqualTo("arn:q");
        assertThat(intrinsics.resolve(props.get("Joined"))).isEqualTo("a/7");
        assertThat(intrinsics.resolve(props.get("Chosen"))).isEqualTo("b");
        @SuppressWarnings("unchecked")
        Map<String, Object> resolved = (Map<String, Object>) intrinsics.resolve(props);
        assertThat(resolved).as("AWS::NoValue drops the property").doesNotContainKey("Unneeded")
                .containsKey("Chosen");
    }

    private static Map<String, Object> pseudo() {
        Map<String, Object> pseudo = new java.util.HashMap<>();
        pseudo.put("AWS::StackName", "stack");
        pseudo.put("AWS::NoValue", null);
        return pseudo;
    }
}
