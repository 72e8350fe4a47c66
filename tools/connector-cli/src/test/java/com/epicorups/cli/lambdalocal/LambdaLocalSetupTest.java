package com.epicorups.cli.lambdalocal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.epicorups.testing.aws.CloudFormationTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaLocalSetupTest {
    @TempDir
    Path dir;

    @Test
    void theToolsAreReadFromWhatTheScriptWrote() throws Exception {
        Path home = dir.resolve(".lambda-local");
        Path rie = Files.createDirectories(home.resolve("rie/v1")).resolve("aws-lambda-rie");
        Files.writeString(rie, "#!/bin/sh\n");
        Files.setPosixFilePermissions(rie, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path ric = Files.createDirectories(home.resolve("ric/2.10.1"));
        Files.writeString(ric.resolve("aws-lambda-java-runtime-interface-client-2.10.1.jar"), "");
        Files.writeString(home.resolve("tools.properties"), "rie=rie/v1/aws-lambda-rie\nrie.version=v1\nric=ric/2.10.1\nric.version=2.10.1\n");

        RuntimeTools tools = RuntimeTools.installed(dir);

        assertThat(tools.rie()).isEqualTo(rie.toAbsolutePath());
        assertThat(tools.ricClasspath()).isEqualTo(ric.toAbsolutePath() + "/*");
        assertThat(tools.description()).contains("v1", "2.10.1");
    }

    @Test
    void missingToolsSayHowToInstallThem() throws Exception {
        assertThatThrownBy(() -> RuntimeTools.installed(dir)).hasMessageContaining("scripts/lambda-local.sh --setup");

        Path home = Files.createDirectories(dir.resolve(".lambda-local"));
        Files.writeString(home.resolve("tools.properties"), "rie=rie/v1/aws-lambda-rie\nrie.version=v1\nric=ric\nric.version=1\n");
        assertThatThrownBy(() -> RuntimeTools.installed(dir)).hasMessageContaining("aws-lambda-rie")
                .hasMessageContaining("--setup");
    }

    @Test
    void functionsAreKnownByModuleNameAndLogicalId() {
        Path root = CloudFormationTemplate.projectRoot();
        Path template = root.resolve("template.yaml");

        assertThat(LocalFunction.all(template)).extracting(LocalFunction::name).containsExactlyInAnyOrderElementsOf(
                SmokeRun.ORDER);
        LocalFunction byName = LocalFunction.named(template, "track-alert-webhook");
        assertThat(byName).isEqualTo(LocalFunction.named(template, "TrackAlertWebhookFunction"));
        assertThat(byName.jar(root)).isEqualTo(root.resolve("functions/track-alert-webhook/target/track-alert-webhook.jar"));
        assertThat(byName.event(root)).isRegularFile();
        for (LocalFunction f : LocalFunction.all(template)) {
            assertThat(f.event(root)).as("every function has its events/ sample").isRegularFile();
        }
        assertThatThrownBy(() -> LocalFunction.named(template, "label-printer"))
                .hasMessageContaining("no function label-printer").hasMessageContaining("order-poller");
    }

    @Test
    void theJvmRunsAsLambdasJava25RuntimeStartsItOnDemand() {
        List<String> options = LambdaLocalStack.lambdaJvmOptions(1024);

        assertThat(options).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxRAM=1024m");
    }
}
