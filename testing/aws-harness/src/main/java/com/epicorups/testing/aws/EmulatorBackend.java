package com.epicorups.testing.aws;

import java.net.URI;

/** One running emulator (or an endpoint someone else runs) that speaks the AWS APIs. */
interface EmulatorBackend extends AutoCloseable {
    URI endpoint();

    /** For messages and the report: what it is and where it runs. */
    String description();

    @Override
    void close();
}
