package com.epicorups.store.local;

import com.epicorups.model.ReleaseKey;
import com.epicorups.store.LabelPaths;
import com.epicorups.store.LabelStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The local run's label store: the same layout as in S3, under a folder. */
public final class LocalDirectoryLabelStore implements LabelStore {
    private final Path root;

    public LocalDirectoryLabelStore(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath();
    }

    @Override
    public String store(ReleaseKey key, String trackingNumber, String format, byte[] label) {
        return write(LabelPaths.relativePath(key, trackingNumber, format), label);
    }

    @Override
    public String store(com.epicorups.model.PackKey key, String trackingNumber, String format, byte[] label) {
        return write(LabelPaths.relativePath(key, trackingNumber, format), label);
    }

    private String write(String relativePath, byte[] label) {
        Path file = root.resolve(relativePath);
        if (!file.normalize().startsWith(root)) {
            throw new IllegalArgumentException("label path escapes " + root + ": " + file);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, label);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store label " + file, e);
        }
        return file.toString();
    }
}
