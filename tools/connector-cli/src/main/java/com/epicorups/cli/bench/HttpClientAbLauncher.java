package com.epicorups.cli.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MEASUREMENT ONLY (issue 15 item 6, {@link HttpClientAb}): the main of one child JVM, on the classpath after a
 * function jar with {@link ColdStartLauncher}. Constructs the handler (Lambda's init, priming included), then handles
 * the events/ sample, and prints the monotonic clock, the process's CPU time and the main thread's CPU time at
 * start of main, at init done and at the handler's return.
 */
public final class HttpClientAbLauncher {
    private HttpClientAbLauncher() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        print("MAIN", os.getProcessCpuTime(), threads.getCurrentThreadCpuTime());
        Object event = ColdStartLauncher.event(new ObjectMapper().readTree(Files.readString(Path.of(args[1]))));
        RequestHandler handler = (RequestHandler) Class.forName(args[0]).getConstructor().newInstance();
        print("INIT", os.getProcessCpuTime(), threads.getCurrentThreadCpuTime());
        Object output = handler.handleRequest(event, null);
        print("DONE", os.getProcessCpuTime(), threads.getCurrentThreadCpuTime());
        System.out.println("AB_THREADS=" + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted()
                .toList());
        System.out.println("AB_OUTPUT=" + String.valueOf(output).replace('\n', ' '));
        System.out.flush();
        System.exit(0);
    }

    private static void print(String phase, long processCpu, long threadCpu) {
        System.out.println("AB_" + phase + "=" + System.nanoTime() + " " + processCpu + " " + threadCpu);
    }
}
