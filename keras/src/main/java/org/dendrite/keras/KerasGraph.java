package org.dendrite.keras;

import static org.dendrite.Dendrite.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dendrite.Functional;
import org.dendrite.Node;
import org.dendrite.activations.Activation;
import org.dendrite.datasets.Normalizer;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Masking;
import org.dendrite.layers.OutputCapable;

/**
 * A Keras functional model's config (its {@code layers}, each with the {@code inbound_nodes} it
 * was called on, and its {@code input_layers} and {@code output_layers}) written again with
 * Dendrite's functional API, each node under its Keras layer name, so that the file's weights
 * find their layers by name. Reads both formats of a call: Keras 2's list of references,
 * {@code [["dense", 0, 0, {}], ...]}, and Keras 3's {@code {"args": [...], "kwargs": {...}}}, whose
 * arguments hold {@code __keras_tensor__} objects naming their {@code keras_history}
 * {@code [layer, node index, tensor index]} (a merge takes a list of them as its first argument).
 */
final class KerasGraph {

    private KerasGraph() {}

    /** The input normaliser a Keras {@code Rescaling} or {@code Normalization} layer computes ({@link KerasNormalizer}). */
    interface Normalizers {
        Normalizer of(String kind, JsonNode config, String name, long[] input);
    }

    /**
     * @param keras3      whether the config is Keras 3's (see {@link KerasLayers#translate})
     * @param normalizers makes a {@code Rescaling} or {@code Normalization} that an input feeds, and
     *     alone, that input's normaliser
     * @throws IllegalArgumentException naming the layer (position, name, class) that cannot be read
     */
    static Functional read(JsonNode config, boolean keras3, Normalizers normalizers) {
        Map<String, Node> made = new HashMap<>();
        List<String> frozen = new ArrayList<>();
        JsonNode layers = config.path("layers");
        Map<String, Integer> consumers = new HashMap<>(); // how many layers take each layer's output
        for (JsonNode layer : layers) {
            for (List<JsonNode> call : calls(layer.path("inbound_nodes"))) {
                call.forEach(r -> consumers.merge(r.path(0).asText(), 1, Integer::sum));
            }
        }
        Map<String, String> kinds = new HashMap<>();
        layers.forEach(l -> kinds.put(name(l), l.path("class_name").asText()));
        for (int i = 0; i < layers.size(); i++) {
            JsonNode layer = layers.get(i);
            String kind = layer.path("class_name").asText();
            String name = name(layer);
            try {
                KerasLayers.requireBuiltIn(layer);
                if (KerasNormalizer.KINDS.contains(kind)) {
                    List<JsonNode> call = calls(layer.path("inbound_nodes")).stream()
                            .findFirst()
                            .orElse(List.of());
                    String input = call.size() == 1 ? call.get(0).path(0).asText() : "";
                    Node raw = made.get(input);
                    if (!"InputLayer".equals(kinds.get(input))
                            || raw == null
                            || raw.normalizer() != null
                            || consumers.getOrDefault(input, 0) != 1) {
                        throw new IllegalArgumentException(KerasNormalizer.ONLY_FIRST);
                    }
                    Node scaled = raw.normalize(normalizers.of(kind, layer.path("config"), name, raw.shape()));
                    made.put(input, scaled); // no other layer took the raw input (it feeds this one alone)
                    made.put(name, scaled);
                    continue;
                }
                Node node = node(kind, layer.path("config"), inputs(layer.path("inbound_nodes"), made), keras3)
                        .named(name);
                made.put(name, node);
                if (node.layer() != null
                        && !layer.path("config").path("trainable").asBoolean(true)) {
                    frozen.add(name); // Keras's layer.trainable = False
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "layer " + i + " ('" + name + "', " + kind + "): " + e.getMessage(), e);
            }
        }
        List<Node> outputs = ends(config.path("output_layers"), made).stream()
                .map(o -> o.layer() instanceof OutputCapable ? o : o.activation(Activation.LINEAR))
                .toList(); // DL4J's output layer holds the loss: an LSTM, a merge... cannot be one (see Keras.load)
        Functional graph = Model(ends(config.path("input_layers"), made), outputs);
        return frozen.isEmpty() ? graph : graph.freeze(frozen.toArray(String[]::new));
    }

    /** A layer's name: its entry's {@code name}, or its config's. */
    static String name(JsonNode layer) {
        return layer.path("name").asText(layer.path("config").path("name").asText());
    }

    /** The node a layer computes from its inputs. */
    private static Node node(String kind, JsonNode config, List<Node> in, boolean keras3) {
        if (kind.equals("InputLayer")) {
            JsonNode shape =
                    config.has("batch_input_shape") ? config.path("batch_input_shape") : config.path("batch_shape");
            long[] dims = new long[shape.size() - 1];
            for (int d = 1; d < shape.size(); d++) {
                dims[d - 1] = shape.get(d).asLong();
            }
            return Input(dims);
        }
        Node[] nodes = in.toArray(Node[]::new);
        switch (kind) {
            case "Add":
                return add(nodes);
            case "Subtract":
                return subtract(nodes[0], nodes[1]);
            case "Multiply":
                return multiply(nodes);
            case "Average":
                return average(nodes);
            case "Maximum":
                return maximum(nodes);
            case "Concatenate":
                int axis = config.path("axis").asInt(-1);
                if (axis != -1 && axis != nodes[0].shape().length) {
                    throw new IllegalArgumentException("Concatenate along axis " + axis
                            + " is not supported: Dendrite joins along the last axis (axis=-1)");
                }
                return concatenate(nodes);
            default:
                if (nodes.length != 1) {
                    throw new IllegalArgumentException(
                            "a " + kind + " takes one input, the file gives it " + nodes.length);
                }
                Layer layer = KerasLayers.translate(kind, config, keras3);
                if (nodes[0].layer() instanceof Masking) {
                    KerasLayers.requireMaskable(config);
                }
                return layer == null ? nodes[0] : nodes[0].add(layer);
        }
    }

