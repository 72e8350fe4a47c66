package com.epicorups.cli.lambdalocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Starts execution environments for the functions of one {@link LambdaLocalStack}: each {@link #start} lays the
 * function's jar out in its task folder and starts a Runtime Interface Emulator with the function's handler and
 * environment (a cold container); its output goes to {@code workDir/logs/<name>.log}.
 */
public final class LambdaLocalRunner {
    private final LambdaLocalStack stack;
    private final RuntimeTools tools;
    private final Path workDir;
    private final Consumer<String> runtimeOutput;

    /** @param runtimeOutput every line the emulator, the runtime client and the function print; may be null */
    public LambdaLocalRunner(LambdaLocalStack stack, RuntimeTools tools, Path workDir, Consumer<String> runtimeOutput) {
        this.stack = stack;
        this.tools = tools;
        this.workDir = workDir.toAbsolutePath().normalize();
        this.runtimeOutput = runtimeOutput;
    }

    /** A fresh container of the prepared function; {@code logName} names its log file. */
    public RuntimeEmulator start(LambdaLocalStack.Prepared prepared, String logName) {
        Path taskDir = stack.taskDir(prepared.function(), workDir);
        Path log = workDir.resolve("logs").resolve(logName + ".log");
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var environment = new java.util.LinkedHashMap<>(prepared.environment());
        environment.put("LAMBDA_TASK_ROOT", taskDir.toString());
        environment.put("LAMBDA_RUNTIME_DIR", tools.ricDir().toAbsolutePath().toString());
        return RuntimeEmulator.start(new RuntimeEmulator.Launch(tools, taskDir, prepared.config().handler(),
                LambdaLocalStack.lambdaJvmOptions(prepared.config().memorySize()), environment,
                Duration.ofSeconds(prepared.config().timeoutSeconds()), log, runtimeOutput));
    }

    public RuntimeTools tools() {
        return tools;
    }

    public LambdaLocalStack stack() {
        return stack;
    }

    public Path workDir() {
        return workDir;
    }
}
