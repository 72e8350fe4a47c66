package com.epicorups.cli.lambdalocal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * AWS's own pieces that run a function as Lambda does: the Runtime Interface Emulator (a Go program serving the
 * Runtime API and the invoke endpoint) and the Java runtime interface client (the jars Lambda's java runtimes
 * load a handler with). {@code scripts/lambda-local.sh} installs both under {@code .lambda-local/} at pinned
 * versions and describes them in {@code .lambda-local/tools.properties}, which {@link #installed} reads.
 *
 * @param rie        the aws-lambda-rie executable
 * @param ricDir     the folder holding the runtime interface client and its dependencies (jars)
 * @param rieVersion the emulator's Go module version
 * @param ricVersion the runtime interface client's Maven version
 */
public record RuntimeTools(Path rie, Path ricDir, String rieVersion, String ricVersion) {
    /** Where the tools live, under the repository root; git-ignored. */
    public static final String HOME = ".lambda-local";
    public static final String DESCRIPTION = "tools.properties";
    /** The runtime interface client's entry point, as Lambda's java runtimes start it. */
    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    public RuntimeTools {
        if (!Files.isExecutable(rie)) {
            throw new IllegalStateException("the Runtime Interface Emulator " + rie + " is missing or not executable: "
                    + "run scripts/lambda-local.sh --setup");
        }
        if (!hasJars(ricDir)) {
            throw new IllegalStateException("no runtime interface client jars in " + ricDir
                    + ": run scripts/lambda-local.sh --setup");
        }
    }

    /** The tools {@code scripts/lambda-local.sh --setup} installed under {@code root/.lambda-local}. */
    public static RuntimeTools installed(Path root) {
        Path home = root.resolve(HOME).toAbsolutePath().normalize();
        Path description = home.resolve(DESCRIPTION);
        if (!Files.isRegularFile(description)) {
            throw new IllegalStateException("the Lambda runtime tools are not installed (" + description
                    + " is missing): run scripts/lambda-local.sh --setup");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(description)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + description, e);
        }
        return new RuntimeTools(home.resolve(required(p, "rie", description)),
                home.resolve(required(p, "ric", description)),
                required(p, "rie.version", description), required(p, "ric.version", description));
    }

    /** The class path of the runtime interface client, as the {@code java -cp} wildcard Lambda's bootstrap uses. */
    public String ricClasspath() {
        return ricDir.toAbsolutePath() + "/*";
    }

    public String description() {
        return "aws-lambda-rie " + rieVersion + ", aws-lambda-java-runtime-interface-client " + ricVersion;
    }

    private static String required(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + " has no " + key + ": run scripts/lambda-local.sh --setup");
        }
        return value.trim();
    }

    private static boolean hasJars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"));
        } catch (IOException e) {
            return false;
        }
    }
}
