package org.dendrite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.dendrite.datasets.Normalizer;
import org.dendrite.internal.format.RecordJson;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Merge;
import org.dendrite.losses.Loss;
import org.dendrite.metrics.Metric;
import org.dendrite.optimizers.Optimizer;

/**
 * A functional model in the saved-model file ({@link ModelFile}): DL4J's ComputationGraph zip plus
 * a description in the shape of Keras's functional {@code get_config}, each layer with its
 * {@code inbound_nodes} (one list per call, so a shared block lists each of its inputs):
 * <pre>{@code
 * {"format": 1, "class_name": "Functional",
 *  "config": {"seed": 42, "frozen": [],
 *             "layers": [{"name": "wide", "class_name": "InputLayer", "config": {"shape": [8]}, "inbound_nodes": []},
 *                        {"name": "dense", "class_name": "Dense", "config": {...}, "inbound_nodes": [[["deep", 0]]]}, ...],
 *             "input_layers": [["wide", 0], ["deep", 0]], "output_layers": [["dense_2", 0]]},
 *  "compile_config": {"optimizer": {...}, "losses": [...], "metrics": [...]}}
 * }</pre>
 * On load the graph is written again through the DSL (so a hand-edited file gets the code's
 * checks), compiled, and given the saved weights and optimiser state once every layer is found to
 * match them.
 */
final class GraphFile {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GraphFile() {}

    static ObjectNode describe(Model model) {
        ObjectNode root = JSON.objectNode();
        root.put("format", ModelFile.FORMAT);
        root.put("class_name", "Functional");
        root.set("config", config(model.functional()));
        ObjectNode compile = root.putObject("compile_config");
        compile.set("optimizer", RecordJson.encode(model.optimizer()));
        compile.set("losses", RecordJson.encode(model.losses()));
        ArrayNode weights = compile.putArray("loss_weights");
        for (double w : model.functional().lossWeights()) {
            weights.add(w);
        }
        compile.set("metrics", RecordJson.encode(model.outputMetrics()));
        return root;
    }

    /** A graph's own description: seed, frozen layers, layers with what each takes, inputs and outputs. */
    private static ObjectNode config(Functional graph) {
        ObjectNode config = JSON.objectNode();
        config.put("seed", graph.seed());
        config.set("frozen", RecordJson.encode(List.copyOf(graph.frozen())));
        config.put("blocks_unfrozen", graph.blocksUnfrozen());
        ArrayNode layers = config.putArray("layers");
        for (Node node : graph.nodes()) {
            List<Node> uses = graph.uses(node);
            if (!uses.isEmpty() && uses.get(0) != node) {
                continue; // a shared block is one layer, with one inbound list per use
            }
            ObjectNode layer = layers.addObject();
            layer.put("name", graph.name(node));
            if (node.isInput()) {
                layer.put("class_name", "InputLayer");
                ObjectNode input = layer.putObject("config");
                input.set("shape", RecordJson.encode(node.shape()));
                input.set(
                        "normalizer",
                        RecordJson.encode(
                                node.normalizer() == null
                                        ? null
                                        : node.normalizer().statistics().orElse(null)));
            } else if (node.block() != null) {
                Block block = node.block();
                layer.put("class_name", block.kind());
                layer.set(
                        "config",
                        block.sequential() != null ? ModelFile.config(block.sequential()) : config(block.inner()));
            } else {
                layer.setAll((ObjectNode) RecordJson.encode(node.layer() != null ? node.layer() : node.merge()));
            }
            ArrayNode inbound = layer.putArray("inbound_nodes");
            for (Node use : uses.isEmpty() ? List.of(node) : uses) {
                ArrayNode call = inbound.addArray();
                use.inputs().forEach(in -> call.add(reference(graph, in)));
            }
            if (node.isInput()) {
                inbound.removeAll();
            }
        }
        ArrayNode inputs = config.putArray("input_layers");
        graph.inputs().forEach(n -> inputs.add(reference(graph, n)));
        ArrayNode outputs = config.putArray("output_layers");
        graph.outputs().forEach(n -> outputs.add(reference(graph, n)));
        return config;
    }

