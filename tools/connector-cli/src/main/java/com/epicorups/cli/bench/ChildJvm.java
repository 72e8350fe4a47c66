package com.epicorups.cli.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts a fresh {@code java} process for one measurement and waits for it (bounded). */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * JIT options that stop tiered compilation short of C2. Lambda's java25 runtime runs a SnapStart function (every
     * function of template.yaml) with the JVM's default tiered compilation, C1 then C2, since the JIT works off the
     * invoke path; only an on-demand start (no SnapStart) is stopped at C1 (Lambda's java-customization page). The
     * throughput and memory phases model warm SnapStart containers, so they run without any of these.
     */
    private static final List<String> C2_BLOCKERS = List.of("-XX:TieredStopAtLevel", "-XX:-TieredCompilation", "-Xint",
            "-XX:CICompilerCount=1", "-XX:+UseJVMCICompiler");

    /** Whether this JVM compiles as a warm SnapStart function on Lambda's java25 runtime: no flag stops C2. */
    public static boolean hasWarmSnapStartJit() {
        return jitFlags().isEmpty();
    }

    /** This JVM's flags (JAVA_TOOL_OPTIONS included) that keep it from Lambda's SnapStart JIT, as one string. */
    public static String jitFlags() {
        return String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(ChildJvm::blocksC2).toList());
    }

    static boolean blocksC2(String argument) {
        return C2_BLOCKERS.stream().anyMatch(argument::startsWith);
    }

    /**
     * Runs {@code mainClass args} again in a child JVM with the JVM's default JIT (this JVM's flags and a
     * JAVA_TOOL_OPTIONS that stop C2 left out), this JVM's classpath and environment, its output on this
     * process's, and returns its exit code.
     */
    public static int rerunWithSnapStartJit(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !blocksC2(a) && !a.startsWith("-agentlib:jdwp")).forEach(command::add);
        command.add("-cp");
        command.add(ownClasspath());
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the bench JVM", e);
        }
    }

    /** The java launcher of this JVM. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This process's classpath (the CLI jar when run with -jar). */
    static String ownClasspath() {
        return System.getProperty("java.class.path");
    }

    static String classpath(List<Path> entries) {
        List<String> parts = new ArrayList<>();
        entries.forEach(p -> parts.add(p.toAbsolutePath().toString()));
        return String.join(File.pathSeparator, parts);
    }

    /**
     * Runs {@code java jvmArgs -cp classpath mainClass args} with exactly {@code environment} (plus PATH and
     * HOME), stdout and stderr to {@code log}. Returns the exit code; fails when it takes longer than timeout.
     */
    static int run(List<String> jvmArgs, String classpath, String mainClass, List<String> args,
                   Map<String, String> environment, Path log, long timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = pb.environment();
        String path = env.get("PATH");
        String home = env.get("HOME");
        env.clear();
        if (path != null) {
            env.put("PATH", path);
        }
        if (home != null) {
            env.put("HOME", home);
        }
        env.putAll(environment);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = pb.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(mainClass + " did not finish within " + timeoutSeconds + " s; see " + log);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + mainClass, e);
        }
    }
}
