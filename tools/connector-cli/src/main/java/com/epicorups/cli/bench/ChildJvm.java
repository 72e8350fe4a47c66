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

    /** Lambda's Java 17 runtime stops tiered compilation at C1 (its default JAVA_TOOL_OPTIONS). */
    public static final List<String> LAMBDA_JIT = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    /** Whether this JVM was started with Lambda's JIT settings. */
    public static boolean hasLambdaJit() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:TieredStopAtLevel=1");
    }

    /**
     * Runs {@code mainClass args} again in a child JVM with Lambda's JIT settings, this JVM's classpath and
     * environment, its output on this process's, and returns its exit code.
     */
    public static int rerunWithLambdaJit(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(LAMBDA_JIT);
        command.add("-cp");
        command.add(ownClasspath());
        command.add(mainClass);
        command.addAll(args);
        try {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
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
