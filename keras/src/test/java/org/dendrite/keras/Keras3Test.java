package org.dendrite.keras;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.dendrite.Model;
import org.dendrite.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras 3's {@code .keras} archives: Dendrite models saved with {@link Keras#save} and opened again
 * are the same model bit for bit; the archive holds what Keras 3.8 writes (entries, config schema,
 * weights layout); Keras's own files are read, or refused naming what cannot be read and why.
 */
class Keras3Test {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- round trips

    /** A small CNN with batch normalisation, pooling, dropout, the first two layers frozen, weights all non-trivial. */
    private static Model cnn() {
        Model model = Sequential()
                .input(8, 8, 3)
                .conv2d(4, 3, RELU, SAME)
                .batchNorm()
                .maxPool(2)
                .conv2d(6, 2, 3, strides(2, 1), VALID, l2(0.001))
                .activation(TANH)
                .flatten()
                .dropout(0.25)
                .dense(10, SOFTMAX)
                .compile(adam(0.002), crossEntropy, accuracy);
        randomize(model, 1);
        return model.freezeUpTo("batch_normalization");
    }

    /**
     * Two inputs, an Add and a Concatenate; the layers are made in an order other than the one
     * Keras lists them in (Keras puts {@code dense_2}, the deeper branch, before {@code dense_1}).
     */
    private static Model branching() {
        Node wide = Input(16).named("wide");
        Node deep = Input(4).named("deep");
        Node a = wide.dense(8, RELU); // dense
        Node b = wide.dense(8, TANH); // dense_1
        Node c = a.dense(8, RELU); // dense_2
        Node sum = add(c, b);
        Node joined = concatenate(sum, a, deep.dense(5, SIGMOID)); // dense_3
        Model model = Model(List.of(wide, deep), List.of(joined.dense(3, SOFTMAX))) // dense_4
                .compile(rmsprop, categoricalCrossEntropy, accuracy, mae);
        randomize(model, 2);
        return model;
    }

    /** Embedding, LSTM and SimpleRNN: the layers whose arrays Keras 3 keeps under their cell. */
    private static Model recurrent() {
        Model model = Sequential()
                .input(7)
                .embedding(20, 6)
                .lstm(5, true)
                .simpleRnn(4)
                .dense(1)
                .compile(sgd, mse);
        randomize(model, 3);
        return model;
    }

    @Test
    void aSequentialCnnWithBatchNormComesBackBitForBit() throws IOException {
        Model model = cnn();
        Model back = roundTrip(model, "cnn.keras");
        assertSame(model, back, List.of(Nd4j.rand(DataType.FLOAT, 5, 8, 8, 3)));
        assertEquals(model.architecture().layers(), back.architecture().layers());
        assertEquals(model.architecture().frozen(), back.architecture().frozen());
        assertEquals(model.optimizer(), back.optimizer());
        assertEquals(model.losses(), back.losses());
        assertEquals(model.metrics(), back.metrics());
    }

    @Test
    void aFunctionalModelWithAddAndConcatenateComesBackBitForBit() throws IOException {
        Model model = branching();
        Model back = roundTrip(model, "branching.keras");
        assertTrue(back.isFunctional());
        assertSame(model, back, List.of(Nd4j.rand(DataType.FLOAT, 6, 16), Nd4j.rand(DataType.FLOAT, 6, 4)));
        assertEquals(model.optimizer(), back.optimizer());
        assertEquals(model.losses(), back.losses());
        assertEquals(model.outputMetrics(), back.outputMetrics());
    }

    @Test
    void aTwoOutputModelKeepsItsLossesAndLossWeights() throws IOException {
        Node in = Input(4);
        Node hidden = in.dense(6, RELU);
        Model model = Model(List.of(in), List.of(hidden.dense(1, SIGMOID), hidden.dense(2)))
                .lossWeights(1, 0.5)
                .compile(adam, List.of(binaryCrossEntropy, mse));
        Model back = roundTrip(model, "two-heads.keras");
        assertEquals(model.losses(), back.losses());
        assertArrayEquals(new double[] {1, 0.5}, back.functional().lossWeights());
    }

    @Test
    void embeddingLstmAndSimpleRnnComeBackBitForBit() throws IOException {
        Model model = recurrent();
        Model back = roundTrip(model, "recurrent.keras");
        INDArray tokens =
                Nd4j.rand(DataType.FLOAT, 4, 7).muli(20).castTo(DataType.INT32).castTo(DataType.FLOAT);
        assertSame(model, back, List.of(tokens));
        assertEquals(model.architecture().layers(), back.architecture().layers());
    }

