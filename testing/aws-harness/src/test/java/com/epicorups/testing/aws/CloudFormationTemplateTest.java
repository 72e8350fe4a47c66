package com.epicorups.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudFormationTemplateTest {
    @TempDir
    Path dir;

    @Test
    void shortFormTagsBecomeLongFormIntrinsics() throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                Conditions:
                  HasMail: !Not [!Equals [!Ref Mail, '']]
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Sub ${AWS::StackName}-q
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt Dlq.Arn
                        maxReceiveCount: !Ref Max
                  Dlq:
                    Type: AWS::SQS::Queue
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Join ['-', [!Select [0, !Split ['/', !Ref AWS::StackId]], t]]
                      Other: !If [HasMail, !FindInMap [M, a, b], !Base64 x]
                """);

        CloudFormationTemplate template = CloudFormationTemplate.read(file);

        assertThat(template.resourcesOfType("AWS::SQS::Queue")).containsOnlyKeys("Queue", "Dlq");
        Map<String, Object> queue = template.properties("Queue");
        assertThat(queue.get("QueueName")).isEqualTo(Map.of("Fn::Sub", "${AWS::StackName}-q"));
        @SuppressWarnings("unchecked")
        Map<String, Object> redrive = (Map<String, Object>) queue.get("RedrivePolicy");
        assertThat(redrive.get("deadLetterTargetArn")).isEqualTo(Map.of("Fn::GetAtt", List.of("Dlq", "Arn")));
        assertThat(CloudFormationTemplate.referencedId(redrive.get("deadLetterTargetArn"))).isEqualTo("Dlq");
        assertThat(CloudFormationTemplate.referencedId(redrive.get("maxReceiveCount"))).isEqualTo("Max");
        assertThat(template.properties("Table").get("TableName")).isEqualTo(Map.of("Fn::Join", List.of("-",
                List.of(Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of("/", Map.of("Ref", "AWS::StackId"))))),
                        "t"))));
        assertThat(template.properties("Table").get("Other")).isEqualTo(Map.of("Fn::If", List.of("HasMail",
                Map.of("Fn::FindInMap", List.of("M", "a", "b")), Map.of("Fn::Base64", "x"))));
        assertThat(template.root().get("Conditions")).isEqualTo(Map.of("HasMail",
                Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "Mail"), ""))))));
        assertThat(template.properties("Dlq")).isEmpty();
    }

    @Test
    void readsTheProjectTemplate() {
        CloudFormationTemplate template = CloudFormationTemplate.ofProject();

        assertThat(template.resourcesOfType("AWS::DynamoDB::Table"))
                .containsOnlyKeys("TokenCacheTable", "ShipmentsTable", "AuditTable");
        assertThat(template.resourcesOfType("AWS::Serverless::Function")).hasSize(6);
    }

    @Test
    void unknownResourceIsNamedInTheError() {
        CloudFormationTemplate template = CloudFormationTemplate.ofProject();

        assertThatThrownBy(() -> template.resource("NoSuchThing")).hasMessageContaining("NoSuchThing");
    }
}
