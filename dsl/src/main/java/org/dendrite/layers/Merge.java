package org.dendrite.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;

/**
 * Keras's merge layers, which combine several tensors into one: {@code Add}, {@code Subtract},
 * {@code Multiply}, {@code Average}, {@code Maximum} (element by element, on inputs of one shape)
 * and {@code Concatenate} (joined along the last axis: features, or an image's channels).
 *
 * <p>Not a {@link Layer}: a layer takes one input, a merge takes several. Its shape rule takes the
 * shapes of all its inputs; it compiles to a DL4J graph vertex, which has no weights.
 *
 * @param operation what it computes
 */
public record Merge(Operation operation) {

    /** The merge operations, with Keras's class names. */
    public enum Operation {
        ADD("Add"),
        SUBTRACT("Subtract"),
        MULTIPLY("Multiply"),
        AVERAGE("Average"),
        MAXIMUM("Maximum"),
        CONCATENATE("Concatenate");

        private final String kind;

        Operation(String kind) {
            this.kind = kind;
        }
    }

    public Merge {
        java.util.Objects.requireNonNull(operation, "operation");
    }

    /** Keras's class name: {@code "Add"}, {@code "Concatenate"}. */
    public String kind() {
        return operation.kind;
    }

    /**
     * The shape of one example after the merge (Keras's {@code compute_output_shape}): the common
     * shape for the element-wise merges; for {@code Concatenate} the common shape with the last
     * axes summed.
     *
     * @throws IllegalArgumentException naming every input shape when they cannot be merged
     */
    public long[] outputShape(List<long[]> inputs) {
        int needed = operation == Operation.SUBTRACT ? 2 : -1;
        if (inputs.size() < 2 || (needed > 0 && inputs.size() != needed)) {
            throw new IllegalArgumentException(kind() + " takes " + (needed > 0 ? "exactly 2" : "2 or more")
                    + " inputs, received " + inputs.size());
        }
        long[] first = inputs.get(0);
        if (operation != Operation.CONCATENATE) {
            if (inputs.stream().anyMatch(s -> !Arrays.equals(s, first))) {
                throw new IllegalArgumentException(kind() + " needs inputs of one shape, received " + describe(inputs));
            }
            return first.clone();
        }
        long last = 0;
        for (long[] shape : inputs) {
            if (shape.length != first.length) {
                throw new IllegalArgumentException(kind() + " needs inputs of one rank (rows with rows, sequences"
                        + " with sequences, images with images), received " + describe(inputs));
            }
            for (int axis = 0; axis < first.length - 1; axis++) {
                if (shape[axis] != first[axis]) {
                    throw new IllegalArgumentException(kind() + " joins inputs along the last axis (axis=-1), so every"
                            + " other axis must match, but axis " + (axis + 1) + " is " + first[axis] + " and "
                            + shape[axis] + ", received " + describe(inputs));
                }
            }
            last += shape[first.length - 1];
        }
        long[] out = first.clone();
        out[out.length - 1] = last;
        return out;
    }

    private static String describe(List<long[]> shapes) {
        return String.join(" and ", shapes.stream().map(Shapes::keras).toList());
    }

    /** The DL4J vertex computing this merge. */
    public GraphVertex toDl4j() {
        return switch (operation) {
            case ADD -> new ElementWiseVertex(ElementWiseVertex.Op.Add);
            case SUBTRACT -> new ElementWiseVertex(ElementWiseVertex.Op.Subtract);
            case MULTIPLY -> new ElementWiseVertex(ElementWiseVertex.Op.Product);
            case AVERAGE -> new ElementWiseVertex(ElementWiseVertex.Op.Average);
            case MAXIMUM -> new ElementWiseVertex(ElementWiseVertex.Op.Max);
            case CONCATENATE -> new MergeVertex();
        };
    }

    /** E.g. {@code Add()}, {@code Concatenate(axis=-1)}. */
    @Override
    public String toString() {
        return kind() + (operation == Operation.CONCATENATE ? "(axis=-1)" : "()");
    }

    /** Keras's layer name for it: {@code add}, {@code concatenate}. */
    public String name() {
        return operation.name().toLowerCase(Locale.ROOT);
    }
}