    // ---------------------------------------------------------------- what the archive holds

    @Test
    void theArchiveHoldsWhatKeras3Writes() throws IOException {
        Path file = dir.resolve("cnn.keras");
        Keras.save(cnn(), file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(
                    List.of("metadata.json", "config.json", "model.weights.h5"),
                    Collections.list(zip.entries()).stream()
                            .map(ZipEntry::getName)
                            .toList());
            Collections.list(zip.entries()).forEach(e -> assertEquals(ZipEntry.STORED, e.getMethod(), e.getName()));
            JsonNode metadata = json(zip, "metadata.json");
            assertEquals("3.8.0", metadata.path("keras_version").asText());
            assertTrue(metadata.path("date_saved").asText().matches("\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d"));

            JsonNode root = json(zip, "config.json");
            assertEquals("keras", root.path("module").asText());
            assertEquals("Sequential", root.path("class_name").asText());
            assertTrue(
                    root.has("registered_name") && root.path("registered_name").isNull());
            assertEquals(
                    "[null,8,8,3]",
                    root.path("build_config").path("input_shape").toString());
            JsonNode config = root.path("config");
            assertEquals("sequential", config.path("name").asText());
            assertEquals("DTypePolicy", config.path("dtype").path("class_name").asText());
            assertEquals("[null,8,8,3]", config.path("build_input_shape").toString());
            JsonNode layers = config.path("layers");
            assertEquals(
                    List.of(
                            "InputLayer",
                            "Conv2D",
                            "BatchNormalization",
                            "MaxPooling2D",
                            "Conv2D",
                            "Activation",
                            "Flatten",
                            "Dropout",
                            "Dense"),
                    classes(layers));
            for (JsonNode layer : layers) {
                assertEquals("keras.layers", layer.path("module").asText(), layer.toString());
                assertTrue(layer.path("registered_name").isNull(), layer.toString());
            }
            JsonNode input = layers.get(0).path("config");
            assertEquals("[null,8,8,3]", input.path("batch_shape").toString());
            assertEquals("input_layer", input.path("name").asText());

            JsonNode conv = layers.get(1);
            assertEquals("conv2d", conv.path("config").path("name").asText());
            assertEquals(4, conv.path("config").path("filters").asInt());
            assertEquals("[3,3]", conv.path("config").path("kernel_size").toString());
            assertEquals("[1,1]", conv.path("config").path("strides").toString());
            assertEquals("same", conv.path("config").path("padding").asText());
            assertEquals("relu", conv.path("config").path("activation").asText());
            assertEquals(
                    "channels_last", conv.path("config").path("data_format").asText());
            assertEquals(
                    "GlorotUniform",
                    conv.path("config")
                            .path("kernel_initializer")
                            .path("class_name")
                            .asText());
            assertFalse(conv.path("config").path("trainable").asBoolean(), "frozen up to batch_normalization");
            assertEquals(
                    "[null,8,8,3]",
                    conv.path("build_config").path("input_shape").toString());

            JsonNode second = layers.get(4).path("config");
            assertEquals("[2,3]", second.path("kernel_size").toString());
            assertEquals("[2,1]", second.path("strides").toString());
            assertEquals("valid", second.path("padding").asText());
            assertEquals("linear", second.path("activation").asText());
            assertEquals(
                    "L2", second.path("kernel_regularizer").path("class_name").asText());
            assertEquals(
                    0.001,
                    second.path("kernel_regularizer").path("config").path("l2").asDouble());
            assertTrue(second.path("trainable").asBoolean());

            JsonNode bn = layers.get(2).path("config");
            assertEquals(-1, bn.path("axis").asInt());
            assertEquals(0.99, bn.path("momentum").asDouble());
            assertEquals(0.001, bn.path("epsilon").asDouble());
            JsonNode pool = layers.get(3);
            assertEquals("[2,2]", pool.path("config").path("pool_size").toString());
            assertEquals("[2,2]", pool.path("config").path("strides").toString());
            assertFalse(pool.has("build_config"), "Keras builds pooling at construction: no build_config");
            assertEquals("tanh", layers.get(5).path("config").path("activation").asText());
            assertEquals(0.25, layers.get(7).path("config").path("rate").asDouble());
            JsonNode dense = layers.get(8);
            assertEquals(10, dense.path("config").path("units").asInt());
            assertEquals("softmax", dense.path("config").path("activation").asText());
            assertEquals(
                    "[null,24]", dense.path("build_config").path("input_shape").toString());

            JsonNode compile = root.path("compile_config");
            assertEquals(
                    "keras.optimizers", compile.path("optimizer").path("module").asText());
            assertEquals("Adam", compile.path("optimizer").path("class_name").asText());
            assertEquals(
                    0.002,
                    compile.path("optimizer")
                            .path("config")
                            .path("learning_rate")
                            .asDouble());
            assertEquals("categorical_crossentropy", compile.path("loss").asText());
            assertEquals("[\"accuracy\"]", compile.path("metrics").toString());

            try (HdfFile h5 = weights(zip)) {
                assertEquals(
                        List.of("batch_normalization", "conv2d", "conv2d_1", "dense"), // the layers with arrays
                        ((Group) h5.getByPath("layers"))
                                .getChildren().keySet().stream().sorted().toList());
                assertShape(h5, "layers/conv2d/vars/0", 3, 3, 3, 4);
                assertShape(h5, "layers/conv2d/vars/1", 4);
                for (int i = 0; i < 4; i++) {
                    assertShape(h5, "layers/batch_normalization/vars/" + i, 4);
                }
                assertShape(h5, "layers/conv2d_1/vars/0", 2, 3, 4, 6);
                assertShape(h5, "layers/dense/vars/0", 24, 10);
                assertShape(h5, "layers/dense/vars/1", 10);
                assertEquals(
                        "dense",
                        h5.getByPath("layers/dense/vars").getAttribute("name").getData());
                assertFalse(
                        ((Group) h5.getByPath("layers")).getChildren().containsKey("flatten"),
                        "Keras reads a layer without arrays from no group at all");
            }
        }
    }

