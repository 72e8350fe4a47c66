package com.epicorups.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Sends a real SDK client's requests to a dead endpoint (a local port nothing listens on) while switched off: the
 * client, its HTTP transport and its retries fail as they do when the service cannot be reached, without a fake of
 * the service. Switched on, requests go to the emulator as configured.
 */
final class DeadEndpointSwitch implements ExecutionInterceptor {
    private final int deadPort = closedPort();
    private volatile boolean down;

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        return down ? request.toBuilder().host("127.0.0.1").port(deadPort).build() : request;
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
