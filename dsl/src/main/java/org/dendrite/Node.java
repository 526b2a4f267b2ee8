package org.dendrite;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.dendrite.datasets.Normalizer;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Merge;
import org.dendrite.layers.Shapes;

/**
 * A tensor of a functional model, as Keras's symbolic tensors are: made by {@code Input(...)},
 * by putting a layer on another node ({@code x.dense(64, RELU)}), or by merging nodes
 * ({@code add(x, y)}). A node knows its shape at once, so a layer or merge that cannot take it fails
 * on the line that adds it, naming the shapes.
 *
 * <p>Immutable. Putting two layers on one node branches the graph; {@code Model(inputs, outputs)}
 * collects every node the outputs depend on.
 * <pre>{@code
 * var image = Input(28, 28, 1);
 * var x = image.conv2d(32, 3, RELU, SAME);
 * var out = add(x, x.conv2d(32, 3, RELU, SAME)).flatten().dense(10, SOFTMAX);
 * var model = Model(image, out).compile(adam, crossEntropy, accuracy);
 * }</pre>
 */
public final class Node extends Layering<Node> {

    private static final java.util.concurrent.atomic.AtomicLong MADE = new java.util.concurrent.atomic.AtomicLong();

    /** When it was made, relative to other nodes: Keras lists a model's layers in that order, inputs first. */
    private final long order = MADE.getAndIncrement();
    /** The layer computing this node, or null. */
    private final Layer layer;
    /** The merge computing this node, or null. */
    private final Merge merge;
    /** The model applied as a layer to compute this node, or null; applied twice, it shares its weights. */
    private final Block block;
    /** What the layer, merge or block takes; empty for an input. */
    private final List<Node> inputs;

    private final long[] shape;
    /** The name given with {@link #named}, or null for Keras's automatic one. */
    private final String name;
    /** How an input scales its data, set with {@link #normalize}, or null. */
    private final Normalizer normalizer;

    private Node(Layer layer, Merge merge, List<Node> inputs, long[] shape, String name) {
        this(layer, merge, null, inputs, shape, name, null);
    }

    private Node(
            Layer layer,
            Merge merge,
            Block block,
            List<Node> inputs,
            long[] shape,
            String name,
            Normalizer normalizer) {
        this.normalizer = normalizer;
        this.layer = layer;
        this.merge = merge;
        this.block = block;
        this.inputs = List.copyOf(inputs);
        this.shape = shape;
        this.name = name;
    }

    /** An input of {@code shape} (Keras's {@code keras.Input(shape=...)}); {@code Dendrite.Input(...)} is the usual way in. */
    static Node input(long... shape) {
        Objects.requireNonNull(shape, "shape");
        if (shape.length == 0
                || shape.length > 3
                || java.util.Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException(
                    "Input needs 1 (features), 2 (timesteps, features) or 3 (height, width, channels) positive sizes, received "
                            + java.util.Arrays.toString(shape));
        }
        return new Node(null, null, List.of(), shape.clone(), null);
    }

    /** The merge of {@code nodes} (see {@code Dendrite.add}, {@code concatenate}, ...). */
    static Node merge(Merge merge, Node... nodes) {
        Objects.requireNonNull(nodes, "nodes");
        for (int i = 0; i < nodes.length; i++) {
            int at = i;
            Objects.requireNonNull(nodes[i], () -> merge.kind() + ": node " + at + " is null");
        }
        List<Node> inputs = List.of(nodes);
        long[] shape;
        try {
            shape = merge.outputShape(inputs.stream().map(n -> n.shape).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage()
                            + (inputs.isEmpty()
                                    ? ""
                                    : inputs.stream()
                                            .map(Node::describe)
                                            .collect(Collectors.joining(", ", " (from ", ")"))),
                    e);
        }
        return new Node(null, merge, inputs, shape, null);
    }

    /** {@code block} applied to {@code input} (see {@link Sequential#apply}, {@link Functional#apply}). */
    static Node block(Block block, Node input) {
        Objects.requireNonNull(input, "input");
        if (!java.util.Arrays.equals(block.inputShape(), input.shape)) {
            throw new IllegalArgumentException(
                    block + " takes " + Shapes.keras(block.inputShape()) + " but is applied to " + input.describe());
        }
        return new Node(null, null, block, List.of(input), block.outputShape(), null, null);
    }

