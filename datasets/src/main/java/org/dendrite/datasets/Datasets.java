package org.dendrite.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.InputStreamInputSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;

/** The registry of ready-made data sets, in the spirit of {@code keras.datasets}. */
public final class Datasets {

    private static final String PIMA = "pima-indians-diabetes.csv";

    private Datasets() {
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
            var all = new RecordReaderDataSetIterator.Builder(reader, 1000).regression(8).build().next();
            return Dataset.of(all);
        } catch (IOException | InterruptedException e) {
            throw new UncheckedIOException(new IOException("cannot read the bundled " + PIMA, e));
        }
    }
}
