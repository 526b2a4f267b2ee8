package org.dendrite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dendrite.datasets.Normalizer;
import org.dendrite.internal.compile.NetworkBuilder;
import org.dendrite.internal.format.RecordJson;
import org.dendrite.io.AtomicFiles;
import org.dendrite.layers.Layer;
import org.dendrite.losses.Loss;
import org.dendrite.metrics.Metric;
import org.dendrite.optimizers.Optimizer;
import org.dendrite.regularizers.Regularizer;
import org.dendrite.runtime.Momentum;

/**
 * The saved-model file: DL4J's own model zip ({@code configuration.json}, {@code coefficients.bin},
 * {@code updaterState.bin}), so DL4J tools can read it, plus {@value #ENTRY}, the Keras-level
 * description DL4J's configuration cannot express, as readable, versioned JSON:
 * <pre>{@code
 * {"format": 1, "class_name": "Sequential",
 *  "config": {"seed": 42, "input_shape": [8], "regularizer": null, "normalizer": null,
 *             "layers": [{"class_name": "Dense", "config": {"units": 12, "activation": {...}, ...}}, ...]},
 *  "compile_config": {"optimizer": {"class_name": "Adam", "config": {"learning_rate": 0.001, ...}},
 *                     "loss": {"class_name": "Loss", "config": {"name": "binary_crossentropy"}},
 *                     "metrics": [{"class_name": "Accuracy", "config": {}}]},
 *  "build_config": {"input_shape": [8]}}
 * }</pre>
 * Each value is rebuilt through its constructor on load, so a hand-edited file gets the same checks
 * as code. Files of format 0 (a Java-serialised description) are still read ({@link LegacyModelFile}).
 */
final class ModelFile {

    static final String ENTRY = "dendrite.json";
    /** The format this version writes, and the newest it reads. */
    static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The class name format 0 gave Keras's plain momentum in DL4J's configuration; it now lives in the runtime module. */
    private static final String OLD_MOMENTUM = "org.dendrite.optimizers.Momentum";

    private ModelFile() {}

    /** Everything a restored model needs besides DL4J's network; {@code inputShape} in Keras's layout. */
    record Description(
            Sequential architecture, Optimizer optimizer, Loss loss, List<Metric> metrics, long[] inputShape) {}

    static void save(Model model, Path file) throws IOException {
        save(model, file, java.util.Map.of());
    }

    /** Saves as {@link #save(Model, Path)} does, with {@code extra} entries (name to content) in the same zip. */
    static void save(Model model, Path file, java.util.Map<String, byte[]> extra) throws IOException {
        boolean graph = model.isFunctional();
        byte[] description = JSON.writeValueAsBytes(graph ? GraphFile.describe(model) : describe(model));
        AtomicFiles.write(file, temp -> {
            if (graph) {
                ModelSerializer.writeModel(model.graph(), temp.toFile(), true);
            } else {
                ModelSerializer.writeModel(model.network(), temp.toFile(), true);
            }
            try (FileSystem zip = FileSystems.newFileSystem(temp)) {
                Files.write(zip.getPath(ENTRY), description);
                for (var entry : extra.entrySet()) {
                    Files.write(zip.getPath(entry.getKey()), entry.getValue());
                }
            }
        });
    }