    /** The nodes of a layer's single call. */
    private static List<Node> inputs(JsonNode inbound, Map<String, Node> made) {
        List<List<JsonNode>> calls = calls(inbound);
        if (calls.size() > 1) {
            throw new IllegalArgumentException("the layer is called " + calls.size()
                    + " times (a shared layer); reading shared layers from Keras files is not supported yet");
        }
        List<Node> nodes = new ArrayList<>();
        for (JsonNode reference : calls.isEmpty() ? List.<JsonNode>of() : calls.get(0)) {
            nodes.add(find(reference, made));
        }
        return nodes;
    }

    /**
     * Each call of a layer, as the references {@code [layer, node index, tensor index]} to the
     * tensors it takes, in order, from either format of {@code inbound_nodes}.
     *
     * @throws IllegalArgumentException for a Keras 3 call that passes tensors as keyword arguments
     */
    static List<List<JsonNode>> calls(JsonNode inbound) {
        List<List<JsonNode>> calls = new ArrayList<>();
        for (JsonNode call : inbound) {
            List<JsonNode> references = new ArrayList<>();
            if (call.isObject()) { // Keras 3: {"args": [...], "kwargs": {...}}
                tensors(call.path("args"), references);
                List<JsonNode> keywords = new ArrayList<>();
                tensors(call.path("kwargs"), keywords);
                if (!keywords.isEmpty()) {
                    throw new IllegalArgumentException("the layer takes tensors as keyword arguments ("
                            + call.path("kwargs") + "), which Dendrite does not support");
                }
            } else { // Keras 2: [["dense", 0, 0, {}], ...]
                call.forEach(references::add);
            }
            calls.add(references);
        }
        return calls;
    }

    /** The {@code keras_history} of every {@code __keras_tensor__} in a call's arguments, in order. */
    private static void tensors(JsonNode value, List<JsonNode> found) {
        if (value.isObject() && value.path("class_name").asText().equals("__keras_tensor__")) {
            found.add(value.path("config").path("keras_history"));
        } else if (value.isContainerNode()) {
            value.forEach(v -> tensors(v, found));
        }
    }

    /**
     * The references {@code input_layers} or {@code output_layers} hold: a list of
     * {@code [layer, node index, tensor index]}, or (Keras 3, one input) a single one.
     */
    static List<JsonNode> references(JsonNode ends) {
        if (ends.isObject()) {
            throw new IllegalArgumentException(
                    "the model's inputs or outputs are a dict (" + ends + "); Dendrite reads lists of them");
        }
        if (ends.size() > 0 && ends.get(0).isTextual()) {
            return List.of(ends);
        }
        List<JsonNode> references = new ArrayList<>();
        ends.forEach(references::add);
        return references;
    }

    private static List<Node> ends(JsonNode ends, Map<String, Node> made) {
        return references(ends).stream().map(r -> find(r, made)).toList();
    }

    private static Node find(JsonNode reference, Map<String, Node> made) {
        Node node = made.get(reference.path(0).asText());
        if (node == null || reference.path(1).asInt(0) != 0 || reference.path(2).asInt(0) != 0) {
            throw new IllegalArgumentException("it refers to " + reference + ", which names no layer read before it");
        }
        return node;
    }

    /**
     * The layers' names in the order Keras itself lists a functional model's layers
     * ({@code model.layers}), which is the order that numbers the groups of a Keras 3 weights file
     * ({@code layers/dense}, {@code layers/dense_1}, ...): Keras computes it from the graph, not
     * from the config's order. Keras's rule: walk depth-first from each output in turn, through each
     * layer's inputs in order, numbering layers as first reached; a layer's depth is the longest
     * path from it to an output; deeper layers come first, and among equally deep ones the one
     * reached first.
     */
    static List<String> kerasOrder(JsonNode config) {
        Map<String, List<String>> parents = new LinkedHashMap<>();
        for (JsonNode layer : config.path("layers")) {
            List<List<JsonNode>> calls = calls(layer.path("inbound_nodes"));
            parents.put(
                    name(layer),
                    calls.isEmpty()
                            ? List.of()
                            : calls.get(0).stream().map(r -> r.path(0).asText()).toList());
        }
        Map<String, Integer> reached = new LinkedHashMap<>();
        List<String> finished = new ArrayList<>(); // each layer after the layers it takes
        Set<String> done = new HashSet<>();
        for (JsonNode output : references(config.path("output_layers"))) {
            visit(output.path(0).asText(), parents, reached, done, finished);
        }
        Map<String, Integer> depth = new HashMap<>();
        for (int i = finished.size() - 1; i >= 0; i--) {
            String layer = finished.get(i);
            int d = depth.computeIfAbsent(layer, k -> 0);
            for (String parent : parents.getOrDefault(layer, List.of())) {
                depth.merge(parent, d + 1, Math::max);
            }
        }
        List<String> order = new ArrayList<>(finished);
        order.sort(Comparator.comparing((String l) -> -depth.get(l)).thenComparing(reached::get));
        return order;
    }

    private static void visit(
            String layer,
            Map<String, List<String>> parents,
            Map<String, Integer> reached,
            Set<String> done,
            List<String> finished) {
        if (done.contains(layer)) {
            return;
        }
        reached.putIfAbsent(layer, reached.size());
        for (String parent : parents.getOrDefault(layer, List.of())) {
            visit(parent, parents, reached, done, finished);
        }
        done.add(layer);
        finished.add(layer);
    }
}
