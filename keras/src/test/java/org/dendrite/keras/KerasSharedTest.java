package org.dendrite.keras;

import static org.dendrite.Dendrite.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.dendrite.Model;
import org.dendrite.Node;
import org.dendrite.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras files whose layers are called more than once (shared layers, {@code inbound_nodes} with
 * several calls), written here in Keras 3's schema: a shared layer with weights runs as one block
 * on its calls' inputs stacked, with the file's one set of weights; one without weights is a node
 * per call; one call fed by another's output is refused.
 */
class KerasSharedTest {

    @TempDir
    Path dir;

    private static final float[][] KERNEL = {
        {0.5f, -0.2f, 0.1f}, {0.3f, 0.8f, -0.6f}, {-0.4f, 0.2f, 0.9f}, {0.7f, -0.5f, 0.3f}
    };
    private static final float[] BIAS = {0.1f, -0.2f, 0.05f};
    private static final float[][] HEAD = {{1.5f}, {-0.7f}, {0.4f}};
    private static final float[] HEAD_BIAS = {0.25f};

    /** A {@code __keras_tensor__} of {@code width} numbers, the output of call {@code call} of {@code layer}. */
    private static String tensor(String layer, int call, int width) {
        return """
                {"class_name": "__keras_tensor__", "config": {"shape": [null, %d], "dtype": "float32",
                 "keras_history": ["%s", %d, 0]}}"""
                .formatted(width, layer, call);
    }

    /** A layer entry as Keras 3's functional config writes it; {@code calls} are its calls' {@code args}. */
    private static String layer(String kind, String name, String config, String... calls) {
        StringBuilder inbound = new StringBuilder();
        for (String args : calls) {
            inbound.append(inbound.length() == 0 ? "" : ", ")
                    .append("{\"args\": [")
                    .append(args)
                    .append("], \"kwargs\": {}}");
        }
        return """
                {"module": "keras.layers", "class_name": "%s", "registered_name": null, "name": "%s",
                 "config": {"name": "%s", "trainable": true, "dtype": "float32"%s},
                 "inbound_nodes": [%s]}"""
                .formatted(kind, name, name, config, inbound);
    }

    private static final String DENSE = ", \"units\": %d, \"activation\": \"%s\", \"use_bias\": true";

    /**
     * A Siamese pair: {@code dense} (4 → 3, tanh) and {@code dropout} each called on both inputs,
     * their outputs' difference into {@code dense_1} (3 → 1).
     */
    private Path siamese() throws IOException {
        String layers = String.join(
                ",\n",
                layer("InputLayer", "input_a", ", \"batch_shape\": [null, 4], \"sparse\": false"),
                layer("InputLayer", "input_b", ", \"batch_shape\": [null, 4], \"sparse\": false"),
                layer("Dense", "dense", DENSE.formatted(3, "tanh"), tensor("input_a", 0, 4), tensor("input_b", 0, 4)),
                layer("Dropout", "dropout", ", \"rate\": 0.5", tensor("dense", 0, 3), tensor("dense", 1, 3)),
                layer("Subtract", "subtract", "", "[" + tensor("dropout", 0, 3) + ", " + tensor("dropout", 1, 3) + "]"),
                layer("Dense", "dense_1", DENSE.formatted(1, "linear"), tensor("subtract", 0, 3)));
        return archive("siamese.keras", functional(layers, "[[\"input_a\", 0, 0], [\"input_b\", 0, 0]]", "dense_1"));
    }

    private static String functional(String layers, String inputs, String output) {
        return """
                {"module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
                 "config": {"name": "functional", "trainable": true, "layers": [%s],
                            "input_layers": %s, "output_layers": [["%s", 0, 0]]}}"""
                .formatted(layers, inputs, output);
    }

