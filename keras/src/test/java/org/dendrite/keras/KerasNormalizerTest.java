package org.dendrite.keras;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.dendrite.Model;
import org.dendrite.Node;
import org.dendrite.datasets.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras's {@code Rescaling} and {@code Normalization} layers read as the model's input normaliser
 * (a standardize {@link Normalizer}), computing Keras's formula, and a model's normaliser written
 * back as a {@code Normalization} layer, bit for bit.
 */
class KerasNormalizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Standard deviations across the float range, below, at and above DL4J's floor of 1e-5. */
    private static Normalizer standardize(int n, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] mean = new float[n];
        float[] std = new float[n];
        for (int i = 0; i < n; i++) {
            mean[i] = (float) (random.nextGaussian() * 50);
            std[i] = (float) Math.pow(10, random.nextDouble() * 6 - 3); // 1e-3 .. 1e3
        }
        std[0] = 0f; // a constant feature: DL4J divides by 1e-5, and so will Keras
        return Normalizer.of(new Normalizer.Statistics("standardize", mean, std, new long[] {n}, 100));
    }

    @Test
    void aSequentialModelsNormaliserGoesToKerasAsANormalizationLayerAndComesBackBitForBit() throws IOException {
        Normalizer scaler = standardize(6, 1);
        Model model =
                Sequential().input(6).normalize(scaler).dense(4, TANH).dense(2).compile(adam, mse);
        Path file = dir.resolve("scaled.keras");
        Keras.save(model, file);
        JsonNode layers = config(file).path("config").path("layers");
        assertEquals("Normalization", layers.get(1).path("class_name").asText(), "right after the input");
        JsonNode c = layers.get(1).path("config");
        assertEquals(-1, c.path("axis").get(0).asInt());
        assertEquals(1e-10f, (float) c.path("variance").get(0).asDouble(), 1e-16, "std 0 written as DL4J's 1e-5");

        Model back = Keras.load(file);
        Normalizer.Statistics before = scaler.statistics().orElseThrow();
        Normalizer.Statistics after =
                back.architecture().normalizer().orElseThrow().statistics().orElseThrow();
        assertArrayEquals(before.first(), after.first(), "the means, bit for bit");
        for (int i = 1; i < 6; i++) {
            assertEquals(before.second()[i], after.second()[i], 0f, "std " + i + ": sqrt(std²) is std in float");
        }
        assertEquals(1e-5f, after.second()[0], 0f);
        INDArray x = Nd4j.rand(DataType.FLOAT, 9, 6).muli(100).subi(50);
        assertEquals(model.predict(x), back.predict(x), "the same predictions, bit for bit");
    }

    @Test
    void aFunctionalInputsNormaliserComesBackBitForBit() throws IOException {
        Node pixels = Input(4, 4, 3).named("pixels").normalize(standardize(3, 2));
        Node other = Input(5).named("other");
        Node joined = concatenate(pixels.conv2d(2, 3, RELU).flatten(), other.dense(3, RELU));
        Model model =
                Model(List.of(pixels, other), List.of(joined.dense(2, SOFTMAX))).compile(adam, crossEntropy);
        Path file = dir.resolve("images.keras");
        Keras.save(model, file);
        JsonNode layers = config(file).path("config").path("layers");
        JsonNode conv = null;
        for (JsonNode layer : layers) {
            if (layer.path("class_name").asText().equals("Conv2D")) {
                conv = layer;
            }
        }
        assertEquals(
                "normalization",
                conv.path("inbound_nodes")
                        .get(0)
                        .path("args")
                        .get(0)
                        .path("config")
                        .path("keras_history")
                        .get(0)
                        .asText(),
                "the convolution takes the Normalization layer's output");
        Model back = Keras.load(file);
        List<INDArray> x = List.of(Nd4j.rand(DataType.FLOAT, 3, 4, 4, 3).muli(255), Nd4j.rand(DataType.FLOAT, 3, 5));
        assertEquals(model.predict(x), back.predict(x));
        assertNotNull(back.functional().inputs().get(0).normalizer());
        assertNull(back.functional().inputs().get(1).normalizer());
    }

    @Test
    void aLeadingRescalingComputesKerassFormula() throws IOException {
        // Python: keras.Sequential([keras.Input((3,)), keras.layers.Rescaling(1/127.5, offset=-1),
        // keras.layers.Dense(2)])
        String json =
                """
                {"class_name": "Sequential", "keras_version": "2.15.0", "config": {"name": "s", "layers": [
                  {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 3], "name": "in"}},
                  {"class_name": "Rescaling", "config": {"name": "rescaling", "scale": 0.00784313725490196, "offset": -1.0}},
                  {"class_name": "Dense", "config": {"name": "dense", "units": 2, "activation": "linear", "use_bias": true}}
                ]}}""";
        Model model = load(json, 2);
        float scale = (float) 0.00784313725490196;
        INDArray x = Nd4j.create(new float[][] {{0, 127.5f, 255}, {12, 200, 33}});
        INDArray kernel = model.getWeights().get(0);
        INDArray bias = model.getWeights().get(1);
        INDArray byHand =
                x.mul(scale).addi(-1f).mmul(kernel).addiRowVector(bias.reshape(2)); // x·scale + offset, then Dense
        INDArray got = model.predict(x);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(byHand.getFloat(i, j), got.getFloat(i, j), 2e-6, "row " + i);
            }
        }
        Normalizer.Statistics s =
                model.architecture().normalizer().orElseThrow().statistics().orElseThrow();
        assertArrayEquals(new float[] {127.5f, 127.5f, 127.5f}, s.first(), 1e-4f, "mean = -offset / scale");
        assertArrayEquals(new float[] {127.5f, 127.5f, 127.5f}, s.second(), 1e-4f, "std = 1 / scale");
    }

    @Test
    void anAdaptedNormalizationComputesKerassFormula() throws IOException {
        // Python: norm = keras.layers.Normalization(mean=[1, -2, 3], variance=[4, 0.25, 9]) before a Dense(1)
        String json =
                """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "InputLayer", "config": {"batch_shape": [null, 3], "name": "in"}},
                  {"class_name": "Normalization", "config": {"name": "normalization", "axis": [-1], "invert": false,
                    "mean": [1.0, -2.0, 3.0], "variance": [4.0, 0.25, 9.0]}},
                  {"class_name": "Dense", "config": {"name": "dense", "units": 1, "activation": "linear"}}
                ]}}""";
        Model model = load(json, 1);
        INDArray x = Nd4j.create(new float[][] {{3, -1, 0}, {1, -2, 3}});
        INDArray scaled = Nd4j.create(new float[][] {{1, 2, -1}, {0, 0, 0}}); // (x - mean) / sqrt(variance)
        INDArray byHand = scaled.mmul(model.getWeights().get(0))
                .addi(model.getWeights().get(1).getFloat(0));
        assertEquals(byHand, model.predict(x));
    }

    @Test
    void aRescalingOrNormalizationElsewhereIsRefusedNamingItAndItsPosition() {
        String json =
                """
                {"class_name": "Sequential", "config": {"name": "s", "layers": [
                  {"class_name": "InputLayer", "config": {"batch_shape": [null, 3], "name": "in"}},
                  {"class_name": "Dense", "config": {"name": "dense", "units": 2}},
                  {"class_name": "Rescaling", "config": {"name": "late", "scale": 2.0, "offset": 0.0}}
                ]}}""";
        IOException e = assertThrows(IOException.class, () -> load(json, 2));
        assertTrue(
                e.getMessage()
                        .contains(": layer 2 ('late', Rescaling): Dendrite reads a Rescaling or Normalization"
                                + " layer only as the model's input normaliser"),
                e.getMessage());
        String negative = json.replace("\"units\": 2}},", "\"units\": 2}}")
                .replace("{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense\", \"units\": 2}}\n", "")
                .replace("\"scale\": 2.0", "\"scale\": -2.0");
        assertTrue(assertThrows(IOException.class, () -> load(negative, 0))
                .getMessage()
                .contains("('late', Rescaling): scale=-2.0 is not supported"));
    }

    /** A model from its JSON and a weights file written here (Keras 3's layout): its Dense layers' arrays, random. */
    private Model load(String json, int units) throws IOException {
        Path config = Files.writeString(dir.resolve("model.json"), json);
        Path weights = dir.resolve("model.weights.h5");
        Files.deleteIfExists(weights);
        try (var h5 = io.jhdf.HdfFile.write(weights)) {
            if (units > 0) {
                var vars = h5.putGroup("layers").putGroup("dense").putGroup("vars");
                Nd4j.getRandom().setSeed(3);
                vars.putDataset(
                        "0", Nd4j.rand(DataType.FLOAT, 3, units).subi(0.5).toFloatMatrix());
                vars.putDataset("1", Nd4j.rand(DataType.FLOAT, units).toFloatVector());
            } else {
                h5.putGroup("layers").putGroup("x").putGroup("vars").putDataset("0", new float[] {1});
            }
        }
        return Keras.load(config, weights);
    }

    private static JsonNode config(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("config.json"))) {
            return JSON.readTree(in);
        }
    }
}