    /** Keras's reference to a node: its layer's name and which call of that layer made it. */
    private static ArrayNode reference(Functional graph, Node node) {
        ArrayNode reference = JSON.arrayNode();
        reference.add(graph.name(node));
        reference.add(node.block() == null ? 0 : graph.uses(node).indexOf(node));
        return reference;
    }

    /** The model {@link #describe} described, with the weights and optimiser state saved beside it. */
    static Model load(JsonNode root, Path file) throws IOException {
        JsonNode compile = root.path("compile_config");
        Functional graph = functional(root.path("config"), "config");
        if (compile.has("loss_weights")) {
            List<Double> weights = new ArrayList<>();
            compile.path("loss_weights").forEach(w -> weights.add(w.asDouble()));
            graph = graph.lossWeights(
                    weights.stream().mapToDouble(Double::doubleValue).toArray());
        }
        List<Loss> losses = new ArrayList<>();
        for (Object loss : (List<?>)
                ModelFile.decode(compile.get("losses"), ModelFile.listOf(Loss.class), "compile_config.losses")) {
            losses.add((Loss) loss);
        }
        List<List<Metric>> metrics = new ArrayList<>();
        JsonNode each = compile.path("metrics");
        for (int i = 0; i < each.size(); i++) {
            metrics.add(((List<?>) ModelFile.decode(
                            each.get(i), ModelFile.listOf(Metric.class), "compile_config.metrics[" + i + "]"))
                    .stream().map(Metric.class::cast).toList());
        }
        Model model = graph.compile(
                (Optimizer) ModelFile.required(
                        ModelFile.decode(compile.get("optimizer"), Optimizer.class, "compile_config.optimizer"),
                        "compile_config.optimizer"),
                losses,
                metrics);
        restore(model, graph, saved(file));
        return model;
    }

    /**
     * The graph {@link #config} described, written again through the DSL.
     *
     * @param where the description's place in the file, for messages: {@code "config"}
     */
    private static Functional functional(JsonNode config, String where) {
        Map<String, List<Node>> made = new HashMap<>(); // each layer's nodes, by call
        JsonNode layers = config.path("layers");
        for (int i = 0; i < layers.size(); i++) {
            JsonNode entry = layers.get(i);
            String at = where + ".layers[" + i + "]";
            String name = (String)
                    ModelFile.required(ModelFile.decode(entry.get("name"), String.class, at + ".name"), at + ".name");
            String kind = entry.path("class_name").asText();
            List<Node> nodes = new ArrayList<>();
            if (kind.equals("InputLayer")) {
                long[] shape = (long[]) ModelFile.decode(entry.path("config").get("shape"), long[].class, at);
                var statistics = (Normalizer.Statistics) ModelFile.decode(
                        entry.path("config").get("normalizer"), Normalizer.Statistics.class, at + ".normalizer");
                Node input = Dendrite.Input(shape).named(name);
                nodes.add(statistics == null ? input : input.normalize(Normalizer.of(statistics)));
            } else {
                Sequential sequential =
                        kind.equals("Sequential") ? ModelFile.sequential(entry.path("config"), at) : null;
                Functional inner = kind.equals("Functional") ? functional(entry.path("config"), at + ".config") : null;
                JsonNode calls = entry.path("inbound_nodes");
                for (int c = 0; c < calls.size(); c++) {
                    List<Node> in = new ArrayList<>();
                    calls.get(c).forEach(ref -> in.add(find(made, ref, at + ".inbound_nodes")));
                    // the same Sequential or graph object for every call: one shared block
                    nodes.add(
                            sequential != null
                                    ? sequential.apply(one(in, kind, at))
                                    : inner != null ? inner.apply(one(in, kind, at)) : node(entry, kind, in, name, at));
                }
            }
            made.put(name, nodes);
        }
        List<Node> inputs = new ArrayList<>();
        config.path("input_layers").forEach(ref -> inputs.add(find(made, ref, where + ".input_layers")));
        List<Node> outputs = new ArrayList<>();
        config.path("output_layers").forEach(ref -> outputs.add(find(made, ref, where + ".output_layers")));
        Functional graph = Dendrite.Model(inputs, outputs)
                .seed((long) ModelFile.decode(config.get("seed"), long.class, where + ".seed"));
        for (Object frozen :
                (List<?>) ModelFile.decode(config.get("frozen"), ModelFile.listOf(String.class), where + ".frozen")) {
            graph = graph.freeze((String) frozen);
        }
        if (config.path("blocks_unfrozen").asBoolean(false)) {
            Set<String> frozen = graph.frozen();
            graph = graph.unfreeze().freeze(frozen.toArray(String[]::new));
        }
        for (var e : made.entrySet()) {
            String given = graph.name(e.getValue().get(0));
            if (!e.getKey().equals(given)) {
                throw new IllegalArgumentException("the layer saved as \"" + e.getKey() + "\" is named \"" + given
                        + "\" when the graph is built again; rename the nodes around it in " + ModelFile.ENTRY);
            }
        }
        return graph;
    }

