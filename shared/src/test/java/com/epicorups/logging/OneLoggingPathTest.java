package com.epicorups.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The production code of the functions writes to stdout only through the JsonLogger's sink (LogConfig) and never
 * logs around it: no System.Logger, java.util.logging, System.out/err or printStackTrace to a stream. The
 * end-to-end LogLinesAreMaskedJsonTest catches such a line when its path runs; this catches the paths no scenario
 * reaches (a visibility change on a gone message, a UPS token budget exhausted).
 */
class OneLoggingPathTest {
    private static final Pattern BYPASS = Pattern.compile(
            "System\\.getLogger|System\\.Logger|java\\.util\\.logging|System\\.(out|err)\\b|printStackTrace\\(\\s*\\)");
    /** The logger itself: it owns the sink (System.out by default) and renders a throwable's trace into a field. */
    private static final List<String> ALLOWED = List.of("com/epicorups/logging/LogConfig.java",
            "com/epicorups/logging/JsonLogger.java");

    @Test
    void noProductionClassLogsAroundTheJsonLogger() throws IOException {
        Path root = Path.of(System.getProperty("connector.root", ".."));
        List<Path> sources = new ArrayList<>(List.of(root.resolve("shared/src/main/java")));
        try (Stream<Path> functions = Files.list(root.resolve("functions"))) {
            functions.map(f -> f.resolve("src/main/java")).filter(Files::isDirectory).forEach(sources::add);
        }
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (Path dir : sources) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    scanned++;
                    String relative = dir.relativize(file).toString().replace('\\', '/');
                    if (ALLOWED.contains(relative)) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        String code = lines.get(i).strip();
                        if (!code.startsWith("*") && !code.startsWith("//") && BYPASS.matcher(code).find()) {
                            offenders.add(relative + ":" + (i + 1) + ": " + code);
                        }
                    }
                }
            }
        }
        assertThat(scanned).as("production sources found under " + root.toAbsolutePath()).isGreaterThan(100);
        assertThat(offenders).as("log lines that bypass the JsonLogger (and its masking)").isEmpty();
    }
}
