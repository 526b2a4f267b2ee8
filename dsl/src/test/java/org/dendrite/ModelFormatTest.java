package org.dendrite;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.UnaryOperator;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Model files survive upgrades: a file of every format Dendrite has written (in
 * {@code src/test/resources/org/dendrite/formats}, each with a CSV of inputs and the outputs the
 * model gave when it was saved) loads and predicts what it predicted then. Add one fixture per new format.
 */
class ModelFormatTest {

    @TempDir
    Path dir;

    @Test
    void format0JavaSerialisedDescriptionStillLoadsPredictsAsSavedAndKeepsTraining() throws IOException {
        Model model = Model.load(fixture("model-format-0.zip"));
        float[][] rows = csv("model-format-0.csv");

        assertEquals(
                "Sequential[Normalizer[standardize, fitted on 614 examples, 8 features] → Dense(12, relu, he_normal, l2(1.0E-4))"
                        + " → Dropout(0.2) → Dense(8, relu) → Dense(1, sigmoid)]",
                model.architecture().toString());
        assertEquals(adam, model.optimizer());
        assertEquals(binaryCrossEntropy, model.loss());
        assertEquals(List.of(accuracy), model.metrics());
        assertPredicts(model, rows, 8);

        var more = model.fit(
                Dataset.of(features(rows, 8).mul(1.0), Nd4j.create(new double[][] {{1}, {0}, {0}, {0}, {0}})),
                Fit.defaults().verbose(0));
        assertTrue(Double.isFinite(more.loss().get(0)));
        model.save(dir.resolve("resaved.zip"));
        assertEquals(
                ModelFile.FORMAT,
                description(dir.resolve("resaved.zip")).get("format").asInt(),
                "saving writes today's format");
        assertEquals(
                model.predict(features(rows, 8)),
                Model.load(dir.resolve("resaved.zip")).predict(features(rows, 8)));
    }

    @Test
    void format0FilesWithEveryLayerWhoseShapeHasChangedLoadAsTodaysTypes() throws IOException {
        Model cnn = Model.load(fixture("model-format-0-cnn.zip"));
        assertEquals(
                "Sequential[input 6×6×1 → Conv2D(4, 3×3, relu, same, maxNorm(2.0)) → AvgPool(2, strides(1)) → GaussianNoise(0.1)"
                        + " → AlphaDropout(0.1) → GlobalMaxPool() → Dropout(0.2) → Dense(8, relu, he_normal) → Dense(1, sigmoid)]",
                cnn.architecture().toString(),
                "a dense layer's input dropout is now a Dropout layer before it");
        assertEquals(
                sgd(0.05, 0.9).clipValue(0.5),
                cnn.optimizer(),
                "plain momentum, under its old DL4J class name, and clipValue");
        assertEquals(List.of(accuracy, mse), cnn.metrics());
        assertPredicts(cnn, csv("model-format-0-cnn.csv"), 36);
        assertEquals(cnn.architecture().layers().size(), cnn.network().getnLayers());

        Model rnn = Model.load(fixture("model-format-0-rnn.zip"));
        assertEquals(
                "Sequential[input 5×2 → LSTM(6, return sequences) → SimpleRNN(4) → GaussianDropout(0.1) → Dense(1, sigmoid)]",
                rnn.architecture().toString());
        assertEquals(List.of(mae), rnn.metrics());
        assertPredicts(rnn, csv("model-format-0-rnn.csv"), 10);
    }

    @Test
    void format1JsonDescriptionStillLoadsAndPredictsAsSaved() throws IOException {
        Model model = Model.load(fixture("model-format-1.zip"));
        float[][] rows = csv("model-format-1.csv");
        assertEquals(
                "Sequential[input 6×6×1 → Conv2D(4, 3×3, relu, same, he_normal, l2(1.0E-4)) → MaxPool(2) → BatchNorm() → Flatten()"
                        + " → Dense(8, relu, maxNorm(2.0)) → Dropout(0.1) → GaussianNoise(0.1) → Dense(1, sigmoid); regularizer l2(1.0E-5); seed 5]",
                model.architecture().toString());
        assertEquals(sgd(0.05, 0.9).clipNorm(1.0), model.optimizer());
        assertEquals(List.of(accuracy, auc, mse), model.metrics());
        assertPredicts(model, rows, 36);
    }

