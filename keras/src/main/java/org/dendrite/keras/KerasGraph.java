package org.dendrite.keras;

import static org.dendrite.Dendrite.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dendrite.Functional;
import org.dendrite.Node;
import org.dendrite.Sequential;
import org.dendrite.activations.Activation;
import org.dendrite.datasets.Normalizer;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Masking;
import org.dendrite.layers.OutputCapable;
import org.dendrite.layers.Shapes;

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

    /** The Keras layer a shared block stands for: its name in the file (which names its weights) and the layer. */
    record Shared(String name, Layer layer) {}

    /**
     * A functional model read from its config.
     *
     * @param shared the Keras layer each node of a shared layer's calls computes (by identity)
     */
    record Read(Functional graph, Map<Node, Shared> shared) {}

    /** The merges: no weights, so a merge called several times is a merge node per call. */
    private static final Set<String> MERGES =
            Set.of("Add", "Subtract", "Multiply", "Average", "Maximum", "Concatenate");

    /**
     * Reads each call of each layer once the tensors it takes are made, as Keras's
     * {@code from_config} does (a call may take a tensor of a layer listed after it). A layer with
     * weights called several times (a shared layer) becomes a Sequential of that one layer applied
     * to each call's input: Dendrite runs it once on its inputs stacked, with one set of weights. A
     * layer without weights called several times is a node per call, the later ones named
     * {@code <name>_call<k>}.
     *
     * @param keras3      whether the config is Keras 3's (see {@link KerasLayers#translate})
     * @param normalizers makes a {@code Rescaling} or {@code Normalization} that an input feeds, and
     *     alone, that input's normaliser
     * @throws IllegalArgumentException naming the layer (position, name, class) that cannot be read
     */
    static Read read(JsonNode config, boolean keras3, Normalizers normalizers) {
        return new Reading(config, keras3, normalizers).read();
    }

    /** One reading of a config: the nodes made so far, call by call, and the shared layers' blocks. */
    private static final class Reading {

        /** The model's config: its layers, inputs and outputs. */
        private final JsonNode model;

        private final JsonNode layers;
        private final boolean keras3;
        private final Normalizers normalizers;
        /** Each layer's calls, as the references they take. */
        private final List<List<List<JsonNode>>> calls = new ArrayList<>();

        private final Map<String, String> kinds = new HashMap<>();
        /** How many calls take each layer's output. */
        private final Map<String, Integer> consumers = new HashMap<>();
        /** Each layer's output, call by call. */
        private final Map<String, List<Node>> made = new HashMap<>();

        private final Map<Node, Shared> shared = new IdentityHashMap<>();
        private final Map<String, Sequential> blocks = new HashMap<>();
        private final List<String> frozen = new ArrayList<>();

        Reading(JsonNode config, boolean keras3, Normalizers normalizers) {
            this.model = config;
            this.layers = config.path("layers");
            this.keras3 = keras3;
            this.normalizers = normalizers;
            for (int i = 0; i < layers.size(); i++) {
                JsonNode layer = layers.get(i);
                kinds.put(name(layer), layer.path("class_name").asText());
                try {
                    calls.add(calls(layer.path("inbound_nodes")));
                } catch (IllegalArgumentException e) {
                    throw at(i, layer, e);
                }
                calls.get(i)
                        .forEach(call ->
                                call.forEach(r -> consumers.merge(r.path(0).asText(), 1, Integer::sum)));
            }
        }

        Read read() {
            int[] read = new int[layers.size()]; // how many of each layer's calls are read
            for (boolean progress = true; progress; ) {
                progress = false;
                for (int i = 0; i < layers.size(); i++) {
                    while (read[i] < Math.max(1, calls.get(i).size()) && ready(i, read[i])) {
                        try {
                            call(layers.get(i), calls.get(i), read[i]);
                        } catch (IllegalArgumentException e) {
                            throw at(i, layers.get(i), e);
                        }
                        read[i]++;
                        progress = true;
                    }
                }
            }
            for (int i = 0; i < layers.size(); i++) {
                if (read[i] < Math.max(1, calls.get(i).size())) {
                    JsonNode missing = calls.get(i).get(read[i]).stream()
                            .filter(r -> find(r, made) == null)
                            .findFirst()
                            .orElseThrow();
                    throw at(
                            i,
                            layers.get(i),
                            new IllegalArgumentException("it refers to " + missing
                                    + ", which names no layer's output (nor one computed without this call)"));
                }
            }
            List<Node> outputs = ends(model.path("output_layers"), made).stream()
                    .map(o -> o.layer() instanceof OutputCapable ? o : o.activation(Activation.LINEAR))
                    .toList(); // DL4J's output layer holds the loss: an LSTM, a merge... cannot be one (see Keras.load)
            Functional graph = Model(ends(model.path("input_layers"), made), outputs);
            return new Read(frozen.isEmpty() ? graph : graph.freeze(frozen.toArray(String[]::new)), shared);
        }

        /** Whether every tensor call {@code c} of layer {@code i} takes is made. */
        private boolean ready(int i, int c) {
            return calls.get(i).isEmpty() || calls.get(i).get(c).stream().allMatch(r -> find(r, made) != null);
        }

        /** Call {@code c} of {@code layer}: its node, added to {@code made}. */
        private void call(JsonNode layer, List<List<JsonNode>> calls, int c) {
            KerasLayers.requireBuiltIn(layer);
            String kind = layer.path("class_name").asText();
            String name = name(layer);
            JsonNode config = layer.path("config");
            List<Node> in = calls.isEmpty()
                    ? List.of()
                    : calls.get(c).stream().map(r -> find(r, made)).toList();
            boolean trainable = config.path("trainable").asBoolean(true);
            if (KerasNormalizer.KINDS.contains(kind)) {
                String input = in.size() == 1 ? calls.get(0).get(0).path(0).asText() : "";
                Node raw = in.size() == 1 ? in.get(0) : null;
                if (!"InputLayer".equals(kinds.get(input))
                        || raw == null
                        || raw.normalizer() != null
                        || calls.size() != 1
                        || consumers.getOrDefault(input, 0) != 1) {
                    throw new IllegalArgumentException(KerasNormalizer.ONLY_FIRST);
                }
                Node scaled = raw.normalize(normalizers.of(kind, config, name, raw.shape()));
                made.get(input).set(0, scaled); // no other layer took the raw input (it feeds this one alone)
                made.put(name, new ArrayList<>(List.of(scaled)));
                return;
            }
            Node node;
            if (calls.size() > 1
                    && !MERGES.contains(kind)
                    && KerasLayers.ranks(translated(kind, config, keras3)).length > 0) {
                node = sharedCall(kind, name, config, trainable, in, c);
            } else {
                String callName = c == 0 ? name : name + "_call" + c;
                while (c > 0 && kinds.containsKey(callName)) {
                    callName += "_";
                }
                node = node(kind, config, in, keras3).named(callName);
                if (node.layer() != null && !trainable) {
                    frozen.add(callName); // Keras's layer.trainable = False
                }
            }
            made.computeIfAbsent(name, n -> new ArrayList<>()).add(node);
        }

        /** Call {@code c} of a shared layer with weights: its one-layer Sequential applied to the call's input. */
        private Node sharedCall(String kind, String name, JsonNode config, boolean trainable, List<Node> in, int c) {
            if (in.size() != 1) {
                throw new IllegalArgumentException("a " + kind + " takes one input, the file gives it " + in.size());
            }
            if (computedBy(in.get(0), name)) {
                throw new IllegalArgumentException("its call " + c + " takes a tensor computed from its own earlier"
                        + " call: Dendrite runs a shared layer once on all its calls' inputs stacked, so one call"
                        + " cannot feed another");
            }
            Sequential block = blocks.computeIfAbsent(name, n -> {
                Sequential one = Sequential.empty().add(translated(kind, config, keras3));
                return trainable ? one : one.freeze(0); // Keras's layer.trainable = False
            });
            List<Node> earlier = made.getOrDefault(name, List.of());
            if (!earlier.isEmpty()
                    && !java.util.Arrays.equals(
                            earlier.get(0).inputs().get(0).shape(), in.get(0).shape())) {
                throw new IllegalArgumentException(
                        "its call " + c + " takes " + Shapes.keras(in.get(0).shape())
                                + " where its call 0 takes "
                                + Shapes.keras(earlier.get(0).inputs().get(0).shape())
                                + ": Dendrite runs a shared layer once on all its calls' inputs stacked, which needs one shape");
            }
            Node node = block.apply(in.get(0));
            shared.put(node, new Shared(name, block.layers().get(0)));
            return node;
        }

        /** Whether {@code node} is computed from a call of the shared layer {@code name}. */
        private boolean computedBy(Node node, String name) {
            return computedBy(node, name, Collections.newSetFromMap(new IdentityHashMap<>()));
        }

        /** The same, each node looked at once (a graph whose branches merge again has many paths to one node). */
        private boolean computedBy(Node node, String name, Set<Node> seen) {
            if (!seen.add(node)) {
                return false;
            }
            Shared by = shared.get(node);
            return (by != null && by.name().equals(name))
                    || node.inputs().stream().anyMatch(n -> computedBy(n, name, seen));
        }
    }

    private static Layer translated(String kind, JsonNode config, boolean keras3) {
        Layer layer = KerasLayers.translate(kind, config, keras3);
        if (layer == null) {
            throw new IllegalArgumentException("an InputLayer is called once");
        }
        return layer;
    }

    private static IllegalArgumentException at(int i, JsonNode layer, IllegalArgumentException e) {
        return new IllegalArgumentException(
                "layer " + i + " ('" + name(layer) + "', "
                        + layer.path("class_name").asText() + "): " + e.getMessage(),
                e);
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

    private static List<Node> ends(JsonNode ends, Map<String, List<Node>> made) {
        return references(ends).stream()
                .map(r -> {
                    Node node = find(r, made);
                    if (node == null) {
                        throw new IllegalArgumentException(
                                "the model's inputs or outputs refer to " + r + ", which names no layer's output");
                    }
                    return node;
                })
                .toList();
    }

    /** The node a reference {@code [layer, node index, tensor index]} names, or null if not made (yet). */
    private static Node find(JsonNode reference, Map<String, List<Node>> made) {
        List<Node> calls = made.get(reference.path(0).asText());
        int call = reference.path(1).asInt(0);
        if (reference.path(2).asInt(0) != 0) {
            throw new IllegalArgumentException("it refers to " + reference + ", the output " + reference.path(2)
                    + " of a layer: Dendrite's layers have one output");
        }
        return calls == null || call >= calls.size() ? null : calls.get(call);
    }

    /**
     * The layers' names in the order Keras itself lists a functional model's layers
     * ({@code model.layers}), which is the order that numbers the groups of a Keras 3 weights file
     * ({@code layers/dense}, {@code layers/dense_1}, ...): Keras computes it from the graph, not
     * from the config's order. Keras's rule: walk depth-first from each output in turn, through each
     * layer's inputs in order, numbering layers as first reached; a call's depth is the longest
     * path from it to an output, raised to that of its layer's deeper calls seen before (Keras's
     * {@code map_graph}); deeper layers come first, and among equally deep ones the one reached first.
     */
    static List<String> kerasOrder(JsonNode config) {
        Map<String, List<String>> parents = new LinkedHashMap<>(); // a call "layer#k" → the calls it takes
        for (JsonNode layer : config.path("layers")) {
            List<List<JsonNode>> calls = calls(layer.path("inbound_nodes"));
            for (int k = 0; k < Math.max(1, calls.size()); k++) {
                parents.put(
                        name(layer) + "#" + k,
                        calls.isEmpty()
                                ? List.of()
                                : calls.get(k).stream()
                                        .map(r -> r.path(0).asText() + "#"
                                                + r.path(1).asInt(0))
                                        .toList());
            }
        }
        Map<String, Integer> reached = new LinkedHashMap<>(); // layers, as first reached
        List<String> finished = new ArrayList<>(); // each call after the calls it takes
        Set<String> done = new HashSet<>();
        for (JsonNode output : references(config.path("output_layers"))) {
            visit(output.path(0).asText() + "#" + output.path(1).asInt(0), parents, reached, done, finished);
        }
        Map<String, Integer> depth = new HashMap<>(); // of a call: at least its layer's deepest call's so far
        Map<String, Integer> layerDepth = new HashMap<>();
        for (int i = finished.size() - 1; i >= 0; i--) {
            String call = finished.get(i);
            int d = Math.max(depth.getOrDefault(call, 0), layerDepth.getOrDefault(layer(call), 0));
            layerDepth.put(layer(call), d);
            depth.put(call, d);
            for (String parent : parents.getOrDefault(call, List.of())) {
                depth.merge(parent, d + 1, Math::max);
            }
        }
        List<String> order = new ArrayList<>(reached.keySet());
        order.sort(Comparator.comparing((String l) -> -layerDepth.get(l)).thenComparing(reached::get));
        return order;
    }

    private static String layer(String call) {
        return call.substring(0, call.lastIndexOf('#'));
    }

    private static void visit(
            String call,
            Map<String, List<String>> parents,
            Map<String, Integer> reached,
            Set<String> done,
            List<String> finished) {
        if (done.contains(call)) {
            return;
        }
        reached.putIfAbsent(layer(call), reached.size());
        for (String parent : parents.getOrDefault(call, List.of())) {
            visit(parent, parents, reached, done, finished);
        }
        done.add(call);
        finished.add(call);
    }
}
