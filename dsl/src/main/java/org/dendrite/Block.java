package org.dendrite;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.dendrite.layers.Layer;
import org.dendrite.layers.Shapes;

/**
 * A model applied as a layer of a functional one (Keras's {@code block(x)}): the graph it computes
 * and where it came from. Each model object makes one block (at its first application), so every
 * application of the same model shares its weights, as a Keras model called twice does.
 *
 * @param inner      the graph it computes, of one input and one output; a Sequential's layers are a chain
 * @param sequential the Sequential it came from, or null for a functional model
 * @param pretrained the trained model whose weights it starts from, or null
 */
record Block(Functional inner, Sequential sequential, Model pretrained) {

    Block {
        Objects.requireNonNull(inner, "inner");
        if (inner.inputs().size() != 1 || inner.outputs().size() != 1) {
            throw new IllegalArgumentException("a functional model applied as a layer takes one input and gives one"
                    + " output; this one has " + inner.inputs().size() + " inputs and "
                    + inner.outputs().size()
                    + " outputs");
        }
        if (inner.inputs().get(0).normalizer() != null) {
            throw new IllegalArgumentException("a model applied as a layer cannot scale its input ("
                    + inner.inputs().get(0).normalizer() + "): scale the outer model's input");
        }
    }

    /** {@code sequential}'s layers as a graph on an input of {@code inputShape}, its frozen layers frozen. */
    static Block of(Sequential sequential, long[] inputShape, Model pretrained) {
        if (sequential.layers().isEmpty()) {
            throw new IllegalArgumentException("an empty Sequential cannot be applied as a layer: add layers first");
        }
        if (sequential.normalizer().isPresent()) {
            throw new IllegalArgumentException("a Sequential applied as a layer cannot scale its input ("
                    + sequential.normalizer().get() + "): scale the data, or the outer model's input");
        }
        sequential.inputShape().ifPresent(declared -> {
            if (!Arrays.equals(declared, inputShape)) {
                throw new IllegalArgumentException(
                        sequential + " declares input " + Shapes.keras(declared) + " but is applied to (None, "
                                + Shapes.describe(inputShape).substring(1));
            }
        });
        Node input = Node.input(inputShape);
        Node node = input;
        List<Layer> layers = sequential.compiledLayers();
        for (int i = 0; i < layers.size(); i++) {
            try {
                node = node.add(layers.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + i + " of " + sequential + ": " + e.getMessage(), e);
            }
        }
        Functional inner = Functional.of(List.of(input), List.of(node));
        List<String> names =
                inner.layers().stream().map(Functional.LayerAt::name).toList();
        inner = inner.freeze(sequential.frozen().stream().map(names::get).toArray(String[]::new));
        return new Block(inner, sequential, pretrained);
    }

    /** Keras's class name for it: {@code "Sequential"} or {@code "Functional"}. */
    String kind() {
        return sequential != null ? "Sequential" : "Functional";
    }

    long[] inputShape() {
        return inner.inputs().get(0).shape();
    }

    long[] outputShape() {
        return inner.outputs().get(0).shape();
    }

    @Override
    public String toString() {
        return sequential != null ? sequential.toString() : inner.toString();
    }
}
