package org.dendrite.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MNIST-format folders load into scaled pixels and one-hot labels; broken IDX files are refused by name. */
class MnistTest {

    @TempDir
    Path dir;

    @Test
    void rawFilesLoadAsScaledPixelsAndOneHotLabels() throws IOException {
        IdxFiles.writeFolder(dir, 12, 5, 4, false);
        Mnist mnist = Datasets.mnist(dir);
        assertArrayEquals(new long[] {12, 16}, mnist.train().features().shape());
        assertArrayEquals(new long[] {5, 10}, mnist.test().labels().shape());
        assertEquals(3 / 255f, mnist.train().features().getFloat(1, 2), 1e-7, "image 1, pixel 2 holds byte 3");
        assertEquals(1f, mnist.train().labels().getFloat(11, 1), "label 11 % 10 = 1");
        assertEquals(12, mnist.train().labels().sumNumber().intValue(), "one 1 per row");
        assertEquals("Mnist[train 12 × 16, test 5 × 16; 10 classes]", mnist.toString());
    }

    @Test
    void gzippedFilesLoadTheSame() throws IOException {
        IdxFiles.writeFolder(dir.resolve("raw"), 6, 3, 4, false);
        IdxFiles.writeFolder(dir.resolve("gz"), 6, 3, 4, true);
        assertEquals(
                Datasets.mnist(dir.resolve("raw")).train().features(),
                Datasets.mnist(dir.resolve("gz")).train().features());
    }

    @Test
    void asImagesGivesSquaresInKerasLayout() throws IOException {
        IdxFiles.writeFolder(dir, 3, 2, 4, false);
        Dataset images = Datasets.mnist(dir).train().asImages();
        assertArrayEquals(new long[] {3, 4, 4, 1}, images.features().shape(), "(examples, height, width, channels)");
        assertEquals(5 / 255f, images.features().getFloat(0, 1, 1, 0), 1e-7, "row 1, column 1 is pixel 5");
        assertArrayEquals(
                new long[] {3, 1, 4, 4}, images.toDataSet().getFeatures().shape(), "DL4J gets channels first");
    }

    private String failure(Path folder) {
        return assertThrows(UncheckedIOException.class, () -> Datasets.mnist(folder))
                .getMessage();
    }

    @Test
    void missingFileIsNamedWithTheFolderContents() throws IOException {
        IdxFiles.writeFolder(dir, 3, 2, 4, false);
        Files.delete(dir.resolve(Mnist.TEST_LABELS));
        String message = failure(dir);
        assertTrue(
                message.contains(Mnist.TEST_LABELS) && message.contains("also looked for " + Mnist.TEST_LABELS + ".gz"),
                message);
    }

    @Test
    void wrongMagicNumber() throws IOException {
        IdxFiles.writeFolder(dir, 3, 2, 4, false);
        IdxFiles.write(dir.resolve(Mnist.TRAIN_IMAGES), IdxFiles.labels(3), false);
        assertTrue(failure(dir).contains(Mnist.TRAIN_IMAGES + ": wrong magic number 0x00000801, expected 0x00000803"));
    }

    @Test
    void truncatedData() throws IOException {
        IdxFiles.writeFolder(dir, 3, 2, 4, false);
        byte[] images = IdxFiles.images(3, 4);
        IdxFiles.write(dir.resolve(Mnist.TRAIN_IMAGES), Arrays.copyOf(images, images.length - 5), false);
        assertTrue(failure(dir)
                .contains("is truncated: its header declares 3×4×4 = 48 bytes of data, but the file holds only 43"));
        IdxFiles.write(dir.resolve(Mnist.TRAIN_IMAGES), Arrays.copyOf(images, 6), false);
        assertTrue(failure(dir).contains("is truncated: it ends inside the header"));
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        IdxFiles.writeFolder(dir, 3, 2, 4, false);
        IdxFiles.write(dir.resolve(Mnist.TEST_LABELS), IdxFiles.labels(4), false);
        String message = failure(dir);
        assertTrue(message.contains("holds 2 images but") && message.contains("holds 4 labels"), message);
    }

    @Test
    void aGzNameOnAFileThatIsNotGzip() throws IOException {
        IdxFiles.writeFolder(dir, 3, 2, 4, false);
        Files.move(dir.resolve(Mnist.TRAIN_LABELS), dir.resolve(Mnist.TRAIN_LABELS + ".gz"));
        assertTrue(failure(dir)
                .contains("is named .gz but is not gzip: it starts with bytes 0x00 0x00 instead of 0x1f 0x8b"));
    }

    @Test
    void aLabelOutsideTheTenClasses() throws IOException {
        IdxFiles.writeFolder(dir, 3, 2, 4, false);
        byte[] labels = IdxFiles.labels(3);
        labels[8 + 2] = 12;
        IdxFiles.write(dir.resolve(Mnist.TRAIN_LABELS), labels, false);
        assertTrue(failure(dir).contains("label 2 is 12, not a class in 0..9"));
    }

    @Test
    @Tag("timing") // loading must take under 20 s
    @Tag("slow") // reads 70,000 images (skipped where the package is not installed)
    void fashionMnistFromDebiansPackageWhenInstalled() {
        assumeTrue(Files.isDirectory(Datasets.FASHION_MNIST), "apt-get install dataset-fashion-mnist to run this test");
        long start = System.nanoTime();
        Mnist fashion = Datasets.fashionMnist();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(60_000, fashion.train().size());
        assertEquals(10_000, fashion.test().size());
        assertEquals(784, fashion.train().features().size(1));
        assertEquals(1.0, fashion.train().features().maxNumber().doubleValue(), 1e-6);
        assertEquals(0.0, fashion.train().features().minNumber().doubleValue(), 1e-6);
        assertArrayEquals(
                new double[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000},
                fashion.train().labels().sum(0).toDoubleVector(),
                "Fashion-MNIST's training classes are balanced");
        assertTrue(seconds < 20, "loading took " + seconds + " s");
    }
}