    /** The node of one call of a layer described by {@code entry}. */
    private static Node node(JsonNode entry, String kind, List<Node> in, String name, String where) {
        if (kind.equals("Merge")) {
            return Node.merge((Merge) ModelFile.decode(entry, Merge.class, where), in.toArray(Node[]::new))
                    .named(name);
        }
        return one(in, kind, where)
                .add((Layer) ModelFile.decode(entry, Layer.class, where))
                .named(name);
    }

    /** The single node a layer or block takes. */
    private static Node one(List<Node> in, String kind, String where) {
        if (in.size() != 1) {
            throw new IllegalArgumentException(
                    where + ": a " + kind + " takes one input, the file gives it " + in.size());
        }
        return in.get(0);
    }

    private static Node find(Map<String, List<Node>> made, JsonNode reference, String where) {
        String name = reference.path(0).asText();
        int call = reference.path(1).asInt(0);
        List<Node> nodes = made.get(name);
        if (nodes == null || call >= nodes.size()) {
            throw new IllegalArgumentException(where + ": " + reference + " names no layer described before it");
        }
        return nodes.get(call);
    }

    private static ComputationGraph saved(Path file) throws IOException {
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    "DL4J's network (configuration.json, coefficients.bin, updaterState.bin) could not be" + " read: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The saved weights and optimiser state into {@code model}, once each layer is found to match its description. */
    private static void restore(Model model, Functional graph, ComputationGraph saved) throws IOException {
        ComputationGraph built = model.graph();
        for (var layer : graph.layers()) {
            var ours = built.getLayer(layer.vertex());
            var theirs = saved.getVertex(layer.vertex());
            if (theirs == null || !theirs.hasLayer() || theirs.getLayer().numParams() != ours.numParams()) {
                throw new IOException("the description does not match the weights at layer " + layer.name() + " ("
                        + layer.layer() + "): the description makes " + ours.numParams()
                        + " parameters, the weights hold "
                        + (theirs == null || !theirs.hasLayer()
                                ? "no such layer"
                                : theirs.getLayer().numParams()));
            }
        }
        built.setParams(saved.params());
        if (saved.getUpdater().getStateViewArray() != null) {
            built.getUpdater().getStateViewArray().assign(saved.getUpdater().getStateViewArray());
        }
        built.getConfiguration().setEpochCount(saved.getConfiguration().getEpochCount());
        built.getConfiguration().setIterationCount(saved.getConfiguration().getIterationCount());
    }
}
