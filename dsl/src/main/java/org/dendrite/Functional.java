package org.dendrite;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.dendrite.internal.compile.GraphBuilder;
import org.dendrite.layers.Shapes;
import org.dendrite.losses.Loss;
import org.dendrite.metrics.Metric;
import org.dendrite.optimizers.Optimizer;

/**
 * A model written with Keras's functional API, before {@code compile}: the graph of {@link Node}s
 * from its inputs to its outputs. Made by {@code Dendrite.Model(inputs, outputs)}, which checks the
 * graph at once: every output computed from the declared inputs, every input used, names unique.
 *
 * <p>An immutable value, like {@link Sequential}. Each node is named as Keras names layers
 * ({@code input_layer}, {@code dense}, {@code dense_1}, {@code add}, ...) unless {@link Node#named}
 * gave it a name.
 */
public final class Functional {

    private final List<Node> inputs;
    private final List<Node> outputs;
    /** Every node the outputs depend on, each after the nodes it takes. */
    private final List<Node> nodes;

    private final Map<Node, String> names;
    private final long seed;

    private Functional(List<Node> inputs, List<Node> outputs, List<Node> nodes, Map<Node, String> names, long seed) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.nodes = nodes;
        this.names = names;
        this.seed = seed;
    }

    /** The model from {@code inputs} to {@code outputs}; {@code Dendrite.Model(...)} is the usual way in. */
    static Functional of(List<Node> inputs, List<Node> outputs) {
        List<Node> in = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
        List<Node> out = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
        if (in.isEmpty() || out.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one input and one output, received " + in.size()
                    + " inputs and " + out.size() + " outputs");
        }
        for (Node node : in) {
            if (!node.isInput()) {
                throw new IllegalArgumentException(
                        "the model's inputs must be made by Input(...), but " + node + " is computed by a layer");
            }
        }
        requireDistinct(in, "input");
        requireDistinct(out, "output");
        List<Node> nodes = inOrder(out);
        Map<Node, String> names = names(nodes);
        Set<Node> declared = identitySet(in);
        for (Node node : nodes) {
            if (node.isInput() && !declared.contains(node)) {
                List<String> using = out.stream()
                        .filter(o -> dependsOn(o, node))
                        .map(names::get)
                        .toList();
                throw new IllegalArgumentException(
                        "output" + (using.size() == 1 ? " " : "s ") + String.join(", ", using)
                                + " depend" + (using.size() == 1 ? "s" : "") + " on an Input of shape "
                                + Shapes.keras(node.shape()) + " that is not among the model's inputs "
                                + describe(in, names) + "; pass it in Model(List.of(...), ...)");
            }
        }
        Set<Node> reached = identitySet(nodes);
        for (int i = 0; i < in.size(); i++) {
            if (!reached.contains(in.get(i))) {
                throw new IllegalArgumentException("input " + i + " (shape "
                        + Shapes.keras(in.get(i).shape()) + ") is not used by any output " + describe(out, names));
            }
        }
        return new Functional(in, out, nodes, names, Sequential.DEFAULT_SEED);
    }

    private static void requireDistinct(List<Node> list, String what) {
        for (int j = 0; j < list.size(); j++) {
            for (int i = 0; i < j; i++) {
                if (list.get(i) == list.get(j)) {
                    throw new IllegalArgumentException("the model's " + what + "s " + i + " and " + j
                            + " are the same node, " + list.get(i) + "; give each " + what + " once");
                }
            }
        }
    }

    private static Set<Node> identitySet(List<Node> list) {
        Set<Node> set = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(list);
        return set;
    }

    private static boolean dependsOn(Node node, Node on) {
        return node == on || node.inputs().stream().anyMatch(n -> dependsOn(n, on));
    }

    /** Every node the outputs depend on, each after its inputs (depth first, in the order they are taken). */
    private static List<Node> inOrder(List<Node> outputs) {
        List<Node> order = new ArrayList<>();
        Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node output : outputs) {
            visit(output, seen, order);
        }
        return List.copyOf(order);
    }

    private static void visit(Node node, Set<Node> seen, List<Node> order) {
        if (seen.add(node)) {
            node.inputs().forEach(n -> visit(n, seen, order));
            order.add(node);
        }
    }

    /** The given names, checked unique, and Keras's automatic ones for the rest ({@code dense}, {@code dense_1}, ...). */
    private static Map<Node, String> names(List<Node> nodes) {
        Map<Node, String> names = new IdentityHashMap<>();
        Map<String, Node> given = new LinkedHashMap<>();
        for (Node node : nodes) {
            String name = node.givenName();
            if (name != null) {
                Node other = given.putIfAbsent(name, node);
                if (other != null) {
                    throw new IllegalArgumentException("two nodes are named \"" + name + "\": " + other + " and " + node
                            + "; names must be unique");
                }
                names.put(node, name);
            }
        }
        Set<String> taken = new HashSet<>(given.keySet());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Node node : nodes) {
            if (node.givenName() == null) {
                String base = Summary.snakeCase(node.kind());
                String name;
                do {
                    int k = counts.merge(base, 1, Integer::sum) - 1;
                    name = k == 0 ? base : base + "_" + k;
                } while (!taken.add(name));
                names.put(node, name);
            }
        }
        return names;
    }

    private static String describe(List<Node> list, Map<Node, String> names) {
        return list.stream()
                .map(n -> names.getOrDefault(n, "?") + " " + Shapes.keras(n.shape()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** The seed for weight initialisation, dropout masks and epoch shuffling (default {@value Sequential#DEFAULT_SEED}). */
    public Functional seed(long seed) {
        return new Functional(inputs, outputs, nodes, names, seed);
    }

    /**
     * Fixes how the model learns and returns a trainable {@link Model}, built at once (the input
     * shapes are known). Every output is trained with {@code loss}, as Keras does with one loss;
     * {@code metrics} are reported for every output.
     *
     * @throws IllegalArgumentException if an output is not computed by a layer that can produce
     *     outputs, or cannot work with the loss
     */
    public Model compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        return compile(optimizer, List.of(Objects.requireNonNull(loss, "loss")), metrics);
    }

    /**
     * Compiles a model with a loss per output, in the order of its outputs (Keras's
     * {@code compile(loss=[...])}); the model's {@code loss} is their sum, and each is logged as
     * {@code <output>_loss}.
     */
    public Model compile(Optimizer optimizer, List<Loss> losses, Metric... metrics) {
        Objects.requireNonNull(losses, "losses");
        Objects.requireNonNull(metrics, "metrics");
        for (int i = 0; i < metrics.length; i++) {
            Objects.requireNonNull(metrics[i], "metric " + i);
        }
        return new Model(this, optimizer, List.copyOf(losses), List.of(metrics));
    }

    public List<Node> inputs() {
        return inputs;
    }

    public List<Node> outputs() {
        return outputs;
    }

    /** Every node, each after the nodes it takes. */
    List<Node> nodes() {
        return nodes;
    }

    /**
     * The layer nodes ending at {@code node}, earliest first: it, and before it each layer node
     * that its predecessor in the chain takes, up to an input or a merge.
     */
    List<Node> chain(Node node) {
        java.util.LinkedList<Node> chain = new java.util.LinkedList<>();
        for (Node n = node; n.layer() != null; n = n.inputs().get(0)) {
            chain.addFirst(n);
        }
        return List.copyOf(chain);
    }

    /** The node's name in this model. */
    String name(Node node) {
        return names.get(node);
    }

    public long seed() {
        return seed;
    }

    /** The graph as DL4J's compiler takes it: named vertices in order. */
    List<GraphBuilder.Vertex> vertices() {
        return nodes.stream()
                .map(n -> new GraphBuilder.Vertex(
                        names.get(n),
                        n.isInput() ? null : n.layer(),
                        n.merge(),
                        n.inputs().stream().map(names::get).toList(),
                        n.inputs().isEmpty() ? n.shape() : n.inputs().get(0).shape()))
                .toList();
    }

    /** E.g. {@code Functional[input_layer (None, 8) → dense_1 (None, 1); 3 layers]}. */
    @Override
    public String toString() {
        return "Functional[" + describe(inputs, names).replaceAll("^\\[|\\]$", "") + " → "
                + describe(outputs, names).replaceAll("^\\[|\\]$", "") + "; " + (nodes.size() - inputs.size())
                + " layers" + (seed == Sequential.DEFAULT_SEED ? "" : "; seed " + seed) + "]";
    }
}
