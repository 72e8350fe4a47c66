package com.epicorups.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The deployment package of every function: functions/&lt;name&gt;/target/&lt;name&gt;.jar, as `mvn package` leaves it. */
public final class PackageSizes {
    private PackageSizes() {
    }

    /** Function name to size in bytes; -1 when the jar has not been built. */
    public static Map<String, Long> measure(Path root) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (ColdStart.Function f : ColdStart.FUNCTIONS) {
            Path jar = root.resolve("functions").resolve(f.name()).resolve("target").resolve(f.name() + ".jar");
            try {
                sizes.put(f.name(), Files.isRegularFile(jar) ? Files.size(jar) : -1L);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sizes;
    }
}