    /** A Keras 3 archive of {@code config} and a weights file holding the two Dense layers' arrays, as Keras 3 lays them out. */
    private Path archive(String name, String config) throws IOException {
        Path weights = dir.resolve(name + ".weights.h5");
        try (WritableHdfFile h5 = HdfFile.write(weights)) {
            WritableGroup layers = h5.putGroup("layers");
            WritableGroup dense = layers.putGroup("dense").putGroup("vars");
            dense.putDataset("0", KERNEL);
            dense.putDataset("1", BIAS);
            WritableGroup head = layers.putGroup("dense_1").putGroup("vars");
            head.putDataset("0", HEAD);
            head.putDataset("1", HEAD_BIAS);
        }
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("metadata.json"));
            zip.write("{\"keras_version\": \"3.8.0\"}".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write(config.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("model.weights.h5"));
            zip.write(Files.readAllBytes(weights));
        }
        return file;
    }

    @Test
    void aSharedLayerPredictsWithItsOneSetOfWeightsOnEachCall() throws IOException {
        Model model = Keras.load(siamese());
        assertEquals(3 * 4 + 3 + 3 + 1, model.summaryTable().totalParams(), "the shared Dense counted once");
        List<INDArray> weights = model.getWeights();
        assertEquals(4, weights.size());
        assertEquals(Nd4j.create(KERNEL), weights.get(0));
        assertEquals(Nd4j.create(HEAD), weights.get(2));

        Nd4j.getRandom().setSeed(5);
        INDArray a = Nd4j.rand(DataType.FLOAT, 6, 4).subi(0.5);
        INDArray b = Nd4j.rand(DataType.FLOAT, 6, 4).subi(0.5);
        INDArray kernel = Nd4j.create(KERNEL);
        INDArray bias = Nd4j.create(BIAS).reshape(1, 3);
        INDArray difference = Transforms.tanh(a.mmul(kernel).addRowVector(bias))
                .sub(Transforms.tanh(b.mmul(kernel).addRowVector(bias)));
        INDArray expected = difference.mmul(Nd4j.create(HEAD)).addi(HEAD_BIAS[0]);
        INDArray predicted = model.predict(List.of(a, b)).get(0);
        assertTrue(expected.sub(predicted).amaxNumber().doubleValue() < 1e-6, expected + " vs " + predicted);
        assertTrue(expected.amaxNumber().doubleValue() > 0.1, "outputs that are not all zero");
    }

    @Test
    void aSharedLayerFineTunesAsOneLayer() throws IOException {
        Model loaded = Keras.load(siamese());
        Model model = loaded.functional().compile(adam(0.02), mse); // Keras's default rate, 1e-3, learns slowly
        model.setWeights(loaded.getWeights().toArray(INDArray[]::new));
        Nd4j.getRandom().setSeed(6);
        INDArray a = Nd4j.rand(DataType.FLOAT, 32, 4);
        INDArray b = Nd4j.rand(DataType.FLOAT, 32, 4);
        INDArray y = a.sum(true, 1).sub(b.sum(true, 1)).reshape(32, 1);
        Dataset data = Dataset.of(List.of(a, b), List.of(y));
        double before = model.evaluate(data).loss();
        model.fit(data, epochs(40).batch(8).verbose(0));
        double after = model.evaluate(data).loss();
        assertTrue(after < before / 2, "the loss goes down: " + before + " → " + after);
        assertEquals(4, model.getWeights().size(), "one kernel and bias for both calls");
        assertNotEquals(Nd4j.create(KERNEL), model.getWeights().get(0), "the shared kernel learnt");
    }

    /**
     * A Sequential of one layer applied to two nodes is written as Keras writes a shared layer: one
     * entry, whose {@code inbound_nodes} hold both calls, referred to by call; and read back as it was.
     */
    @Test
    void aSharedLayerIsWrittenAsKerasWritesOneAndComesBackBitForBit() throws IOException {
        Node left = Input(4).named("left");
        Node right = Input(4).named("right");
        var twin = Sequential().dense(3, TANH);
        Model model = Model(
                        List.of(left, right),
                        List.of(subtract(twin.apply(left), twin.apply(right)).dense(1)))
                .compile(adam, mse);
        Path file = dir.resolve("twin.keras");
        Keras.save(model, file);
        Model back = Keras.load(file);
        assertEquals(model.summaryTable(), back.summaryTable());
        assertEquals(model.getWeights(), back.getWeights());
        Nd4j.getRandom().setSeed(7);
        List<INDArray> x = List.of(Nd4j.rand(DataType.FLOAT, 5, 4), Nd4j.rand(DataType.FLOAT, 5, 4));
        assertEquals(model.predict(x), back.predict(x));

        JsonNode layers;
        try (ZipFile zip = new ZipFile(file.toFile());
                InputStream in = zip.getInputStream(zip.getEntry("config.json"))) {
            layers = new ObjectMapper().readTree(in).path("config").path("layers");
        }
        List<String> classes = new ArrayList<>();
        layers.forEach(l -> classes.add(l.path("class_name").asText()));
        assertEquals(List.of("InputLayer", "InputLayer", "Dense", "Subtract", "Dense"), classes);
        JsonNode shared = layers.get(2);
        assertEquals(2, shared.path("inbound_nodes").size(), "one entry, both calls");
        assertEquals(
                "right",
                shared.path("inbound_nodes")
                        .get(1)
                        .path("args")
                        .get(0)
                        .path("config")
                        .path("keras_history")
                        .get(0)
                        .asText());
        JsonNode second =
                layers.get(3).path("inbound_nodes").get(0).path("args").get(0).get(1);
        assertEquals(
                List.of(shared.path("name").asText(), "1", "0"),
                List.of(
                        second.path("config").path("keras_history").get(0).asText(),
                        second.path("config").path("keras_history").get(1).asText(),
                        second.path("config").path("keras_history").get(2).asText()),
                "the subtraction takes the shared layer's second call");
    }

    @Test
    void aSequentialOfSeveralLayersAppliedAsALayerIsRefusedBeforeAnythingIsWritten() {
        Node input = Input(4);
        var block = Sequential().dense(3, TANH).dense(2);
        Model model = Model(input, block.apply(input).dense(1)).compile(adam, mse);
        Path file = dir.resolve("nested.keras");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Keras.save(model, file));
        assertEquals(
                "Keras.save: layer 1 ('sequential') is a model applied as a layer; Keras.save writes a Sequential of"
                        + " one layer (a shared layer), whole, not a nested Keras model",
                e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void aSharedLayerCalledOnInputsOfDifferentShapesIsRefusedNamingIt() throws IOException {
        String conv = ", \"filters\": 2, \"kernel_size\": [3, 3], \"strides\": [1, 1], \"padding\": \"valid\","
                + " \"data_format\": \"channels_last\", \"activation\": \"relu\", \"use_bias\": true";
        String image = "{\"class_name\": \"__keras_tensor__\", \"config\": {\"keras_history\": [\"%s\", 0, 0]}}";
        String layers = String.join(
                ",\n",
                layer("InputLayer", "big", ", \"batch_shape\": [null, 8, 8, 1], \"sparse\": false"),
                layer("InputLayer", "small", ", \"batch_shape\": [null, 6, 6, 1], \"sparse\": false"),
                layer("Conv2D", "conv2d", conv, image.formatted("big"), image.formatted("small")),
                layer(
                        "GlobalAveragePooling2D",
                        "pool",
                        "",
                        image.formatted("conv2d").replace(", 0, 0]", ", 1, 0]")),
                layer("Dense", "dense_1", DENSE.formatted(1, "linear"), tensor("pool", 0, 2)));
        Path file = archive("sizes.keras", functional(layers, "[[\"big\", 0, 0], [\"small\", 0, 0]]", "dense_1"));
        IOException e = assertThrows(IOException.class, () -> Keras.load(file));
        assertEquals(
                file + ": layer 2 ('conv2d', Conv2D): its call 1 takes (None, 6, 6, 1) where its call 0 takes"
                        + " (None, 8, 8, 1): Dendrite runs a shared layer once on all its calls' inputs stacked, which"
                        + " needs one shape",
                e.getMessage());
    }

    @Test
    void aCallFedByAnotherCallOfTheSameLayerIsRefused() throws IOException {
        String layers = String.join(
                ",\n",
                layer("InputLayer", "input", ", \"batch_shape\": [null, 4], \"sparse\": false"),
                layer("Dense", "dense", DENSE.formatted(4, "tanh"), tensor("input", 0, 4), tensor("dense", 0, 4)),
                layer("Dense", "dense_1", DENSE.formatted(1, "linear"), tensor("dense", 1, 4)));
        Path file = archive("twice.keras", functional(layers, "[[\"input\", 0, 0]]", "dense_1"));
        IOException e = assertThrows(IOException.class, () -> Keras.load(file));
        assertEquals(
                file + ": layer 1 ('dense', Dense): its call 1 takes a tensor computed from its own earlier call:"
                        + " Dendrite runs a shared layer once on all its calls' inputs stacked, so one call cannot"
                        + " feed another",
                e.getMessage());
    }
}
