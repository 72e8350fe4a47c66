package com.epicorups.logging;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where and how the {@link JsonLogger} writes.
 *
 * @param minimum  the lowest level written (LOG_LEVEL)
 * @param service  the "service" field of every line (POWERTOOLS_SERVICE_NAME)
 * @param sink     receives each finished line (stdout in Lambda: CloudWatch keeps one event per line)
 */
public record LogConfig(LogLevel minimum, String service, Consumer<String> sink, Clock clock) {
    public static final String DEFAULT_SERVICE = "epicor-ups-connector";

    public LogConfig {
        Objects.requireNonNull(minimum, "minimum");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(clock, "clock");
    }

    public static LogConfig fromEnvironment() {
        return from(System.getenv(), System.out);
    }

    public static LogConfig from(Map<String, String> env, PrintStream out) {
        String service = env.get("POWERTOOLS_SERVICE_NAME");
        return new LogConfig(LogLevel.parse(env.get("LOG_LEVEL")),
                service == null || service.isBlank() ? DEFAULT_SERVICE : service.trim(),
                out::println, Clock.systemUTC());
    }
}
