package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.dendrite.datasets.Csv;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data read lazily through a DL4J iterator gets the whole of fit and evaluate, as in-memory data does. */
class StreamedDataTest {

    @TempDir
    Path dir;

    @Test
    void aStreamedCsvTrainsWithFitsArgumentsAndEvaluates() throws IOException {
        Path csv = writeCsv(TestData.blobs(200, 3), dir.resolve("blobs.csv"));
        var model = Sequential().input(2).dense(8, RELU).dense(2, SOFTMAX).compile(adam(0.05), crossEntropy, accuracy);
        var history = model.fit(
                Csv.read(csv).label(-1).classes(2).stream(25),
                epochs(6)
                        .validationData(Csv.read(csv).label(-1).classes(2).build())
                        .verbose(0)
                        .callbacks(earlyStopping("val_loss").patience(2)));

        assertTrue(history.metric("val_accuracy").size() >= 3, history.toString());
        assertTrue(history.loss().get(history.epochs() - 1) < history.loss().get(0), history.toString());
        var streamed = model.evaluate(Csv.read(csv).label(-1).classes(2).stream(25));
        var inMemory = model.evaluate(Csv.read(csv).label(-1).classes(2).build());
        assertEquals(inMemory.loss(), streamed.loss(), 1e-6, "the same examples, batched differently");
        assertEquals(inMemory.accuracy(), streamed.accuracy(), 1e-12);
        assertTrue(streamed.accuracy() > 0.95, streamed.toString());
    }

    @Test
    void fitArgumentsThatNeedInMemoryDataAreRefused() {
        var data = TestData.blobs(40, 4);
        var model = Sequential().input(2).dense(1, SIGMOID).compile(adam, crossEntropy);
        assertEquals(
                "validationSplit(0.2) needs in-memory data; with an iterator pass validationData(...) instead",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> model.fit(data.iterator(10, 1), epochs(2).validationSplit(0.2)))
                        .getMessage());
        assertEquals(
                "batch(16) applies to in-memory data; the iterator makes its own batches of 10",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> model.fit(data.iterator(10, 1), epochs(2).batch(16)))
                        .getMessage());
    }

    @Test
    void aBadLineFoundMidEpochIsReportedWithFileLineAndColumn() throws IOException {
        Path csv = writeCsv(TestData.blobs(100, 5), dir.resolve("late.csv"));
        Files.writeString(csv, "0.5,oops,1\n", java.nio.file.StandardOpenOption.APPEND);
        var model = Sequential().input(2).dense(2, SOFTMAX).compile(adam, crossEntropy);
        var e = assertThrows(
                RuntimeException.class,
                () -> model.fit(Csv.read(csv).classes(2).stream(25), epochs(2).verbose(0)));
        assertEquals(csv + " line 101, column 2: \"oops\" is not a number", e.getMessage());
    }

    private static Path writeCsv(Dataset data, Path file) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < data.size(); i++) {
            s.append(String.format(
                    Locale.ROOT,
                    "%.6f,%.6f,%d%n",
                    data.features().getDouble(i, 0),
                    data.features().getDouble(i, 1),
                    (int) data.labels().getDouble(i, 0)));
        }
        return Files.writeString(file, s.toString());
    }
}