    @Test
    void aFunctionalArchiveNumbersItsWeightGroupsInKerassOrder() throws IOException {
        Path file = dir.resolve("branching.keras");
        Keras.save(branching(), file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            JsonNode root = json(zip, "config.json");
            assertEquals("keras.src.models.functional", root.path("module").asText());
            assertEquals("Functional", root.path("class_name").asText());
            assertEquals("Functional", root.path("registered_name").asText());
            assertTrue(root.path("build_config").has("input_shape"));
            JsonNode config = root.path("config");
            assertEquals(
                    "[[\"wide\",0,0],[\"deep\",0,0]]",
                    config.path("input_layers").toString());
            assertEquals("[\"dense_4\",0,0]", config.path("output_layers").toString(), "one output: one triple");
            JsonNode layers = config.path("layers");
            JsonNode dense2 = layer(layers, "dense_2");
            JsonNode call = dense2.path("inbound_nodes").get(0);
            assertEquals("{}", call.path("kwargs").toString());
            JsonNode tensor = call.path("args").get(0);
            assertEquals("__keras_tensor__", tensor.path("class_name").asText());
            assertEquals("[null,8]", tensor.path("config").path("shape").toString());
            assertEquals(
                    "[\"dense\",0,0]",
                    tensor.path("config").path("keras_history").toString());
            JsonNode add = layer(layers, "add");
            assertEquals("keras.layers", add.path("module").asText());
            JsonNode merged = add.path("inbound_nodes").get(0).path("args").get(0);
            assertTrue(merged.isArray(), "a merge takes a list of tensors as its first argument");
            assertEquals(
                    "dense_2",
                    merged.get(0).path("config").path("keras_history").get(0).asText());
            assertEquals(
                    "dense_1",
                    merged.get(1).path("config").path("keras_history").get(0).asText());
            assertEquals(
                    "[[null,8],[null,8]]",
                    add.path("build_config").path("input_shape").toString());
            assertEquals(
                    -1, layer(layers, "concatenate").path("config").path("axis").asInt());
            assertEquals("[]", layer(layers, "wide").path("inbound_nodes").toString());
            assertEquals(
                    "[null,16]",
                    layer(layers, "wide").path("config").path("batch_shape").toString());

            assertEquals(
                    List.of("wide", "dense", "dense_2", "dense_1", "deep", "add", "dense_3", "concatenate", "dense_4"),
                    KerasGraph.kerasOrder(config));
            try (HdfFile h5 = weights(zip)) {
                assertEquals(
                        "dense_2",
                        h5.getByPath("layers/dense_1/vars").getAttribute("name").getData());
                assertShape(h5, "layers/dense_1/vars/0", 8, 8); // dense_2's kernel, Keras's second Dense
                assertShape(h5, "layers/dense_2/vars/0", 16, 8); // dense_1's, its third
                assertShape(h5, "layers/dense_3/vars/0", 4, 5);
                assertShape(h5, "layers/dense_4/vars/0", 21, 3);
                assertEquals(
                        List.of("dense", "dense_1", "dense_2", "dense_3", "dense_4"),
                        ((Group) h5.getByPath("layers"))
                                .getChildren().keySet().stream().sorted().toList());
            }
        }
    }

