package org.dendrite.spark;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dendrite.History;
import org.dendrite.Model;
import org.dendrite.datasets.Dataset;
import org.dendrite.datasets.Datasets;
import org.dendrite.datasets.Normalizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training on Spark in {@code local[2]} (two worker threads, DL4J's parameter averaging between
 * them) on Pima: standardised, written as two headerless CSV files that the executors read.
 */
class SparkTrainingTest {

    static SparkTraining spark;
    static Dataset train;
    static Dataset test;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        var parts = Datasets.pima().split(0.8, 7);
        var scaler = Normalizer.standardize().fit(parts.train());
        train = Dataset.of(scaler.apply(parts.train().features()), parts.train().labels());
        test = Dataset.of(scaler.apply(parts.test().features()), parts.test().labels());
        int half = train.size() / 2;
        writeCsv(train.rows(0, half), dir.resolve("train-0.csv"));
        writeCsv(train.rows(half, train.size()), dir.resolve("train-1.csv"));
        spark = SparkTraining.connect("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.close();
    }

    /** Features, then the label, one example a line. */
    static void writeCsv(Dataset data, Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < data.size(); i++) {
            INDArray row = data.features().getRow(i);
            for (int j = 0; j < row.length(); j++) {
                out.append(row.getDouble(j)).append(',');
            }
            out.append((int) data.labels().getDouble(i, 0)).append('\n');
        }
        Files.writeString(file, out);
    }

    static Model pimaModel() {
        return Sequential()
                .dense(12, RELU)
                .dense(8, RELU)
                .dense(1, SIGMOID)
                .compile(adam(0.01), crossEntropy, accuracy);
    }

    SparkCsv pimaFiles() {
        return spark.csv(dir.resolve("train-*.csv").toString()).label(-1);
    }

    @Test
    void csvFilesReadOnTheExecutorsTrainAboveTheBarWithOneHistoryRowPerEpoch() {
        Model model = pimaModel();
        double before = model.evaluate(test).accuracy();
        History history = model.fit(
                pimaFiles(),
                epochs(10).batch(16).verbose(0).validationData(test).on(spark.averagingEvery(5)));

        assertEquals(10, history.epochs());
        List<Double> loss = history.loss();
        assertEquals(10, loss.size());
        assertTrue(loss.get(9) < loss.get(0) * 0.9, "loss goes down: " + loss);
        double accuracy = model.evaluate(test).accuracy();
        assertTrue(accuracy > 0.72, "test accuracy " + accuracy + " (before training " + before + ")");
        assertEquals(accuracy, history.metric("val_accuracy").get(9), 1e-6, "validated on the driver's weights");
    }
}
