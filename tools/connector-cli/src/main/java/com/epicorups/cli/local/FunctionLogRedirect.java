package com.epicorups.cli.local;

import com.epicorups.logging.JsonLogger;
import com.epicorups.logging.LogConfig;
import com.epicorups.logging.LogLevel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * While open, the functions' log lines (JsonLogger's JSON lines and anything written to System.out, which is where
 * they go on Lambda) go to one stream instead of this process's stdout, so a command's own output stays readable.
 * Closing restores System.out and the previous logger configuration, then closes the stream if this opened it.
 */
public final class FunctionLogRedirect implements AutoCloseable {
    private final Runnable restore;

    private FunctionLogRedirect(PrintStream logs, boolean ownsLogs) {
        PrintStream originalOut = System.out;
        LogConfig previousLogConfig = JsonLogger.configure(new LogConfig(LogLevel.INFO, LogConfig.DEFAULT_SERVICE,
                logs::println, Clock.systemUTC()));
        System.setOut(logs);
        this.restore = () -> {
            System.setOut(originalOut);
            JsonLogger.configure(previousLogConfig);
            if (ownsLogs) {
                logs.close();
            }
        };
    }

    /**
     * Sends the logs to a new file (replacing one there), closed on {@link #close()}.
     *
     * @param autoFlush flush on every line (readable while it runs) or only when the buffer fills (cheaper)
     */
    public static FunctionLogRedirect toFile(Path file, boolean autoFlush) throws IOException {
        return new FunctionLogRedirect(new PrintStream(Files.newOutputStream(file), autoFlush, StandardCharsets.UTF_8),
                true);
    }

    /** Sends the logs to a stream the caller owns; {@link #close()} leaves it open. */
    public static FunctionLogRedirect to(PrintStream stream) {
        return new FunctionLogRedirect(stream, false);
    }

    @Override
    public void close() {
        restore.run();
    }
}