    /** This layer applied to this node: a new node. */
    @Override
    public Node add(Layer layer) {
        Objects.requireNonNull(layer, "layer");
        long[] out;
        try {
            out = layer.outputShape(shape);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(layer + ": " + e.getMessage() + " (from " + describe() + ")", e);
        }
        return new Node(layer, null, List.of(this), out, null);
    }

    @Override
    String position() {
        return "layer on " + describe();
    }

    /**
     * This node under a name of your own (Keras's {@code name=} argument): it appears in
     * {@code summary()}, in the logs of an output ({@code digit_loss}) and in messages. Name a node
     * where it is made, before other layers use it. Names must be unique within a model.
     */
    public Node named(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException(
                    "a node name starts with a letter and holds letters, digits, '_', '.' or '-', received \"" + name
                            + "\"");
        }
        if (block != null) {
            throw new IllegalArgumentException("a node computed by a Sequential applied as a layer takes its name from"
                    + " the model; name a layer after it instead");
        }
        return new Node(layer, merge, block, inputs, shape, name, normalizer);
    }

    /**
     * This input scaling its data with a fitted {@link Normalizer} (as a Keras {@code Normalization}
     * layer right after it): {@code fit}, {@code evaluate} and {@code predict} then take raw data for
     * it, and a saved model keeps the scaling. Call it on the input before layers use it.
     *
     * @throws IllegalArgumentException on a node that is not an input, or a normalizer not yet fitted
     */
    public Node normalize(Normalizer fitted) {
        Objects.requireNonNull(fitted, "normalizer");
        if (!isInput()) {
            throw new IllegalArgumentException("normalize(...) scales a model's data, so it goes on an Input, not on "
                    + this + "; scale inside the model with batchNorm()");
        }
        if (!fitted.isFitted()) {
            throw new IllegalArgumentException(
                    "normalize(...) needs a fitted normalizer, e.g. Normalizer.standardize().fit(train), got "
                            + fitted);
        }
        return new Node(layer, merge, block, inputs, shape, name, fitted);
    }

    /** How this input scales its data, or null. */
    public Normalizer normalizer() {
        return normalizer;
    }

    /** The shape of one example at this node, without the batch (Keras's {@code shape[1:]}). */
    public long[] shape() {
        return shape.clone();
    }

    /** The layer computing this node, or null for an input, a merge or a Sequential applied as a layer. */
    public Layer layer() {
        return layer;
    }

    /** The merge computing this node, or null. */
    public Merge merge() {
        return merge;
    }

    /**
     * The Sequential applied as a layer to compute this node ({@code sequential.apply(input)}), or
     * null: every node it computes gives the same object, so that its uses can be found (to write a
     * shared layer's calls, say).
     */
    public Sequential sequential() {
        return block == null ? null : block.sequential();
    }

    long order() {
        return order;
    }

    /** The model applied as a layer to compute this node, or null. */
    Block block() {
        return block;
    }

    /** The nodes this node's layer, merge or block takes, in order; empty for an input. */
    public List<Node> inputs() {
        return inputs;
    }

    /** The name given with {@link #named}, or null. */
    String givenName() {
        return name;
    }

    boolean isInput() {
        return inputs.isEmpty();
    }

    /** Keras's class name for what computes this node: {@code "InputLayer"}, {@code "Dense"}, {@code "Add"}. */
    String kind() {
        return isInput() ? "InputLayer" : layer != null ? layer.kind() : merge != null ? merge.kind() : block.kind();
    }

    /** E.g. {@code Dense(10, softmax) (None, 10)}, for messages. */
    private String describe() {
        String what = isInput()
                ? "Input"
                : layer != null ? layer.toString() : merge != null ? merge.toString() : block.toString();
        return (name == null ? "" : name + " ") + what + " " + Shapes.keras(shape);
    }

    /** E.g. {@code Node[Dense(10, softmax) (None, 10)]}. */
    @Override
    public String toString() {
        return "Node[" + describe() + "]";
    }
}