    @Test
    void theDescriptionIsReadableJsonInKerasTerms() throws IOException {
        var model = Sequential().input(4).dense(3, RELU).dense(1, SIGMOID).compile(adam, crossEntropy, accuracy);
        model.save(dir.resolve("m.zip"));
        JsonNode json = description(dir.resolve("m.zip"));
        assertEquals(1, json.get("format").asInt());
        assertEquals("Dense", json.at("/config/layers/0/class_name").asText());
        assertEquals(3, json.at("/config/layers/0/config/units").asInt());
        assertEquals(
                "relu",
                json.at("/config/layers/0/config/activation/config/name").asText());
        assertTrue(json.at("/config/layers/0/config/use_bias").asBoolean());
        assertEquals("Adam", json.at("/compile_config/optimizer/class_name").asText());
        assertEquals(
                0.001, json.at("/compile_config/optimizer/config/learning_rate").asDouble());
        assertEquals(
                "binary_crossentropy",
                json.at("/compile_config/loss/config/name").asText());
        assertEquals("Accuracy", json.at("/compile_config/metrics/0/class_name").asText());
    }

    @Test
    void aFileFromANewerDendriteOrWithAnImpossibleLayerIsRefusedSayingWhere() throws IOException {
        var model = Sequential().input(4).dense(3, RELU).dense(1, SIGMOID).compile(adam, crossEntropy);
        Path newer = dir.resolve("newer.zip");
        model.save(newer);
        edit(newer, json -> json.replace("\"format\" : 1", "\"format\" : 7"));
        var e = assertThrows(IOException.class, () -> Model.load(newer));
        assertTrue(
                e.getMessage()
                        .endsWith("dendrite.json has format 7; this version of Dendrite reads formats 0 to 1 "
                                + "(the file was written by a newer Dendrite)"),
                e.getMessage());

        Path impossible = dir.resolve("impossible.zip");
        model.save(impossible);
        edit(impossible, json -> json.replace("\"units\" : 3", "\"units\" : 0"));
        e = assertThrows(IOException.class, () -> Model.load(impossible));
        assertTrue(
                e.getMessage()
                        .endsWith("dendrite.json config.layers[0] (Dense): Dense expects a positive number of units, "
                                + "received units=0"),
                e.getMessage());

        Path unknown = dir.resolve("unknown.zip");
        model.save(unknown);
        edit(unknown, json -> json.replaceFirst("\"Dense\"", "\"Densely\""));
        e = assertThrows(IOException.class, () -> Model.load(unknown));
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "dendrite.json config.layers[0]: \"Densely\" is not a Layer this version of Dendrite knows"),
                e.getMessage());
    }

    @Test
    void aDescriptionThatDoesNotMatchItsWeightsOrBrokenWeightsAreRefused() throws IOException {
        var model = Sequential().input(4).dense(3, RELU).dense(1, SIGMOID).compile(adam, crossEntropy);
        Path other = dir.resolve("other.zip");
        model.save(other);
        edit(other, json -> json.replace("\"units\" : 3", "\"units\" : 5"));
        var e = assertThrows(IOException.class, () -> Model.load(other));
        assertEquals(
                other
                        + ": its description does not match its weights at layer 0 (Dense(5, relu)): the description makes a "
                        + "DenseLayer of 25 parameters, the weights are a DenseLayer of 15",
                e.getMessage());

        Path noShape = dir.resolve("noshape.zip");
        model.save(noShape);
        edit(noShape, json -> json.replaceFirst("\"build_config\" : \\{[^}]*}", "\"build_config\" : { }"));
        e = assertThrows(IOException.class, () -> Model.load(noShape));
        assertTrue(
                e.getMessage().endsWith("dendrite.json build_config.input_shape: expected a value, found nothing"),
                e.getMessage());

        Path broken = dir.resolve("broken.zip");
        model.save(broken);
        try (var zip = FileSystems.newFileSystem(broken)) {
            Files.write(zip.getPath("coefficients.bin"), new byte[] {1, 2, 3});
        }
        e = assertThrows(IOException.class, () -> Model.load(broken));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                broken + ": DL4J's network (configuration.json, coefficients.bin, updaterState.bin) "
                                        + "could not be read"),
                e.getMessage());
    }

    /** A user's own metric, as a plain class: saved by its class name, rebuilt by its constructor. */
    public static final class MaxError implements org.dendrite.metrics.Metric {
        @Override
        public String name() {
            return "max_error";
        }

        @Override
        public double compute(INDArray predictions, INDArray labels) {
            return org.nd4j.linalg.ops.transforms.Transforms.abs(predictions.sub(labels))
                    .maxNumber()
                    .doubleValue();
        }
    }

    @Test
    void aUsersOwnMetricTravelsByItsClassName() throws IOException {
        var model = Sequential().input(4).dense(1).compile(adam, mse, new MaxError());
        model.save(dir.resolve("own.zip"));
        assertEquals(
                "ModelFormatTest$MaxError",
                description(dir.resolve("own.zip"))
                        .at("/compile_config/metrics/0/class_name")
                        .asText()
                        .replaceFirst(".*\\.", ""));
        assertInstanceOf(
                MaxError.class, Model.load(dir.resolve("own.zip")).metrics().get(0));

        var anonymous = Sequential().input(4).dense(1).compile(adam, mse, new org.dendrite.metrics.Metric() {
            public String name() {
                return "nothing";
            }

            public double compute(INDArray p, INDArray y) {
                return 0;
            }
        });
        var e = assertThrows(IllegalArgumentException.class, () -> anonymous.save(dir.resolve("anonymous.zip")));
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "cannot be saved: make it a record, or give it a public constructor without arguments"),
                e.getMessage());
    }

    private static void assertPredicts(Model model, float[][] rows, int width) {
        INDArray predictions = model.predict(features(rows, width));
        for (int i = 0; i < rows.length; i++) {
            assertEquals(rows[i][width], predictions.getFloat(i, 0), 1e-6, "row " + i);
        }
    }

    /** The rows' first {@code width} numbers as features: flat rows, 6×6 single-channel images, or 5 steps of 2 features. */
    private static INDArray features(float[][] rows, int width) {
        INDArray x = Nd4j.create(DataType.FLOAT, rows.length, width);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < width; j++) {
                x.putScalar(i, j, rows[i][j]);
            }
        }
        return width == 36 ? x.reshape(rows.length, 6, 6, 1) : width == 10 ? x.reshape(rows.length, 5, 2) : x;
    }

    private Path fixture(String name) throws IOException {
        try (InputStream in = ModelFormatTest.class.getResourceAsStream("formats/" + name)) {
            Path copy = dir.resolve(name);
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        }
    }

    private static float[][] csv(String name) throws IOException {
        try (InputStream in = ModelFormatTest.class.getResourceAsStream("formats/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.startsWith("#"))
                    .map(l -> {
                        String[] cells = l.split(",");
                        float[] row = new float[cells.length];
                        for (int i = 0; i < cells.length; i++) {
                            row[i] = Float.parseFloat(cells[i]);
                        }
                        return row;
                    })
                    .toArray(float[][]::new);
        }
    }

    private static JsonNode description(Path file) throws IOException {
        try (var zip = FileSystems.newFileSystem(file)) {
            return new ObjectMapper().readTree(Files.readAllBytes(zip.getPath(ModelFile.ENTRY)));
        }
    }

    private static void edit(Path file, UnaryOperator<String> change) throws IOException {
        try (var zip = FileSystems.newFileSystem(file)) {
            Path entry = zip.getPath(ModelFile.ENTRY);
            Files.writeString(entry, change.apply(Files.readString(entry)));
        }
    }
}
