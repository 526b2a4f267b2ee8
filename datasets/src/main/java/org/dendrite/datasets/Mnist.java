package org.dendrite.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An MNIST-format data set as Keras's {@code mnist.load_data()} gives it: a training and a test
 * part of 28×28 grey images with labels 0..9. Features are flat rows of pixels scaled to [0, 1]
 * (784 for MNIST); labels are one-hot rows of 10. For convolutional layers take
 * {@code train().asImages()}.
 *
 * @param train the training part (60,000 examples for MNIST and Fashion-MNIST)
 * @param test  the test part (10,000)
 */
public record Mnist(Dataset train, Dataset test) {

    /** The ten classes of every MNIST-format set shipped so far. */
    static final int CLASSES = 10;

    /** The four file names; each may also end in {@code .gz}. */
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";

    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private static final float[] SCALED = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            SCALED[b] = b / 255f;
        }
    }

    /**
     * Reads the four IDX files (raw or gzipped) from {@code directory}.
     *
     * @throws UncheckedIOException naming the file at fault: missing, not IDX, truncated, image and
     *     label counts that differ, or a label outside 0..9
     */
    public static Mnist load(Path directory) {
        try {
            return new Mnist(part(directory, TRAIN_IMAGES, TRAIN_LABELS), part(directory, TEST_IMAGES, TEST_LABELS));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static Dataset part(Path directory, String imagesName, String labelsName) throws IOException {
        Idx images = Idx.read(find(directory, imagesName), 3);
        Idx labels = Idx.read(find(directory, labelsName), 1);
        if (images.count() != labels.count()) {
            throw new IOException(images.file() + " holds " + images.count() + " images but " + labels.file()
                    + " holds " + labels.count() + " labels; they must pair one to one");
        }
        return Dataset.of(
                pixels(images.data(), images.count(), (long) images.dimensions()[1] * images.dimensions()[2]),
                Nd4j.create(oneHot(labels), labels.count(), CLASSES));
    }

    /** {@code name} or {@code name.gz} in {@code directory}. */
    private static Path find(Path directory, String name) throws IOException {
        for (Path candidate : new Path[] {directory.resolve(name), directory.resolve(name + ".gz")}) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new NoSuchFileException(
                directory.resolve(name).toString(),
                null,
                "missing (also looked for " + name + ".gz); an MNIST-format folder holds " + TRAIN_IMAGES + ", "
                        + TRAIN_LABELS + ", " + TEST_IMAGES + " and " + TEST_LABELS + ", raw or gzipped");
    }

    /** Bytes 0..255 as floats in [0, 1], written straight into an off-heap array in parallel chunks. */
    private static INDArray pixels(byte[] data, long rows, long columns) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, rows, columns);
        FloatBuffer target = out.data().asNioFloat();
        int chunk = 1 << 16;
        IntStream.range(0, (data.length + chunk - 1) / chunk).parallel().forEach(c -> {
            int from = c * chunk;
            float[] scaled = new float[Math.min(chunk, data.length - from)];
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = SCALED[data[from + i] & 0xff];
            }
            target.duplicate().put(from, scaled);
        });
        return out;
    }

    private static float[] oneHot(Idx labels) throws IOException {
        byte[] data = labels.data();
        float[] out = new float[data.length * CLASSES];
        for (int i = 0; i < data.length; i++) {
            int label = data[i] & 0xff;
            if (label >= CLASSES) {
                throw new IOException(
                        labels.file() + ": label " + i + " is " + label + ", not a class in 0.." + (CLASSES - 1));
            }
            out[i * CLASSES + label] = 1f;
        }
        return out;
    }

    /** E.g. {@code Mnist[train 60000 × 784, test 10000 × 784; 10 classes]}. */
    @Override
    public String toString() {
        return "Mnist[train " + train.size() + " × " + train.features().size(1) + ", test " + test.size() + " × "
                + test.features().size(1) + "; " + CLASSES + " classes]";
    }
}
