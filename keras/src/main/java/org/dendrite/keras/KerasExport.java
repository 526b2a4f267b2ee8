package org.dendrite.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dendrite.Functional;
import org.dendrite.Model;
import org.dendrite.Node;
import org.dendrite.Sequential;
import org.dendrite.Summary;
import org.dendrite.constraints.Constraint;
import org.dendrite.initializers.Initializer;
import org.dendrite.io.AtomicFiles;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Merge;
import org.dendrite.regularizers.Regularizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Keras#save}: a Dendrite model as a Keras 3 {@code .keras} archive, as Keras 3.8's
 * {@code model.save("m.keras")} writes one. A zip of {@code metadata.json}, {@code config.json}
 * (the model's {@code get_config()}, every object as {@code module}, {@code class_name},
 * {@code config}, {@code registered_name}, with each layer's {@code build_config} and the model's
 * {@code compile_config}) and {@code model.weights.h5}: each layer's arrays under
 * {@code layers/<class in snake case, numbered>/vars/<i>} (an LSTM's or SimpleRNN's under
 * {@code .../cell/vars}), in the order Keras lists the layers, written with jHDF (without the
 * empty groups Keras writes for layers that have no arrays, see {@link #writeWeights}). Optimiser
 * state is not written: Keras starts the optimiser afresh (and says so in a warning when it compiles).
 */
final class KerasExport {

    /** The Keras version whose file layout and layer configs this writes (and which reads them). */
    static final String KERAS_VERSION = "3.8.0";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private KerasExport() {}

    /**
     * One layer's group in the weights file and the arrays it holds, in Keras's shapes.
     *
     * @param cell the name of the recurrent cell that holds the arrays ({@code lstm_cell}), or null
     */
    record Group(String path, String name, String cell, List<INDArray> arrays) {}

    /** What the archive holds, before anything is written. */
    record Archive(ObjectNode config, List<Group> groups) {}

    static void save(Model model, Path file) throws IOException {
        Archive archive = describe(model);
        ObjectNode metadata = JSON.objectNode();
        metadata.put("keras_version", KERAS_VERSION);
        metadata.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
        byte[] metadataJson = MAPPER.writeValueAsBytes(metadata);
        byte[] configJson = MAPPER.writeValueAsBytes(archive.config());
        AtomicFiles.write(file, temp -> {
            Path folder = Files.createTempDirectory("dendrite-keras");
            Path weights = folder.resolve(KerasArchive.WEIGHTS);
            try {
                writeWeights(weights, archive);
                checkWeights(weights, archive);
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp));
                        ZipOutputStream zip = new ZipOutputStream(out)) {
                    stored(zip, KerasArchive.METADATA, metadataJson);
                    stored(zip, KerasArchive.CONFIG, configJson);
                    stored(zip, KerasArchive.WEIGHTS, Files.readAllBytes(weights));
                }
            } finally {
                Files.deleteIfExists(weights);
                Files.deleteIfExists(folder);
            }
        });
    }

    /** An entry stored as it is, as Python's zipfile writes Keras's archives. */
    private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    // ---------------------------------------------------------------- config.json

    /**
     * The archive's config and weights.
     *
     * @throws IllegalArgumentException naming the layer (position, name, kind) Keras 3 cannot be
     *     given as Dendrite computes it, or what else of the model it cannot express
     */
    static Archive describe(Model model) {
        ObjectNode root = model.isFunctional() ? functional(model) : sequential(model);
        root.set("compile_config", KerasTraining.compileConfig(model));
        Map<String, String> paths = KerasArchive.paths(root);
        List<INDArray> weights = model.getWeights();
        List<Group> groups = new ArrayList<>();
        int next = 0;
        for (Map.Entry<String, Layer> layer : layers(model)) {
            int[] ranks = layer.getValue() == null ? new int[0] : KerasLayers.ranks(layer.getValue());
            List<INDArray> arrays = new ArrayList<>();
            for (int rank : ranks) {
                INDArray array = weights.get(next++);
                arrays.add(rank == 1 ? array.reshape(array.length()) : array);
            }
            String cell = layer.getValue() instanceof org.dendrite.layers.LSTM
                    ? "lstm_cell"
                    : layer.getValue() instanceof org.dendrite.layers.SimpleRNN ? "simple_rnn_cell" : null;
            groups.add(new Group(paths.get(layer.getKey()), layer.getKey(), cell, arrays));
        }
        if (next != weights.size()) {
            throw new IllegalStateException("the model has " + weights.size() + " weight arrays, its layers " + next);
        }
        return new Archive(root, groups);
    }

    /** Every layer of the model by its name (null for an input or a merge), in getWeights()' order. */
    private static List<Map.Entry<String, Layer>> layers(Model model) {
        List<Map.Entry<String, Layer>> layers = new ArrayList<>();
        if (model.isFunctional()) {
            Functional graph = model.functional();
            for (Node n : graph.nodes()) {
                if (n.sequential() == null) {
                    layers.add(new java.util.AbstractMap.SimpleEntry<>(graph.name(n), n.layer()));
                } else if (call(graph, n) == 0) { // a shared layer's weights come with its first call
                    layers.add(Map.entry(graph.name(n), n.sequential().layers().get(0)));
                }
            }
        } else {
            List<Layer> compiled = model.architecture().compiledLayers();
            List<Summary.Row> rows = model.summaryTable().rows();
            for (int i = 0; i < compiled.size(); i++) {
                layers.add(Map.entry(rows.get(i).name(), compiled.get(i)));
            }
        }
        return layers;
    }

    private static ObjectNode sequential(Model model) {
        Sequential architecture = model.architecture();
        long[] input = model.inputShape();
        ObjectNode config = JSON.objectNode();
        config.put("name", "sequential");
        config.put("trainable", true);
        config.set("dtype", dtypePolicy());
        ArrayNode layers = config.putArray("layers");
        layers.add(object("keras.layers", "InputLayer", inputConfig("input_layer", input)));
        if (architecture.normalizer().isPresent()) {
            layers.add(normalization(architecture.normalizer().get(), "normalization", input, "the model"));
        }
        List<Layer> compiled = architecture.compiledLayers();
        List<Summary.Row> rows = model.summaryTable().rows();
        Set<Integer> frozen = architecture.frozen();
        long[] shape = input;
        for (int i = 0; i < compiled.size(); i++) {
            Layer layer = compiled.get(i);
            ObjectNode entry = layer(layer, rows.get(i).name(), !frozen.contains(i), i);
            if (KerasLayers.builds(layer)) {
                entry.putObject("build_config").set("input_shape", batchShape(shape));
            }
            layers.add(entry);
            shape = layer.outputShape(shape);
        }
        config.set("build_input_shape", batchShape(input));
        ObjectNode root = object("keras", "Sequential", config);
        root.putObject("build_config").set("input_shape", batchShape(input));
        return root;
    }

    private static ObjectNode functional(Model model) {
        Functional graph = model.functional();
        Set<String> frozen = graph.frozen();
        ObjectNode config = JSON.objectNode();
        config.put("name", "functional");
        config.put("trainable", true);
        ArrayNode layers = config.putArray("layers");
        List<Node> nodes = graph.nodes();
        Set<String> names = new java.util.HashSet<>();
        nodes.forEach(n -> names.add(graph.name(n)));
        Map<String, String> scaledBy = new java.util.HashMap<>(); // an input's name → its Normalization layer's
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            String name = graph.name(node);
            ObjectNode entry;
            if (node.inputs().isEmpty()) {
                entry = object("keras.layers", "InputLayer", inputConfig(name, node.shape()));
                if (node.normalizer() != null) { // the InputLayer, then a Normalization layer that it feeds
                    String scaling = "normalization";
                    for (int k = 1; names.contains(scaling); k++) {
                        scaling = "normalization_" + k;
                    }
                    names.add(scaling);
                    ObjectNode normalization =
                            normalization(node.normalizer(), scaling, node.shape(), "input '" + name + "'");
                    normalization.put("name", scaling);
                    ArrayNode call =
                            normalization.putArray("inbound_nodes").addObject().putArray("args");
                    call.add(tensor(graph, node, Map.of()));
                    ((ObjectNode) normalization.path("inbound_nodes").get(0)).putObject("kwargs");
                    entry.put("name", name);
                    entry.putArray("inbound_nodes");
                    layers.add(entry);
                    layers.add(normalization);
                    scaledBy.put(name, scaling);
                    continue;
                }
            } else if (node.layer() != null) {
                entry = layer(node.layer(), name, !frozen.contains(name), i);
                if (KerasLayers.builds(node.layer())) {
                    entry.putObject("build_config")
                            .set("input_shape", batchShape(node.inputs().get(0).shape()));
                }
            } else if (node.merge() != null) {
                entry = merge(node.merge(), name);
                ArrayNode shapes = entry.putObject("build_config").putArray("input_shape");
                node.inputs().forEach(in -> shapes.add(batchShape(in.shape())));
            } else if (call(graph, node) > 0) {
                continue; // a later call of a shared layer: written with its first
            } else {
                entry = shared(graph, node, frozen, i);
            }
            entry.put("name", name);
            ArrayNode inbound = entry.putArray("inbound_nodes");
            List<Node> calls = node.sequential() == null
                    ? List.of(node)
                    : nodes.stream()
                            .filter(n -> n.sequential() == node.sequential())
                            .toList();
            for (Node called : calls) {
                if (called.inputs().isEmpty()) {
                    continue;
                }
                ObjectNode call = inbound.addObject();
                ArrayNode args = call.putArray("args");
                ArrayNode tensors = called.merge() != null ? args.addArray() : args;
                called.inputs().forEach(in -> tensors.add(tensor(graph, in, scaledBy)));
                call.putObject("kwargs");
            }
            layers.add(entry);
        }
        config.set("input_layers", ends(graph, graph.inputs()));
        config.set("output_layers", ends(graph, graph.outputs()));
        ObjectNode root = JSON.objectNode();
        root.put("module", "keras.src.models.functional");
        root.put("class_name", "Functional");
        root.set("config", config);
        root.put("registered_name", "Functional");
        root.putObject("build_config").putNull("input_shape");
        return root;
    }

    /**
     * A Sequential of one layer applied as a layer, once or more: Keras's shared layer, one entry
     * whose {@code inbound_nodes} hold every call.
     *
     * @throws IllegalArgumentException for a Sequential of several layers, or some of them frozen
     */
    private static ObjectNode shared(Functional graph, Node node, Set<String> frozen, int position) {
        String name = graph.name(node);
        Sequential sequential = node.sequential();
        if (sequential == null
                || sequential.layers().size() != 1
                || !sequential.frozen().isEmpty()) {
            throw new IllegalArgumentException("Keras.save: layer " + position + " ('" + name + "') is a model"
                    + " applied as a layer; Keras.save writes a Sequential of one layer (a shared layer), whole,"
                    + " not a nested Keras model");
        }
        Layer layer = sequential.layers().get(0);
        ObjectNode entry = layer(layer, name, !frozen.contains(name), position);
        if (KerasLayers.builds(layer)) {
            entry.putObject("build_config")
                    .set("input_shape", batchShape(node.inputs().get(0).shape()));
        }
        return entry;
    }

    /** Which call of its shared layer {@code node} is (0 for a node of any other kind). */
    private static int call(Functional graph, Node node) {
        if (node.sequential() == null) {
            return 0;
        }
        List<Node> calls = graph.nodes().stream()
                .filter(n -> n.sequential() == node.sequential())
                .toList();
        for (int k = 0; k < calls.size(); k++) {
            if (calls.get(k) == node) {
                return k;
            }
        }
        throw new IllegalStateException(node + " is not a node of " + graph);
    }

    /** A Keras 3 {@code Normalization} layer computing the normaliser, given its numbers in its config. */
    private static ObjectNode normalization(
            org.dendrite.datasets.Normalizer normalizer, String name, long[] input, String where) {
        ObjectNode c = JSON.objectNode();
        c.put("name", name);
        c.put("trainable", true);
        c.set("dtype", dtypePolicy());
        try {
            KerasNormalizer.config(normalizer, input[input.length - 1], c);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Keras.save: " + where + " scales its input with " + e.getMessage(), e);
        }
        ObjectNode entry = object("keras.layers", "Normalization", c);
        entry.putObject("build_config").set("input_shape", batchShape(input));
        return entry;
    }

    private static ObjectNode layer(Layer layer, String name, boolean trainable, int position) {
        try {
            return KerasLayers.config(layer, name, trainable);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Keras.save: layer " + position + " ('" + name + "', " + layer + "): " + e.getMessage(), e);
        }
    }

    private static ObjectNode merge(Merge merge, String name) {
        ObjectNode c = JSON.objectNode();
        c.put("name", name);
        c.put("trainable", true);
        c.set("dtype", dtypePolicy());
        if (merge.operation() == Merge.Operation.CONCATENATE) {
            c.put("axis", -1);
        }
        return object("keras.layers", merge.kind(), c);
    }

    /** A Keras 3 symbolic tensor in a call's arguments: the layer (and its call, and output) that made it. */
    private static ObjectNode tensor(Functional graph, Node node, Map<String, String> scaledBy) {
        ObjectNode c = JSON.objectNode();
        c.set("shape", batchShape(node.shape()));
        c.put("dtype", "float32");
        ArrayNode history = reference(graph, node);
        String scaling = scaledBy.get(graph.name(node));
        if (scaling != null) {
            history.set(0, JSON.textNode(scaling)); // the scaled input: its Normalization layer's output
        }
        c.set("keras_history", history);
        ObjectNode tensor = JSON.objectNode();
        tensor.put("class_name", "__keras_tensor__");
        tensor.set("config", c);
        return tensor;
    }

    private static ArrayNode reference(Functional graph, Node node) {
        ArrayNode reference = JSON.arrayNode();
        reference.add(graph.name(node));
        reference.add(call(graph, node));
        reference.add(0);
        return reference;
    }

    /** {@code input_layers} or {@code output_layers}: one reference, as Keras writes a single tensor, or a list. */
    private static JsonNode ends(Functional graph, List<Node> nodes) {
        if (nodes.size() == 1) {
            return reference(graph, nodes.get(0));
        }
        ArrayNode list = JSON.arrayNode();
        nodes.forEach(n -> list.add(reference(graph, n)));
        return list;
    }

    private static ObjectNode inputConfig(String name, long[] shape) {
        ObjectNode c = JSON.objectNode();
        c.set("batch_shape", batchShape(shape));
        c.put("dtype", "float32");
        c.put("sparse", false);
        c.put("name", name);
        return c;
    }

    /** A shape with Keras's batch axis first, of no fixed size: {@code [null, 28, 28, 1]}. */
    static ArrayNode batchShape(long[] shape) {
        ArrayNode batch = JSON.arrayNode();
        batch.addNull();
        for (long d : shape) {
            batch.add(d);
        }
        return batch;
    }

    /** A serialised Keras object: {@code {"module": ..., "class_name": ..., "config": ..., "registered_name": null}}. */
    static ObjectNode object(String module, String kind, JsonNode config) {
        ObjectNode object = JSON.objectNode();
        object.put("module", module);
        object.put("class_name", kind);
        object.set("config", config);
        object.putNull("registered_name");
        return object;
    }

    /** Keras 3's float32 policy, as each layer's {@code dtype}. */
    static ObjectNode dtypePolicy() {
        ObjectNode c = JSON.objectNode();
        c.put("name", "float32");
        return object("keras", "DTypePolicy", c);
    }

    static ObjectNode initializer(Initializer initializer) {
        ObjectNode c = JSON.objectNode();
        String kind;
        switch (initializer.name()) {
            case "uniform" -> {
                kind = "RandomUniform";
                c.put("minval", -initializer.value());
                c.put("maxval", initializer.value());
                c.putNull("seed");
            }
            case "normal" -> {
                kind = "RandomNormal";
                c.put("mean", 0.0);
                c.put("stddev", initializer.value());
                c.putNull("seed");
            }
            case "constant" -> {
                kind = initializer.value() == 0 ? "Zeros" : initializer.value() == 1 ? "Ones" : "Constant";
                if (kind.equals("Constant")) {
                    c.put("value", initializer.value());
                }
            }
            default -> { // glorot_uniform → GlorotUniform, he_normal → HeNormal, ...
                StringBuilder camel = new StringBuilder();
                for (String part : initializer.name().split("_")) {
                    camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
                kind = camel.toString();
                c.putNull("seed");
            }
        }
        return object("keras.initializers", kind, c);
    }

    static JsonNode regularizer(Regularizer regularizer) {
        if (regularizer == null) {
            return JSON.nullNode();
        }
        ObjectNode c = JSON.objectNode();
        String kind = regularizer.l1() == 0 ? "L2" : regularizer.l2() == 0 ? "L1" : "L1L2";
        if (!kind.equals("L2")) {
            c.put("l1", regularizer.l1());
        }
        if (!kind.equals("L1")) {
            c.put("l2", regularizer.l2());
        }
        return object("keras.regularizers", kind, c);
    }

    /** @param axis the kernel axes one unit's norm is taken over: Dense 0, Conv2D [0, 1, 2] */
    static JsonNode constraint(Constraint constraint, JsonNode axis) {
        if (constraint == null) {
            return JSON.nullNode();
        }
        ObjectNode c = JSON.objectNode();
        String kind =
                switch (constraint.name()) {
                    case "max_norm" -> {
                        c.put("max_value", constraint.value());
                        c.set("axis", axis);
                        yield "MaxNorm";
                    }
                    case "unit_norm" -> {
                        c.set("axis", axis);
                        yield "UnitNorm";
                    }
                    default -> "NonNeg";
                };
        return object("keras.constraints", kind, c);
    }

    // ---------------------------------------------------------------- model.weights.h5

    /**
     * The weights file: each layer's arrays under {@code layers/<path>/vars} (named after the layer),
     * as Keras writes them. The groups Keras also writes for the model and for layers without
     * arrays, empty, are left out (Keras reads a missing group as an empty one): jHDF 0.9.4's writer
     * appends its signature where it last wrote array data, in an order of its own (a hash map's),
     * which overwrites whatever follows, unless every group it writes ends in arrays.
     */
    private static void writeWeights(Path file, Archive archive) {
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            WritableGroup layers = h5.putGroup("layers");
            for (Group group : archive.groups()) {
                if (group.arrays().isEmpty()) {
                    continue;
                }
                WritableGroup layer = layers.putGroup(group.path().substring("layers/".length()));
                WritableGroup vars = group.cell() == null
                        ? layer.putGroup("vars")
                        : layer.putGroup("cell").putGroup("vars");
                vars.putAttribute("name", group.cell() == null ? group.name() : group.cell());
                for (int i = 0; i < group.arrays().size(); i++) {
                    vars.putDataset(
                            Integer.toString(i), javaArray(group.arrays().get(i)));
                }
            }
        }
    }

    /** Reads the written file back and compares every array: a writer defect must not leave a file that loads wrongly. */
    private static void checkWeights(Path file, Archive archive) throws IOException {
        try (HdfFile h5 = new HdfFile(file)) {
            for (Group group : archive.groups()) {
                List<INDArray> read = KerasWeights.vars(h5, group.path());
                boolean same = read.size() == group.arrays().size();
                for (int i = 0; same && i < read.size(); i++) {
                    INDArray written = group.arrays().get(i).castTo(DataType.FLOAT);
                    same = Arrays.equals(read.get(i).shape(), written.shape())
                            && read.get(i).equals(written);
                }
                if (!same) {
                    throw new IOException("the weights file written for " + group.path()
                            + " does not read back as written (a defect of the HDF5 writer, jHDF)");
                }
            }
        } catch (RuntimeException e) {
            throw new IOException(
                    "the weights file written does not read back (a defect of the HDF5 writer, jHDF): "
                            + e.getMessage(),
                    e);
        }
    }

    /** The array as nested Java float arrays, as jHDF writes a dataset of its shape. */
    private static Object javaArray(INDArray array) {
        float[] flat = array.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int[] shape = Arrays.stream(array.shape()).mapToInt(Math::toIntExact).toArray();
        if (shape.length == 1) {
            return flat;
        }
        Object nested = java.lang.reflect.Array.newInstance(float.class, shape);
        fill(nested, flat, 0, shape, 0);
        return nested;
    }

    private static int fill(Object nested, float[] flat, int at, int[] shape, int axis) {
        if (axis == shape.length - 1) {
            System.arraycopy(flat, at, nested, 0, shape[axis]);
            return at + shape[axis];
        }
        for (int i = 0; i < shape[axis]; i++) {
            at = fill(java.lang.reflect.Array.get(nested, i), flat, at, shape, axis + 1);
        }
        return at;
    }
}
