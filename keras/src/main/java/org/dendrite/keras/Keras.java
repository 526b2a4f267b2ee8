package org.dendrite.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.dendrite.Functional;
import org.dendrite.Model;
import org.dendrite.Node;
import org.dendrite.Sequential;
import org.dendrite.activations.Activation;
import org.dendrite.layers.ActivationLayer;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Masking;
import org.dendrite.layers.OutputCapable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Models trained in Python Keras, opened as ordinary Dendrite models (summary, predict, evaluate,
 * fit and save all work on them), and Dendrite models saved for Keras 3.
 * <pre>{@code
 * Model model = Keras.load(Path.of("model.keras"));  // Python: model.save("model.keras"), or "model.h5"
 * INDArray p = model.predict(images);                 // Keras's layout: [n, height, width, channels]
 * Keras.save(model, Path.of("tuned.keras"));          // Python: keras.saving.load_model("tuned.keras")
 * }</pre>
 *
 * <p>Reads Keras 3 {@code .keras} archives ({@code config.json} and {@code model.weights.h5} in a
 * zip) and Keras 2 / tf.keras full-model HDF5 files ({@code model_config} and
 * {@code model_weights}), of Sequential and functional models with the layers in
 * {@link KerasLayers#SUPPORTED}, through a pure-Java HDF5 library (jHDF), by translating Keras's
 * layer configs into Dendrite's own layers and handing the weights, in Keras's layout, to
 * {@link Model#setWeights}: no native HDF5 library and no DL4J-specific model import. The loss,
 * optimiser and metrics come from the file's {@code compile_config} / {@code training_config} when
 * it has one (so fit continues as the Python script would), Keras's defaults (adam, mse) otherwise.
 */
public final class Keras {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HDF5 = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private Keras() {}

    /**
     * Opens a Keras model file: a Keras 3 {@code .keras} archive or a Keras 2 / tf.keras {@code .h5}
     * file, told apart by their first bytes, not by their names.
     *
     * @throws IOException naming the file and what is wrong: neither format, a SavedModel folder, a
     *     subclassed model, a layer Dendrite does not have (with its position and the supported list),
     *     weights whose shapes differ from the config's, a truncated file
     */
    public static Model load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new IOException(
                    file + " is a folder: a TensorFlow SavedModel? Save it from Python as one file first, with "
                            + "model.save(\"model.keras\")");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no Keras model here");
        }
        if (startsWith(head(file), ZIP)) {
            return KerasArchive.read(file);
        }
        if (!startsWith(head(file), HDF5)) {
            throw new IOException(
                    file + " is not a Keras model: it is neither an HDF5 file (.h5) nor a .keras archive");
        }
        return fromHdf5(file, hdf -> read(hdf, file));
    }

    /** What {@code reading} makes of an HDF5 file, its failures as IOExceptions naming the file. */
    private static Model fromHdf5(Path file, HdfReading reading) throws IOException {
        try (HdfFile hdf = new HdfFile(file)) {
            return reading.read(hdf);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IOException(file + " could not be read as HDF5 (truncated or damaged?): " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface HdfReading {
        Model read(HdfFile hdf) throws IOException;
    }

    /**
     * Opens a model saved from Python as its architecture and its weights, apart:
     * {@code model.to_json()} written to a file, and {@code model.save_weights(...)}'s file, Keras
     * 2's {@code .h5} (a group per layer, listed in {@code layer_names}) or Keras 3's
     * {@code .weights.h5} ({@code layers/<name>/vars/<i>}), told apart by their contents. A
     * full-model {@code .h5} serves as the weights file too (as in Keras's {@code load_weights}).
     * The loss and optimiser are Keras's defaults (adam, mse) unless the JSON holds a
     * {@code compile_config}.
     *
     * @throws IOException naming the file and what is wrong: the JSON is not a Keras model's, the
     *     weights file is not HDF5 or holds no Keras weights, a layer's arrays differ in number or
     *     shape from the architecture's (layer, expected and found shapes)
     */
    public static Model load(Path architectureJson, Path weights) throws IOException {
        Objects.requireNonNull(architectureJson, "architectureJson");
        Objects.requireNonNull(weights, "weights");
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(architectureJson));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(
                    architectureJson + " is not JSON (model.to_json()'s output): " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.path("class_name").isTextual()) {
            throw new IOException(
                    architectureJson + " is not a Keras model's JSON (model.to_json()): it has no" + " class_name");
        }
        // Keras 2 and tf.keras write their keras_version; Keras 3 writes none (and every object's module)
        boolean keras3 = !root.path("keras_version").asText("3").startsWith("2.");
        KerasTraining.Compile compile =
                keras3 ? KerasTraining.keras3(root.path("compile_config")) : KerasTraining.keras2(null);
        requireHdf5(weights);
        return fromHdf5(weights, hdf -> {
            KerasWeights arrays;
            try {
                arrays = KerasWeights.of(hdf, root);
            } catch (IllegalArgumentException e) {
                throw new IOException(weights + " " + e.getMessage(), e);
            }
            return assemble(root, compile, keras3, arrays, architectureJson, weights.toString());
        });
    }

    /**
     * Writes the model as a Keras 3 {@code .keras} archive, which Python's
     * {@code keras.saving.load_model(...)} opens (Keras 3.8 and later): its config in Keras's own
     * schema, its weights in Keras 3's layout, its loss, optimiser and metrics as
     * {@code compile_config}. Written atomically: a reader never sees a half-written file. The
     * optimiser's state is not written; Keras starts it afresh.
     *
     * @throws IllegalArgumentException naming the layer (position, name) that Keras 3 cannot be given
     *     as Dendrite computes it (a Keras 2 {@code hard_sigmoid}, a Sequential applied as a layer,
     *     a min-max input normaliser, ...), before anything is written
     */
    public static void save(Model model, Path file) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        KerasExport.save(model, file);
    }

    private static Model read(HdfFile hdf, Path file) throws IOException {
        Attribute config = hdf.getAttributes().get("model_config");
        if (config == null) {
            throw new IOException(file + " holds no model_config: weights only (model.save_weights)? Open it with"
                    + " Keras.load(architectureJson, weights), the JSON being model.to_json()'s, or save the whole"
                    + " model with model.save(\"model.h5\")");
        }
        JsonNode model = JSON.readTree(text(config.getData()));
        Attribute training = hdf.getAttributes().get("training_config");
        return assemble(
                model,
                KerasTraining.keras2(training == null ? null : JSON.readTree(text(training.getData()))),
                false,
                KerasWeights.keras2(hdf, "model_weights/"),
                file,
                "model_weights");
    }

    /**
     * The model a config describes, with its weights: built ({@link #build}), then each layer given
     * its arrays from {@code weights}, checked against the architecture's number and shapes first.
     *
     * @param file        the file the config came from, for messages
     * @param weightsName the weights file (or group) for messages
     */
    static Model assemble(
            JsonNode root,
            KerasTraining.Compile compile,
            boolean keras3,
            KerasWeights weights,
            Path file,
            String weightsName)
            throws IOException {
        Built built = build(root, compile, keras3, weights, file);
        List<INDArray> expected = built.model().getWeights();
        List<INDArray> arrays = new ArrayList<>();
        for (int i = 0; i < built.names().size(); i++) {
            String name = built.names().get(i);
            Layer layer = built.layers().get(i);
            int count = KerasLayers.ranks(layer).length;
            List<INDArray> found = weights.of(name);
            if (found.size() != count) {
                throw new IOException(file + ": layer '" + name + "' (" + layer.kind() + ") has " + count
                        + " weight arrays, but " + weightsName + " holds " + found.size() + " under "
                        + weights.where(name));
            }
            for (int j = 0; j < count; j++) {
                long[] want = expected.get(arrays.size()).shape();
                long[] got = found.get(j).shape();
                boolean vector = got.length == 1 && want.length == 2 && want[0] == 1 && want[1] == got[0];
                if (!Arrays.equals(want, got) && !vector) {
                    throw new IOException(file + ": layer '" + name + "' (" + layer.kind() + "): weight " + j
                            + " in " + weightsName + " (" + weights.where(name) + ") has shape " + Arrays.toString(got)
                            + ", the architecture expects " + Arrays.toString(want));
                }
                arrays.add(found.get(j));
            }
        }
        try {
            built.model().setWeights(arrays.toArray(INDArray[]::new));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + weightsName + " does not match the config: " + e.getMessage(), e);
        }
        return built.model();
    }

    /**
     * A model built from its config and compiled, before its weights.
     *
     * @param names  each layer's name in the file, in the model's order (getWeights()')
     * @param layers each layer, in the same order
     */
    record Built(Model model, List<String> names, List<Layer> layers) {}

    /**
     * The model a Keras config describes ({@code {"class_name": "Sequential", "config": {...}}}), its
     * layers translated into Dendrite's, compiled as {@code compile} says.
     *
     * @param keras3 whether the config is Keras 3's (see {@link KerasLayers#translate})
     */
    static Built build(JsonNode model, KerasTraining.Compile compile, boolean keras3, KerasWeights weights, Path file)
            throws IOException {
        String kind = model.path("class_name").asText();
        if (kind.equals("Functional") || kind.equals("Model")) {
            KerasGraph.Read read;
            try {
                read = KerasGraph.read(
                        model.path("config"),
                        keras3,
                        (scaling, config, name, input) -> KerasNormalizer.of(scaling, config, weights.of(name), input));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + e.getMessage(), e);
            }
            Functional graph = read.graph();
            List<String> names = new ArrayList<>();
            List<Layer> layers = new ArrayList<>();
            for (Node node : graph.nodes()) {
                KerasGraph.Shared shared = read.shared().get(node);
                if (node.layer() != null) {
                    names.add(graph.name(node));
                    layers.add(node.layer());
                } else if (shared != null && !names.contains(shared.name())) {
                    names.add(shared.name()); // a shared layer's weights, at its first call (getWeights()' order)
                    layers.add(shared.layer());
                }
            }
            return new Built(compile(compile, null, graph, file), names, layers);
        }
        if (!kind.equals("Sequential")) {
            JsonNode registered = model.path("registered_name");
            throw new IOException(file + " holds a subclassed model, " + kind
                    + (registered.isTextual() ? " (registered_name \"" + registered.asText() + "\")" : "")
                    + ": its layers and call() are Python code of its own, which a saved file does not carry;"
                    + " Keras.load reads Sequential and functional models");
        }
        JsonNode layers = model.path("config").isArray()
                ? model.path("config")
                : model.path("config").path("layers");
        Sequential architecture = Sequential.empty();
        long[] input = null;
        List<String> names = new ArrayList<>();
        List<Integer> frozen = new ArrayList<>();
        int scaling = -1; // a leading Rescaling or Normalization: the model's input normaliser
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            JsonNode layerConfig = layer.path("config");
            if (KerasNormalizer.KINDS.contains(layer.path("class_name").asText())) {
                for (String declared : List.of("batch_input_shape", "batch_shape")) {
                    if (layerConfig.has(declared) && input == null) {
                        input = shape(layerConfig.path(declared));
                    }
                }
                if (!names.isEmpty() || scaling >= 0) {
                    throw new IOException(file + ": layer " + i + " ('"
                            + layerConfig.path("name").asText() + "', "
                            + layer.path("class_name").asText() + "): " + KerasNormalizer.ONLY_FIRST);
                }
                scaling = i;
                continue;
            }
            for (String declared : List.of("batch_input_shape", "batch_shape")) {
                if (layerConfig.has(declared) && input == null) {
                    input = shape(layerConfig.path(declared));
                }
            }
            Layer translated;
            try {
                KerasLayers.requireBuiltIn(layer);
                translated = KerasLayers.translate(layer.path("class_name").asText(), layerConfig, keras3);
                if (!architecture.layers().isEmpty()
                        && architecture.layers().get(architecture.layers().size() - 1) instanceof Masking) {
                    KerasLayers.requireMaskable(layerConfig);
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        file + ": layer " + i + " ('" + layerConfig.path("name").asText() + "', "
                                + layer.path("class_name").asText() + "): " + e.getMessage(),
                        e);
            }
            if (translated != null) {
                if (!layerConfig.path("trainable").asBoolean(true)) {
                    frozen.add(names.size()); // Keras's layer.trainable = False
                }
                architecture = architecture.add(translated);
                names.add(layerConfig.path("name").asText());
            }
        }
        if (!architecture.layers().isEmpty()
                && !(architecture.layers().get(architecture.layers().size() - 1) instanceof OutputCapable)) {
            // DL4J's output layer holds the loss: an LSTM, a Flatten... cannot be one
            architecture = architecture.add(new ActivationLayer(Activation.LINEAR));
            String name = "activation";
            while (names.contains(name)) {
                name += "_"; // no weights group of the file's may answer to it
            }
            names.add(name);
        }
        for (JsonNode built : List.of(
                model.path("config").path("build_input_shape"),
                model.path("build_config").path("input_shape"))) {
            if (input == null && built.isArray()) {
                input = shape(built);
            }
        }
        if (input == null) {
            throw new IOException(file + ": its first layer declares no batch_input_shape (or batch_shape), so the"
                    + " input shape is unknown");
        }
        architecture = architecture.input(input);
        if (scaling >= 0) {
            JsonNode layer = layers.get(scaling);
            String name = layer.path("config").path("name").asText();
            try {
                KerasLayers.requireBuiltIn(layer);
                architecture = architecture.normalize(KerasNormalizer.of(
                        layer.path("class_name").asText(), layer.path("config"), weights.of(name), input));
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        file + ": layer " + scaling + " ('" + name + "', "
                                + layer.path("class_name").asText() + "): " + e.getMessage(),
                        e);
            }
        }
        if (!frozen.isEmpty()) {
            architecture = architecture.freeze(
                    frozen.stream().mapToInt(Integer::intValue).toArray());
        }
        return new Built(compile(compile, architecture, null, file), names, architecture.layers());
    }

    private static Model compile(KerasTraining.Compile compile, Sequential architecture, Functional graph, Path file)
            throws IOException {
        try {
            return architecture != null ? compile.compile(architecture) : compile.compile(graph);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": the model cannot be compiled as its file says: " + e.getMessage(), e);
        }
    }

    /** A Keras {@code batch_input_shape} without its batch axis. */
    private static long[] shape(JsonNode batchShape) {
        long[] shape = new long[batchShape.size() - 1];
        for (int i = 1; i < batchShape.size(); i++) {
            shape[i - 1] = batchShape.get(i).asLong();
        }
        return shape;
    }

    private static String text(Object data) {
        return data instanceof byte[] bytes
                ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : data.toString();
    }

    static String[] strings(Object data) {
        if (data == null) {
            return new String[0]; // an empty list of names: a layer without weights
        }
        if (data instanceof String[] strings) {
            return strings;
        }
        Object[] objects = (Object[]) data;
        return Arrays.stream(objects).map(Keras::text).toArray(String[]::new);
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        }
    }

    /** Refuses a weights file that is a folder, missing, or not HDF5. */
    private static void requireHdf5(Path weights) throws IOException {
        if (Files.isDirectory(weights)) {
            throw new IOException(weights + " is a folder, not a weights file: save the weights from Python with"
                    + " model.save_weights(\"model.weights.h5\")");
        }
        if (!Files.isRegularFile(weights)) {
            throw new NoSuchFileException(weights.toString(), null, "no Keras weights file here");
        }
        if (!startsWith(head(weights), HDF5)) {
            throw new IOException(weights + " is not a Keras weights file: it is not HDF5 (model.save_weights writes"
                    + " .h5 or .weights.h5; a TensorFlow checkpoint must be saved as .h5 first)");
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
    }
}
