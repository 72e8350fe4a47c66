package com.epicorups.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MotoServerTest {
    @Test
    void exitsOnItsOwnWhenTheJvmSideOfItsStdinCloses() throws Exception {
        Path executable = MotoServer.findExecutable(AwsEmulator.connectorRoot()).orElseThrow(() ->
                new EmulatorUnavailableException("no moto_server: " + EmulatorUnavailableException.HOW_TO_GET_ONE));
        MotoServer server = MotoServer.start(executable);
        try {
            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            Process process = server.process();
            // What the OS does to the pipe when the JVM dies, even by SIGKILL: no shutdown hook needed.
            process.getOutputStream().close();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("moto server exited").isTrue();
            assertThat(process.descendants().filter(ProcessHandle::isAlive)).isEmpty();
        } finally {
            server.close();
        }
    }
}
