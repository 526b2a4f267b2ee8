package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.dendrite.datasets.Datasets;
import org.dendrite.datasets.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class ModelFileTest {

    @TempDir
    Path dir;

    @Test
    void aReloadedModelPredictsBitForBitTheSameAndKeepsTraining() throws IOException {
        var data = TestData.blobs(64, 11);
        var model =
                Sequential().dense(6, RELU, HE).dropout(0.1).dense(1, SIGMOID).compile(adam, crossEntropy, accuracy);
        model.fit(data, epochs(3).verbose(0));
        Path file = dir.resolve("model.zip");

        model.save(file);
        var same = Model.load(file);

        assertEquals(model.predict(data.features()), same.predict(data.features()));
        assertEquals(
                model.network().getUpdater().getStateViewArray(),
                same.network().getUpdater().getStateViewArray(),
                "Adam's moments travel with the model");
        assertEquals(model.architecture(), same.architecture());
        assertEquals(model.toString(), same.toString());
        assertArrayEquals(new long[] {2}, same.inputShape());
        Nd4j.getRandom().setSeed(5); // dropout masks come from ND4J's global RNG
        model.fit(data, epochs(1).verbose(0).shuffle(false));
        Nd4j.getRandom().setSeed(5);
        same.fit(data, epochs(1).verbose(0).shuffle(false));
        assertEquals(model.network().params(), same.network().params(), "training continues identically");
    }

    @Test
    void aNormalizerInsideTheModelScalesRawInputsAndIsSavedWithIt() throws IOException {
        var parts = Datasets.pima().split(0.8, 7);
        var scaler = Normalizer.standardize().fit(parts.train());
        var model = Sequential()
                .normalize(scaler)
                .dense(12, RELU, HE)
                .dense(1, SIGMOID)
                .compile(adam, crossEntropy, accuracy);
        model.fit(parts.train(), epochs(20).verbose(0));
        var raw = parts.test().features();
        assertEquals(
                model.network().output(scaler.apply(raw), false),
                model.predict(raw),
                "predict scales raw inputs first");
        assertTrue(
                model.evaluate(parts.test()).accuracy() > 0.7,
                model.evaluate(parts.test()).toString());

        model.save(dir.resolve("scaled.zip"));
        var same = Model.load(dir.resolve("scaled.zip"));
        assertEquals(scaler, same.architecture().normalizer().orElseThrow());
        assertEquals(model.predict(raw), same.predict(raw));
    }

    @Test
    void plainMomentumSurvivesTheRoundTrip() throws IOException {
        var model = Sequential().input(2).dense(1, SIGMOID).compile(sgd(0.1, 0.9), crossEntropy);
        model.fit(TestData.blobs(32, 1), epochs(1).verbose(0));
        model.save(dir.resolve("m.zip"));
        assertEquals(sgd(0.1, 0.9), Model.load(dir.resolve("m.zip")).optimizer());
    }

    @Test
    void savingLeavesNoTemporaryFilesBehind() throws IOException {
        var model = Sequential().input(2).dense(1).compile(adam, mse);
        model.save(dir.resolve("a.zip"));
        model.save(dir.resolve("a.zip"));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void loadingAMissingFileNamesIt() {
        var e = assertThrows(NoSuchFileException.class, () -> Model.load(dir.resolve("nope.zip")));
        assertTrue(e.getMessage().contains("nope.zip"));
    }

    @Test
    void loadingSomethingThatIsNotAModelSaysSo() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.zip"), "just text");
        var e = assertThrows(IOException.class, () -> Model.load(text));
        assertTrue(
                e.getMessage().contains("notes.zip is not a saved Dendrite model: it is not a zip archive"),
                e.getMessage());
    }

    @Test
    void loadingAPlainDl4jModelPointsToDl4j() throws IOException {
        var model = Sequential().input(2).dense(1).compile(adam, mse);
        Path file = dir.resolve("dl4j.zip");
        model.network().save(file.toFile());
        var e = assertThrows(IOException.class, () -> Model.load(file));
        assertTrue(
                e.getMessage().endsWith("(a plain DL4J model: read it with MultiLayerNetwork.load)"), e.getMessage());
    }
}
