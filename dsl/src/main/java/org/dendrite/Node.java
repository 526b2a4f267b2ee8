package org.dendrite;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
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

    /** The layer computing this node, or null. */
    private final Layer layer;
    /** The merge computing this node, or null. */
    private final Merge merge;
    /** What the layer or merge takes; empty for an input. */
    private final List<Node> inputs;

    private final long[] shape;
    /** The name given with {@link #named}, or null for Keras's automatic one. */
    private final String name;

    private Node(Layer layer, Merge merge, List<Node> inputs, long[] shape, String name) {
        this.layer = layer;
        this.merge = merge;
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
        List<Node> inputs = List.of(nodes); // refuses null nodes
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
        return new Node(layer, merge, inputs, shape, name);
    }

    /** The shape of one example at this node, without the batch (Keras's {@code shape[1:]}). */
    public long[] shape() {
        return shape.clone();
    }

    /** The layer computing this node, or null for an input or a merge. */
    Layer layer() {
        return layer;
    }

    /** The merge computing this node, or null. */
    Merge merge() {
        return merge;
    }

    List<Node> inputs() {
        return inputs;
    }

    /** The name given with {@link #named}, or null. */
    String givenName() {
        return name;
    }

    boolean isInput() {
        return layer == null && merge == null;
    }

    /** Keras's class name for what computes this node: {@code "InputLayer"}, {@code "Dense"}, {@code "Add"}. */
    String kind() {
        return isInput() ? "InputLayer" : layer != null ? layer.kind() : merge.kind();
    }

    /** E.g. {@code Dense(10, softmax) (None, 10)}, for messages. */
    private String describe() {
        String what = isInput() ? "Input" : layer != null ? layer.toString() : merge.toString();
        return (name == null ? "" : name + " ") + what + " " + Shapes.keras(shape);
    }

    /** E.g. {@code Node[Dense(10, softmax) (None, 10)]}. */
    @Override
    public String toString() {
        return "Node[" + describe() + "]";
    }
}
