package com.epicorups.store.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.epicorups.model.ReleaseKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryLabelStoreTest {
    @TempDir
    Path dir;

    @Test
    void storesUnderTheSameLayoutAsS3() throws Exception {
        String location = new LocalDirectoryLabelStore(dir)
                .store(new ReleaseKey("EPIC06", 5001, 2, 3), "1Z999AA10123456784", "ZPL", new byte[] {1, 2, 3});
        Path expected = dir.toAbsolutePath().resolve("labels/EPIC06/5001/2-3/1Z999AA10123456784.zpl");
        assertThat(location).isEqualTo(expected.toString());
        assertThat(Files.readAllBytes(expected)).containsExactly(1, 2, 3);
    }
}
