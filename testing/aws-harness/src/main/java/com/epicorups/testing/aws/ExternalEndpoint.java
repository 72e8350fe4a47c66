package com.epicorups.testing.aws;

import java.net.URI;

/** An emulator started outside the JVM (AWS_EMULATOR_ENDPOINT); the harness neither starts nor stops it. */
record ExternalEndpoint(URI endpoint) implements EmulatorBackend {
    @Override
    public String description() {
        return "external emulator at " + endpoint;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