    @Test
    void recurrentLayersKeepTheirArraysUnderTheirCell() throws IOException {
        Path file = dir.resolve("recurrent.keras");
        Keras.save(recurrent(), file);
        try (ZipFile zip = new ZipFile(file.toFile());
                HdfFile h5 = weights(zip)) {
            assertShape(h5, "layers/embedding/vars/0", 20, 6);
            assertShape(h5, "layers/lstm/cell/vars/0", 6, 20);
            assertShape(h5, "layers/lstm/cell/vars/1", 5, 20);
            assertShape(h5, "layers/lstm/cell/vars/2", 20);
            assertEquals(
                    "lstm_cell",
                    h5.getByPath("layers/lstm/cell/vars").getAttribute("name").getData());
            assertFalse(((Group) h5.getByPath("layers/lstm")).getChildren().containsKey("vars"));
            assertShape(h5, "layers/simple_rnn/cell/vars/1", 4, 4);
            JsonNode lstm = json(zip, "config.json")
                    .path("config")
                    .path("layers")
                    .get(2)
                    .path("config");
            assertEquals("sigmoid", lstm.path("recurrent_activation").asText());
            assertTrue(lstm.path("return_sequences").asBoolean());
        }
    }

    @Test
    void whatKeras3CannotBeGivenIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path file = dir.resolve("hard.keras");
        Model hardSigmoid = Sequential()
                .input(3, 2)
                .add(new org.dendrite.layers.LSTM(4, false, HARD_SIGMOID))
                .dense(1)
                .compile(adam, mse);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Keras.save(hardSigmoid, file));
        assertTrue(e.getMessage().startsWith("Keras.save: layer 0 ('lstm', "), e.getMessage());
        assertTrue(e.getMessage().contains("hard_sigmoid"), e.getMessage());
        assertFalse(Files.exists(file));

        Model upsampled =
                Sequential().input(4, 4, 1).upSampling(2).flatten().dense(2).compile(adam, mse);
        Keras.save(upsampled, file); // UpSampling2D has a Keras 3 counterpart
        assertEquals(upsampled.getWeights(), Keras.load(file).getWeights());
    }

    // ---------------------------------------------------------------- Keras's own files

    /**
     * The fixture as Keras wrote it: a Masking layer, then an LSTM that skips the masked steps (one
     * example's last, one's first, one's middle), carrying its state over them as Keras does; an
     * identity Activation after the LSTM holds the loss DL4J's output layer needs.
     */
    @Test
    void theKeras3MaskingFixturePredictsAsKerasDoesForEveryRow() throws IOException {
        Model model = Keras.load(Fixtures.fixture("keras3_seq_masking_lstm.keras"));
        assertEquals(
                List.of("Masking", "LSTM", "Activation"),
                model.architecture().layers().stream().map(l -> l.kind()).toList());
        assertEquals(
                new org.dendrite.layers.Masking(0),
                model.architecture().layers().get(0));
        assertEquals(16, model.summaryTable().totalParams(), "4·(2 + 1 + 1) LSTM parameters");
        float[][] inputs = Fixtures.csv("keras3_seq_masking_lstm_inputs.csv");
        float[][] expected = Fixtures.csv("keras3_seq_masking_lstm_expected.csv");
        INDArray predictions = model.predict(Nd4j.create(flatten(inputs), new long[] {inputs.length, 3, 2}, 'c'));
        for (int row = 0; row < expected.length; row++) {
            assertEquals(expected[row][0], predictions.getDouble(row, 0), 1e-5, "row " + row);
        }
    }

    @Test
    void aRecurrentLayerThatZeroesItsMaskedOutputsIsRefusedNamingIt() throws IOException {
        Path zeroing =
                edited(Fixtures.fixture("keras3_seq_masking_lstm.keras"), "zeroing.keras", layers -> ((ObjectNode)
                                layers.get(2).path("config"))
                        .put("zero_output_for_mask", true));
        IOException e = assertThrows(IOException.class, () -> Keras.load(zeroing));
        assertEquals(zeroing + ": layer 2 ('lstm', LSTM): zero_output_for_mask=true is not supported", e.getMessage());
    }

    /** Masking before an LSTM and before a SimpleRNN: Keras 3's config, and back bit for bit. */
    @Test
    void maskedRecurrentLayersComeBackBitForBit() throws IOException {
        Node input = Input(5, 2);
        Node lstm = input.masking(-1).lstm(4).dense(3, TANH);
        Node rnn = input.masking(-1).simpleRnn(3);
        Model model = Model(input, add(lstm, rnn).dense(1)).compile(adam, mse);
        randomize(model, 4);
        Path file = dir.resolve("masked.keras");
        Keras.save(model, file);
        Model back = Keras.load(file);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 5, 2);
        x.get(NDArrayIndex.point(0), NDArrayIndex.point(1), NDArrayIndex.all()).assign(-1);
        x.get(NDArrayIndex.point(2), NDArrayIndex.point(4), NDArrayIndex.all()).assign(-1);
        assertSame(model, back, List.of(x));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            JsonNode layers = json(zip, "config.json").path("config").path("layers");
            JsonNode masking = layer(layers, "masking");
            assertEquals("Masking", masking.path("class_name").asText());
            assertEquals("keras.layers", masking.path("module").asText());
            assertEquals(-1.0, masking.path("config").path("mask_value").asDouble());
            assertFalse(masking.has("build_config"), "Keras builds no Masking layer");
        }
    }

    @Test
    void theKeras3FixturesLstmWeightsAreFoundWhereKeras3PutsThem() throws IOException {
        Path fixture = Fixtures.fixture("keras3_seq_masking_lstm.keras");
        try (ZipFile zip = new ZipFile(fixture.toFile());
                HdfFile h5 = weights(zip)) {
            JsonNode root = json(zip, "config.json");
            assertEquals(
                    Map.of("masking", "layers/masking", "lstm", "layers/lstm"),
                    KerasArchive.paths(root),
                    "a Sequential's input layer is not among its layers");
            List<INDArray> lstm = KerasWeights.vars(h5, "layers/lstm");
            assertEquals(3, lstm.size());
            assertArrayEquals(new long[] {2, 4}, lstm.get(0).shape());
            assertArrayEquals(new long[] {1, 4}, lstm.get(1).shape());
            assertArrayEquals(new float[] {0, 1, 0, 0}, lstm.get(2).toFloatVector(), "unit_forget_bias");
            assertEquals(-0.77649444f, lstm.get(0).getFloat(0, 0));
            assertTrue(KerasWeights.vars(h5, "layers/masking").isEmpty());
        }
    }

    /**
     * The fixture without its Masking layer (its config edited here, its weights file untouched):
     * examples 0 and 2 mask no step, or only the first, where Keras's state is still zero, so that a
     * plain LSTM computes Keras's outputs for them; example 1 masks its last step, which Keras skips
     * and a plain LSTM does not: what the Masking layer's translation is for.
     */
    @Test
    void theKeras3FixturesLstmPredictsAsKerasDoesWithoutItsMasking() throws IOException {
        Path unmasked =
                edited(Fixtures.fixture("keras3_seq_masking_lstm.keras"), "unmasked.keras", layers -> layers.remove(1));
        Model model = Keras.load(unmasked);
        assertEquals(
                List.of("LSTM", "Activation"),
                model.architecture().layers().stream().map(l -> l.kind()).toList());
        assertArrayEquals(new long[] {3, 2}, model.inputShape());
        assertEquals(16, model.summaryTable().totalParams(), "4·(2 + 1 + 1) LSTM parameters");
        float[][] inputs = Fixtures.csv("keras3_seq_masking_lstm_inputs.csv");
        float[][] expected = Fixtures.csv("keras3_seq_masking_lstm_expected.csv");
        INDArray predictions = model.predict(Nd4j.create(flatten(inputs), new long[] {inputs.length, 3, 2}, 'c'));
        for (int row : new int[] {0, 2}) {
            double want = expected[row][0];
            assertEquals(want, predictions.getDouble(row, 0), 1e-5 + 1e-4 * Math.abs(want), "row " + row);
        }
        assertTrue(Math.abs(predictions.getDouble(1, 0) - expected[1][0]) > 1e-4, "a masked last step matters");
    }

    /** Keras's own order for a functional model's layers, computed from the graph, is the order Keras wrote them in. */
    @Test
    void kerassLayerOrderIsComputedAsKerasComputesIt() throws IOException {
        Path fixture = Fixtures.fixture("keras2_func_resnet8_add_cifar10.h5");
        try (HdfFile h5 = new HdfFile(fixture)) {
            Object attribute = h5.getAttribute("model_config").getData();
            String text = attribute instanceof byte[] bytes ? new String(bytes) : attribute.toString();
            JsonNode config = JSON.readTree(text).path("config");
            List<String> written = new ArrayList<>();
            config.path("layers").forEach(l -> written.add(KerasGraph.name(l)));
            assertEquals(written, KerasGraph.kerasOrder(config));
        }
    }

    // ---------------------------------------------------------------- helpers

    private Model roundTrip(Model model, String name) throws IOException {
        Path file = dir.resolve(name);
        Keras.save(model, file);
        return Keras.load(file);
    }

    /** A copy of the archive {@code fixture} with its config's layer list edited, its weights file untouched. */
    private Path edited(Path fixture, String name, java.util.function.Consumer<ArrayNode> edit) throws IOException {
        Path copy = dir.resolve(name);
        try (ZipFile zip = new ZipFile(fixture.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("config.json")) {
                    ObjectNode root = (ObjectNode) json(zip, "config.json");
                    edit.accept((ArrayNode) root.path("config").path("layers"));
                    out.write(JSON.writeValueAsBytes(root));
                } else {
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                }
            }
        }
        return copy;
    }

    /** The same summary, the same weights exactly, the same predictions exactly. */
    private static void assertSame(Model model, Model back, List<INDArray> inputs) {
        assertEquals(model.summaryTable(), back.summaryTable());
        assertEquals(model.summaryTable().toString(), back.summaryTable().toString());
        List<INDArray> before = model.getWeights();
        List<INDArray> after = back.getWeights();
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i).shape(), after.get(i).shape(), "weight " + i);
            assertArrayEquals(
                    before.get(i).dup('c').data().asFloat(),
                    after.get(i).dup('c').data().asFloat(),
                    "weight " + i);
        }
        if (inputs.size() == 1) {
            assertEquals(model.predict(inputs.get(0)), back.predict(inputs.get(0)));
        } else {
            assertEquals(model.predict(inputs), back.predict(inputs));
        }
    }

    /** Every weight drawn at random (positive, so that variances stay variances), reproducibly. */
    private static void randomize(Model model, long seed) {
        Nd4j.getRandom().setSeed(seed);
        model.setWeights(model.getWeights().stream()
                .map(w -> Nd4j.rand(DataType.FLOAT, w.shape()).addi(0.1))
                .toArray(INDArray[]::new));
    }

    private static List<String> classes(JsonNode layers) {
        List<String> classes = new ArrayList<>();
        layers.forEach(l -> classes.add(l.path("class_name").asText()));
        return classes;
    }

    private static JsonNode layer(JsonNode layers, String name) {
        for (JsonNode layer : layers) {
            if (layer.path("name").asText().equals(name)) {
                return layer;
            }
        }
        throw new AssertionError("no layer " + name + " in " + classes(layers));
    }

    private static void assertShape(HdfFile h5, String path, int... shape) {
        assertArrayEquals(shape, ((Dataset) h5.getByPath(path)).getDimensions(), path);
    }

    private static JsonNode json(ZipFile zip, String entry) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            return JSON.readTree(in);
        }
    }

    /** The archive's weights file, read with jHDF (from a copy beside the test's other files). */
    private HdfFile weights(ZipFile zip) throws IOException {
        Path copy = Files.createTempFile(dir, "weights", ".h5");
        try (InputStream in = zip.getInputStream(zip.getEntry("model.weights.h5"))) {
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return new HdfFile(copy);
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[Arrays.stream(rows).mapToInt(r -> r.length).sum()];
        int at = 0;
        for (float[] row : rows) {
            System.arraycopy(row, 0, flat, at, row.length);
            at += row.length;
        }
        return flat;
    }
}
