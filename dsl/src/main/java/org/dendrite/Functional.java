package org.dendrite;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.graph.StackVertex;
import org.deeplearning4j.nn.conf.graph.UnstackVertex;
import org.dendrite.internal.compile.GraphBuilder;
import org.dendrite.layers.Layer;
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
    /** The names of the layers and blocks whose weights training leaves as they are. */
    private final Set<String> frozen;
    /** Each output's weight in the model's loss, in order. */
    private final double[] lossWeights;

    private Functional(
            List<Node> inputs,
            List<Node> outputs,
            List<Node> nodes,
            Map<Node, String> names,
            long seed,
            Set<String> frozen,
            double[] lossWeights) {
        this.frozen = Set.copyOf(frozen);
        this.lossWeights = lossWeights;
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
        double[] ones = new double[out.size()];
        Arrays.fill(ones, 1);
        return new Functional(in, out, nodes, names, Sequential.DEFAULT_SEED, Set.of(), ones);
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

    /** Each model applied as a layer, with the nodes it computes, in order. */
    private static Map<Block, List<Node>> applications(List<Node> nodes) {
        Map<Block, List<Node>> uses = new IdentityHashMap<>();
        for (Node node : nodes) {
            if (node.block() != null) {
                uses.computeIfAbsent(node.block(), b -> new ArrayList<>()).add(node);
            }
        }
        return uses;
    }

    private static boolean dependsOn(Node node, Node on) {
        return node == on || node.inputs().stream().anyMatch(n -> dependsOn(n, on));
    }

    /**
     * Every node the outputs depend on, each after its inputs, as Keras lists a model's layers: of
     * the nodes whose inputs are listed, the one made first comes next (so inputs lead); a block's
     * uses come together, once all their inputs are listed.
     */
    private static List<Node> inOrder(List<Node> outputs) {
        Set<Node> reached = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>(outputs);
        while (!todo.isEmpty()) {
            Node node = todo.pop();
            if (reached.add(node)) {
                todo.addAll(node.inputs());
            }
        }
        List<Node> pending = new ArrayList<>(reached);
        pending.sort(java.util.Comparator.comparingLong(Node::order));
        Map<Block, List<Node>> uses = applications(pending);
        List<Node> order = new ArrayList<>();
        Set<Node> listed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Node next = pending.stream()
                    .filter(n -> together(n, uses).stream().allMatch(u -> listed.containsAll(u.inputs())))
                    .findFirst()
                    .orElseThrow(() -> selfApplied(pending)); // immutable nodes make no other cycle
            for (Node n : together(next, uses)) {
                order.add(n);
                listed.add(n);
                pending.remove(n);
            }
        }
        return List.copyOf(order);
    }

    /** The error for a block applied to its own output, which its stacked single run cannot compute. */
    private static IllegalArgumentException selfApplied(List<Node> pending) {
        Block block = pending.stream()
                .filter(n -> n.block() != null)
                .findFirst()
                .orElseThrow()
                .block();
        return new IllegalArgumentException(block + " is applied to a node computed from its own output: DL4J runs"
                + " a shared block once, on all its inputs stacked, so each input must come from elsewhere");
    }

    /** The nodes listed with {@code node}: all uses of its block, or itself. */
    private static List<Node> together(Node node, Map<Block, List<Node>> uses) {
        return node.block() == null ? List.of(node) : uses.get(node.block());
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
        Map<Block, String> blocks = new IdentityHashMap<>();
        for (Node node : nodes) {
            if (node.block() != null && blocks.containsKey(node.block())) {
                names.put(node, blocks.get(node.block())); // a shared block has one name, as a Keras layer does
            } else if (node.givenName() == null) {
                String base = Summary.snakeCase(node.kind());
                String name;
                do {
                    int k = counts.merge(base, 1, Integer::sum) - 1;
                    name = k == 0 ? base : base + "_" + k;
                } while (!taken.add(name));
                names.put(node, name);
                if (node.block() != null) {
                    blocks.put(node.block(), name);
                }
            }
        }
        return names;
    }

    private static String describe(List<Node> list, Map<Node, String> names) {
        return list.stream()
                .map(n -> names.getOrDefault(n, "?") + " " + Shapes.keras(n.shape()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** What this model is as a layer of another, made at its first application (its uses share it). */
    private Block block;

    /**
     * This model as a layer of another functional model (Keras's {@code block(x)} on a model of one
     * input and one output): the result is the node of its output. Applied to several nodes, it
     * shares its weights, as a Keras model called twice does. Its seed is the outer model's concern;
     * its frozen layers stay frozen.
     *
     * @throws IllegalArgumentException for a model of several inputs or outputs, or a node of another shape than its input
     */
    public Node apply(Node input) {
        Objects.requireNonNull(input, "input");
        synchronized (this) {
            if (block == null) {
                block = new Block(this, null, null);
            }
        }
        return Node.block(block, input);
    }

    /** The seed for weight initialisation, dropout masks and epoch shuffling (default {@value Sequential#DEFAULT_SEED}). */
    public Functional seed(long seed) {
        return new Functional(inputs, outputs, nodes, names, seed, frozen, lossWeights);
    }

    /**
     * Weighs each output's loss in the model's loss, in the order of the outputs (Keras's
     * {@code compile(loss_weights=[1.0, 0.2])}): training minimises {@code Σ weight·loss}, which the
     * logs call {@code loss}, while {@code <output>_loss} stays each output's own loss, unweighted.
     * If not called, every weight is 1.
     *
     * @throws IllegalArgumentException for a count other than the outputs', or a weight not positive and finite
     */
    public Functional lossWeights(double... weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length != outputs.size()) {
            throw new IllegalArgumentException(
                    "lossWeights takes one weight per output: the model has " + outputs.size() + " outputs "
                            + outputs.stream().map(names::get).toList() + ", received " + weights.length + " weights");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("a loss weight must be positive and finite, received weight "
                        + weights[i] + " for output " + names.get(outputs.get(i)));
            }
        }
        return new Functional(inputs, outputs, nodes, names, seed, frozen, weights.clone());
    }

    /** Each output's weight in the model's loss (see {@link #lossWeights(double...)}). */
    public double[] lossWeights() {
        return lossWeights.clone();
    }

    /**
     * The same model with these layers' weights frozen (Keras's {@code layer.trainable = False}),
     * by the names {@code summary()} shows; a Sequential applied as a layer is frozen whole.
     * Gradients still flow through a frozen layer to the layers before it.
     *
     * @throws IllegalArgumentException for a name that is no layer's, listing the names there are
     */
    public Functional freeze(String... layerNames) {
        Set<String> more = new java.util.TreeSet<>(frozen);
        List<String> known = layerNames();
        for (String name : Objects.requireNonNull(layerNames, "layerNames")) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(
                        "freeze: no layer is named \"" + name + "\"; the layers are " + known);
            }
            more.add(name);
        }
        return new Functional(inputs, outputs, nodes, names, seed, more, lossWeights);
    }

    /** The names of the nodes computed by a layer or a block, as summary() shows them. */
    private List<String> layerNames() {
        return nodes.stream()
                .filter(n -> !n.isInput() && n.merge() == null)
                .map(names::get)
                .distinct()
                .toList();
    }

    /** The same model with every layer trainable, a block's own frozen layers included. */
    public Functional unfreeze() {
        return new Functional(inputs, outputs, nodes, names, seed, Set.of(UNFROZEN_BLOCKS), lossWeights);
    }

    /** Marks a model whose blocks' own frozen layers are thawed too (no node can have this name). */
    private static final String UNFROZEN_BLOCKS = "/";

    /** Whether {@link #unfreeze()} thawed the blocks' own frozen layers too. */
    boolean blocksUnfrozen() {
        return frozen.contains(UNFROZEN_BLOCKS);
    }

    /** The names of the layers and blocks frozen with {@link #freeze}, in order. */
    public Set<String> frozen() {
        return new java.util.TreeSet<>(
                frozen.stream().filter(n -> !n.equals(UNFROZEN_BLOCKS)).toList());
    }

    /** Whether {@code node}'s layer is frozen. */
    private boolean isFrozen(Node node) {
        return frozen.contains(names.get(node));
    }

    /** Whether {@code inner}, a layer of {@code node}'s block, is frozen: the block frozen whole, or the layer within it. */
    private boolean isFrozen(Node node, LayerAt inner) {
        return frozen.contains(names.get(node)) || (!frozen.contains(UNFROZEN_BLOCKS) && inner.frozen());
    }

    /** The layer named {@code name} and every layer its values are computed from, by name. */
    List<String> upTo(String name) {
        Node node =
                nodes.stream() // any row of the summary: up to an input freezes nothing, up to a merge what it takes
                        .filter(n -> name.equals(names.get(n)))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("freezeUpTo: no layer is named \"" + name
                                + "\"; the layers are "
                                + nodes.stream().map(names::get).distinct().toList()));
        Set<String> upTo = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>(node.block() == null ? List.of(node) : uses(node));
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!n.isInput() && n.merge() == null) {
                upTo.add(names.get(n));
            }
            todo.addAll(n.inputs());
        }
        return List.copyOf(upTo);
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
        Objects.requireNonNull(metrics, "metrics");
        return compile(optimizer, losses, List.of(List.of(metrics)));
    }

    /**
     * Compiles a model with a loss and a list of metrics per output, in the order of its outputs
     * (Keras's {@code compile(loss=[...], metrics=[[...], [...]])}): accuracy for a classifying head,
     * mae for a regression head, say.
     */
    public Model compile(Optimizer optimizer, List<Loss> losses, List<List<Metric>> metrics) {
        Objects.requireNonNull(losses, "losses");
        Objects.requireNonNull(metrics, "metrics");
        return new Model(
                this,
                optimizer,
                List.copyOf(losses),
                metrics.stream().map(List::copyOf).toList());
    }

    public List<Node> inputs() {
        return inputs;
    }

    public List<Node> outputs() {
        return outputs;
    }

    /** Every node, each after the nodes it takes, in the order {@code summary()} lists them. */
    public List<Node> nodes() {
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

    /** The node's name in this model, as {@code summary()} shows it. */
    public String name(Node node) {
        return names.get(node);
    }

    public long seed() {
        return seed;
    }

    /** How Keras's summary lists a node among the inputs of another: {@code dense[0][0]}, {@code sequential[1][0]} for a block's second use. */
    String connection(Node node) {
        int use =
                node.block() == null ? 0 : applications(nodes).get(node.block()).indexOf(node);
        return names.get(node) + "[" + use + "][0]";
    }

    /** The nodes {@code node}'s block computes, in order, itself included; empty for other nodes. */
    List<Node> uses(Node node) {
        return node.block() == null ? List.of() : applications(nodes).get(node.block());
    }

    /**
     * One layer of the compiled graph.
     *
     * @param vertex      DL4J's vertex name for it
     * @param name        how getWeights' messages name it: {@code dense_1}, {@code sequential/dense}
     * @param chain       it and the layers before it that each take one input, it last (for Keras's weight layout)
     * @param chainInputs each chain layer's input shape
     * @param fromInput   whether the chain starts at an input of its graph (so the graph's user may lengthen it)
     */
    record LayerAt(
            String vertex,
            String name,
            Layer layer,
            List<Layer> chain,
            List<long[]> chainInputs,
            boolean frozen,
            boolean fromInput) {}

    /** Layers in a row, each with its input shape, earliest first. */
    private record Chain(List<Layer> layers, List<long[]> inputs, boolean fromInput) {

        /** This chain, then {@code later}. */
        Chain then(Chain later) {
            List<Layer> l = new ArrayList<>(layers);
            l.addAll(later.layers);
            List<long[]> i = new ArrayList<>(inputs);
            i.addAll(later.inputs);
            return new Chain(l, i, fromInput);
        }
    }

    /**
     * The layers whose values lead to {@code node} one input each, earliest first: through layer
     * nodes and into a block's own chain to its output, so that a Dense after a block that ends in
     * flatten() knows the image flattened (Keras's kernel layout depends on it); it stops at a merge
     * or at an input.
     */
    private Chain chainTo(Node node) {
        if (node.layer() != null) {
            Node in = node.inputs().get(0);
            return chainTo(in).then(new Chain(List.of(node.layer()), List.of(in.shape()), false));
        }
        if (node.block() != null) {
            Functional inner = node.block().inner();
            Chain within = inner.chainTo(inner.outputs().get(0));
            return within.fromInput() ? chainTo(node.inputs().get(0)).then(within) : within;
        }
        return new Chain(List.of(), List.of(), node.isInput());
    }

    /** Every layer of the graph in order, a shared block's once (at its first use), each named {@code <node>} or {@code <block>/<layer>}. */
    List<LayerAt> layers() {
        List<LayerAt> layers = new ArrayList<>();
        for (Node node : nodes) {
            if (node.layer() != null) {
                Chain chain = chainTo(node);
                layers.add(new LayerAt(
                        names.get(node),
                        names.get(node),
                        node.layer(),
                        chain.layers(),
                        chain.inputs(),
                        isFrozen(node),
                        chain.fromInput()));
            } else if (node.block() != null && uses(node).get(0) == node) {
                String prefix = names.get(node) + "/";
                Chain before = chainTo(node.inputs().get(0)); // what leads to the block, for its layers' chains
                for (LayerAt inner : node.block().inner().layers()) {
                    Chain chain = new Chain(inner.chain(), inner.chainInputs(), inner.fromInput());
                    chain = inner.fromInput() ? before.then(chain) : chain;
                    layers.add(new LayerAt(
                            prefix + inner.vertex(),
                            prefix + inner.name(),
                            inner.layer(),
                            chain.layers(),
                            chain.inputs(),
                            isFrozen(node, inner),
                            chain.fromInput()));
                }
            }
        }
        return layers;
    }

    /**
     * The Embeddings that take {@code input}'s values as they are, by the names getWeights gives
     * them: layers on the input, and the first layers of blocks applied to it.
     */
    Map<String, org.dendrite.layers.Embedding> embeddingsOn(Node input) {
        Map<String, org.dendrite.layers.Embedding> found = new java.util.TreeMap<>();
        for (Node node : nodes) {
            if (node.inputs().isEmpty() || node.inputs().get(0) != input) {
                continue;
            }
            if (node.layer() instanceof org.dendrite.layers.Embedding e) {
                found.put(names.get(node), e);
            } else if (node.block() != null) {
                Functional inner = node.block().inner();
                inner.embeddingsOn(inner.inputs().get(0)).forEach((n, e) -> found.put(names.get(node) + "/" + n, e));
            }
        }
        return found;
    }

    /** DL4J's vertex names for the layers of {@code node}'s block, in order. */
    List<String> layerVertices(Node node) {
        String prefix = names.get(uses(node).get(0)) + "/";
        return node.block().inner().layers().stream()
                .map(l -> prefix + l.vertex())
                .toList();
    }

    /** DL4J's name for the vertex holding {@code node}'s values. */
    private String vertexName(Node node) {
        if (node.block() == null) {
            return names.get(node);
        }
        List<Node> uses = uses(node);
        Functional inner = node.block().inner();
        return uses.size() == 1
                ? names.get(node) + "/" + inner.vertexName(inner.outputs().get(0))
                : names.get(node) + "/out" + uses.indexOf(node);
    }

    /**
     * The graph as DL4J's compiler takes it: named vertices in order. A block used once becomes its
     * layers in a chain; one used by several nodes runs once on their inputs stacked along the batch
     * (DL4J's StackVertex) and hands each its part (UnstackVertex), so its weights are one set.
     */
    List<GraphBuilder.Vertex> vertices() {
        List<GraphBuilder.Vertex> vertices = new ArrayList<>();
        for (Node node : nodes) {
            List<String> from = node.inputs().stream().map(this::vertexName).toList();
            long[] in = node.inputs().isEmpty()
                    ? node.shape()
                    : node.inputs().get(0).shape();
            if (node.block() == null) {
                vertices.add(new GraphBuilder.Vertex(
                        names.get(node),
                        node.layer(),
                        node.merge() == null ? null : node.merge().toDl4j(),
                        from,
                        in,
                        node.layer() != null && isFrozen(node)));
                continue;
            }
            List<Node> uses = uses(node);
            if (uses.get(0) != node) {
                continue; // the block's vertices came with its first use
            }
            String prefix = names.get(node) + "/";
            List<String> inputs =
                    uses.stream().map(u -> vertexName(u.inputs().get(0))).toList();
            String input = inputs.get(0);
            if (uses.size() > 1) {
                input = prefix + "stack";
                vertices.add(new GraphBuilder.Vertex(input, null, new StackVertex(), inputs, in, false));
            }
            Functional inner = node.block().inner();
            Map<String, LayerAt> innerLayers = new HashMap<>();
            inner.layers().forEach(l -> innerLayers.put(l.vertex(), l));
            String innerInput = inner.vertexName(inner.inputs().get(0));
            for (GraphBuilder.Vertex v : inner.vertices()) {
                if (v.isInput()) {
                    continue;
                }
                String source = input;
                LayerAt layer = innerLayers.get(v.name());
                vertices.add(new GraphBuilder.Vertex(
                        prefix + v.name(),
                        v.layer(),
                        v.vertex(),
                        v.inputs().stream()
                                .map(i -> i.equals(innerInput) ? source : prefix + i)
                                .toList(),
                        v.inputShape(),
                        layer != null && isFrozen(node, layer)));
            }
            String output = prefix + inner.vertexName(inner.outputs().get(0));
            for (int u = 0; uses.size() > 1 && u < uses.size(); u++) {
                vertices.add(new GraphBuilder.Vertex(
                        vertexName(uses.get(u)),
                        null,
                        new UnstackVertex(u, uses.size()),
                        List.of(output),
                        node.shape(),
                        false));
            }
        }
        return vertices;
    }

    /** E.g. {@code Functional[input_layer (None, 8) → dense_1 (None, 1); 3 layers]}. */
    @Override
    public String toString() {
        return "Functional[" + describe(inputs, names).replaceAll("^\\[|\\]$", "") + " → "
                + describe(outputs, names).replaceAll("^\\[|\\]$", "") + "; " + (nodes.size() - inputs.size())
                + " layers" + (frozen().isEmpty() ? "" : "; frozen " + frozen())
                + (seed == Sequential.DEFAULT_SEED ? "" : "; seed " + seed) + "]";
    }
}