    private static ObjectNode describe(Model model) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("class_name", "Sequential");
        root.set("config", config(model.architecture()));
        ObjectNode compile = root.putObject("compile_config");
        compile.set("optimizer", RecordJson.encode(model.optimizer()));
        compile.set("loss", RecordJson.encode(model.loss()));
        compile.set("metrics", RecordJson.encode(model.metrics()));
        root.putObject("build_config").set("input_shape", RecordJson.encode(model.inputShape()));
        return root;
    }

    /** A Sequential's own description: seed, declared input shape, regulariser, normaliser, layers, frozen layers. */
    static ObjectNode config(Sequential architecture) {
        ObjectNode config = JSON.createObjectNode();
        config.put("seed", architecture.seed());
        config.set("input_shape", RecordJson.encode(architecture.inputShape().orElse(null)));
        config.set("regularizer", RecordJson.encode(architecture.regularizer().orElse(null)));
        config.set(
                "normalizer",
                RecordJson.encode(architecture
                        .normalizer()
                        .flatMap(Normalizer::statistics)
                        .orElse(null)));
        config.set("layers", RecordJson.encode(architecture.layers()));
        config.set("frozen", RecordJson.encode(List.copyOf(architecture.frozen())));
        return config;
    }

    static Model load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no saved model at this path");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(ENTRY);
            ZipEntry legacy = zip.getEntry(LegacyModelFile.ENTRY);
            if ((entry == null && legacy == null) || zip.getEntry("configuration.json") == null) {
                throw new IOException(file + " is not a saved Dendrite model: it has no "
                        + (zip.getEntry("configuration.json") == null ? "configuration.json" : ENTRY) + " entry"
                        + (zip.getEntry("configuration.json") != null
                                ? " (a plain DL4J model: read it with MultiLayerNetwork.load)"
                                : ""));
            }
            Description description;
            JsonNode root = null;
            try (InputStream in = zip.getInputStream(entry != null ? entry : legacy)) {
                root = entry != null ? root(in) : null;
                description = root != null && root.path("class_name").asText().equals("Functional")
                        ? null
                        : entry != null ? read(root) : LegacyModelFile.read(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new IOException(
                        file + " holds a model description this version of Dendrite cannot read: " + e.getMessage(), e);
            }
            if (description == null) {
                return graph(root, file);
            }
            MultiLayerNetwork network = network(file, zip);
            network =
                    network.getnLayers() != description.architecture().layers().size()
                            ? rebuilt(description, network, file)
                            : matching(description, network, file);
            try {
                return new Model(
                        description.architecture(),
                        description.optimizer(),
                        description.loss(),
                        description.metrics(),
                        description.inputShape(),
                        network);
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        file + " holds a model this version of Dendrite cannot build: " + e.getMessage(), e);
            }
        } catch (ZipException e) {
            throw new IOException(
                    file + " is not a saved Dendrite model: it is not a zip archive (" + e.getMessage() + ")", e);
        }
    }

    /** The description's JSON, once its format is known to be one this version reads. */
    private static JsonNode root(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IOException(
                    ENTRY + " is not valid JSON: " + e.getOriginalMessage() + " at line "
                            + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr(),
                    e);
        }
        int format = root.path("format").asInt(-1);
        if (format < 1 || format > FORMAT) {
            throw new IOException(
                    ENTRY + " has format " + root.path("format") + "; this version of Dendrite reads formats 0 to "
                            + FORMAT + (format > FORMAT ? " (the file was written by a newer Dendrite)" : ""));
        }
        return root;
    }

    /** A functional model's file; its own messages (a layer that no longer matches its weights, say) name the file. */
    private static Model graph(JsonNode root, Path file) throws IOException {
        try {
            return GraphFile.load(root, file);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Description read(JsonNode root) {
        Sequential architecture = sequential(root.path("config"), "config");
        JsonNode compile = root.path("compile_config");
        return new Description(
                architecture,
                (Optimizer) required(
                        decode(compile.get("optimizer"), Optimizer.class, "compile_config.optimizer"),
                        "compile_config.optimizer"),
                (Loss) required(decode(compile.get("loss"), Loss.class, "compile_config.loss"), "compile_config.loss"),
                metrics(compile),
                (long[]) required(
                        decode(root.path("build_config").get("input_shape"), long[].class, "build_config.input_shape"),
                        "build_config.input_shape"));
    }

    /** The compiled metrics of a description's {@code compile_config}. */
    static List<Metric> metrics(JsonNode compile) {
        List<Metric> metrics = new ArrayList<>();
        for (Object metric : (List<?>) decode(compile.get("metrics"), listOf(Metric.class), "compile_config.metrics")) {
            metrics.add((Metric) metric);
        }
        return Collections.unmodifiableList(metrics);
    }

    /**
     * A Sequential from its description ({@link #config}).
     *
     * @param where the description's place in the file, for messages: {@code "config"}
     */
    static Sequential sequential(JsonNode config, String where) {
        Sequential architecture =
                Sequential.empty().seed((long) decode(config.get("seed"), long.class, where + ".seed"));
        long[] declared = (long[]) decode(config.get("input_shape"), long[].class, where + ".input_shape");
        architecture = declared == null ? architecture : architecture.input(declared);
        Regularizer regularizer =
                (Regularizer) decode(config.get("regularizer"), Regularizer.class, where + ".regularizer");
        architecture = regularizer == null ? architecture : architecture.regularizer(regularizer);
        var statistics = (Normalizer.Statistics)
                decode(config.get("normalizer"), Normalizer.Statistics.class, where + ".normalizer");
        architecture = statistics == null ? architecture : architecture.normalize(Normalizer.of(statistics));
        for (Object layer : (List<?>) decode(config.get("layers"), listOf(Layer.class), where + ".layers")) {
            architecture = architecture.add((Layer) layer);
        }
        if (config.has("frozen")) { // since the first format 1 files: absent means none
            for (Object index : (List<?>) decode(config.get("frozen"), listOf(Integer.class), where + ".frozen")) {
                architecture = architecture.freeze((Integer) index);
            }
        }
        return architecture;
    }

    static Object required(Object value, String where) {
        if (value == null) {
            throw new IllegalArgumentException(ENTRY + " " + where + ": expected a value, found nothing");
        }
        return value;
    }

    static Object decode(JsonNode node, Type type, String where) {
        return RecordJson.decode(node, type, ENTRY + " " + where);
    }

    static Type listOf(Class<?> element) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {element};
            }

            @Override
            public Type getRawType() {
                return List.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }

    /**
     * The saved network, once checked against its description: the same DL4J layer, with the same
     * number of parameters, at every position (a description edited by hand, or written for other
     * weights, is refused rather than reported wrongly by summary() and getWeights()).
     */
    private static MultiLayerNetwork matching(Description description, MultiLayerNetwork saved, Path file)
            throws IOException {
        var expected = expected(description, file);
        for (int i = 0; i < saved.getnLayers(); i++) {
            var wanted = expected.getConf(i);
            var layer = wanted.getLayer();
            long parameters = layer.initializer().numParams(wanted);
            var found = saved.getLayerWiseConfigurations().getConf(i).getLayer();
            if (layer instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer wantedOutput
                    && found instanceof org.deeplearning4j.nn.conf.layers.BaseOutputLayer savedOutput
                    && !wantedOutput.getLossFn().equals(savedOutput.getLossFn())) {
                // An older file's loss (summed binary cross-entropy, no example weights): today's takes its place.
                savedOutput.setLossFn(wantedOutput.getLossFn());
            }
            if (found.getClass() != layer.getClass() || saved.getLayer(i).numParams() != parameters) {
                throw new IOException(file + ": its description does not match its weights at layer " + i + " ("
                        + description.architecture().layers().get(i) + "): the description makes a "
                        + layer.getClass().getSimpleName() + " of " + parameters + " parameters, the weights are a "
                        + found.getClass().getSimpleName() + " of "
                        + saved.getLayer(i).numParams());
            }
        }
        return saved;
    }

    /** The DL4J configuration today's Dendrite builds for {@code description}. */
    private static MultiLayerConfiguration expected(Description description, Path file) throws IOException {
        Sequential architecture = description.architecture();
        try {
            return NetworkBuilder.build(
                    architecture.compiledLayers(),
                    description.optimizer(),
                    description.loss(),
                    architecture.seed(),
                    description.inputShape(),
                    architecture.frozen());
        } catch (RuntimeException e) {
            throw new IOException(file + " holds a model this version of Dendrite cannot build: " + e.getMessage(), e);
        }
    }

    /**
     * The network today's Dendrite builds for {@code description}, with the saved weights and optimiser
     * state: for a format 0 file whose layers have changed shape since (a dense layer's input
     * dropout is now a Dropout layer before it), the parameters are the same arrays in the same order.
     */
    private static MultiLayerNetwork rebuilt(Description description, MultiLayerNetwork saved, Path file)
            throws IOException {
        Sequential architecture = description.architecture();
        var network = new MultiLayerNetwork(expected(description, file));
        network.init();
        if (network.numParams() != saved.numParams()) {
            throw new IOException(file + ": its description (" + architecture + ", " + network.numParams()
                    + " parameters) does not match its weights (" + saved.numParams() + " parameters)");
        }
        network.setParams(saved.params());
        if (saved.getUpdater().getStateViewArray() != null) {
            network.getUpdater().getStateViewArray().assign(saved.getUpdater().getStateViewArray());
        }
        network.setEpochCount(saved.getEpochCount());
        network.setIterationCount(saved.getIterationCount());
        return network;
    }

    /** DL4J's network from the file; a format 0 file may name plain momentum by its old class name, read as today's. */
    private static MultiLayerNetwork network(Path file, ZipFile zip) throws IOException {
        String configuration;
        try (InputStream in = zip.getInputStream(zip.getEntry("configuration.json"))) {
            configuration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            return restore(file, zip, configuration);
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    file + ": DL4J's network (configuration.json, coefficients.bin, updaterState.bin) "
                            + "could not be read: " + e.getMessage(),
                    e);
        }
    }

    private static MultiLayerNetwork restore(Path file, ZipFile zip, String configuration) throws IOException {
        if (!configuration.contains(OLD_MOMENTUM)) {
            return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
        }
        ByteArrayOutputStream renamed = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(renamed)) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = zip.getInputStream(entry)) {
                    out.write(
                            entry.getName().equals("configuration.json")
                                    ? configuration
                                            .replace(OLD_MOMENTUM, Momentum.class.getName())
                                            .getBytes(StandardCharsets.UTF_8)
                                    : in.readAllBytes());
                }
            }
        }
        return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(renamed.toByteArray()), true);
    }
}
