package org.dendrite.internal.compile;

import java.util.List;
import java.util.OptionalInt;
import org.dendrite.activations.Activation;
import org.dendrite.layers.Dense;
import org.dendrite.layers.Layer;
import org.dendrite.layers.OutputCapable;
import org.dendrite.losses.Loss;

/**
 * Checks, at compile time, that a model ends in a layer that can produce outputs and that those
 * outputs suit the loss; resolves {@link Loss#CROSS_ENTROPY} to its binary or categorical form.
 */
public final class OutputCheck {

    private OutputCheck() {}

    /** The concrete loss to train with. */
    public static Loss resolve(List<Layer> layers, Loss loss) {
        outputLayer(layers); // an empty model is refused before it is described
        return resolve(layers, loss, describe(layers));
    }

    /**
     * The concrete loss for one output of a model.
     *
     * @param layers the layers leading to the output, ending in the output layer
     * @param where  the output layer as messages name it: {@code "the output layer (digit, Dense(10, softmax))"}
     */
    public static Loss resolve(List<Layer> layers, Loss loss, String where) {
        OutputCapable output = outputLayer(layers);
        Activation activation = output.activation();
        OptionalInt units = outputUnits(layers);
        Loss resolved = loss;
        if (loss.equals(Loss.CROSS_ENTROPY)) {
            if (activation.equals(Activation.SOFTMAX)) {
                resolved = Loss.CATEGORICAL_CROSS_ENTROPY;
            } else if (activation.equals(Activation.SIGMOID) || activation.equals(Activation.HARD_SIGMOID)) {
                resolved = Loss.BINARY_CROSS_ENTROPY;
            } else {
                throw new IllegalArgumentException("crossEntropy needs probabilities: a sigmoid or softmax output, but "
                        + where + " uses " + activation);
            }
        }
        if (resolved.equals(Loss.BINARY_CROSS_ENTROPY)
                && !(activation.equals(Activation.SIGMOID) || activation.equals(Activation.HARD_SIGMOID))) {
            throw new IllegalArgumentException("binary cross-entropy needs independent sigmoid outputs, but " + where
                    + " uses " + activation
                    + (activation.equals(Activation.SOFTMAX) ? "; use categoricalCrossEntropy with softmax" : ""));
        }
        boolean categorical = resolved.equals(Loss.CATEGORICAL_CROSS_ENTROPY)
                || resolved.equals(Loss.SPARSE_CATEGORICAL_CROSS_ENTROPY);
        if (categorical && !activation.equals(Activation.SOFTMAX)) {
            throw new IllegalArgumentException(
                    resolved + " needs a softmax output, but " + where + " uses " + activation);
        }
        if (units.isPresent()) {
            checkWidth(layers, units.getAsInt(), where);
        }
        return resolved;
    }

    /** Checks the model's output width, known once the shapes are: softmax over one unit is meaningless. */
    public static void checkWidth(List<Layer> layers, long width, String where) {
        if (outputLayer(layers).activation().equals(Activation.SOFTMAX) && width == 1) {
            throw new IllegalArgumentException("softmax over 1 unit always outputs 1.0 (" + where
                    + "); for two classes use dense(1, SIGMOID) with binaryCrossEntropy, or dense(2, SOFTMAX)");
        }
    }

    /** The last layer, which must be able to end a model. */
    public static OutputCapable outputLayer(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(
                    "cannot compile an empty model: add layers first, e.g. Sequential().dense(1, SIGMOID)");
        }
        Layer last = layers.get(layers.size() - 1);
        if (!(last instanceof OutputCapable output)) {
            throw new IllegalArgumentException("layer " + (layers.size() - 1) + " (" + last + ") cannot end a model: "
                    + "the last layer must be dense(...) or activation(...)");
        }
        return output;
    }

    /** The number of outputs before the shapes are known, when the last layer with a width is Dense. */
    private static OptionalInt outputUnits(List<Layer> layers) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i) instanceof Dense dense) {
                return OptionalInt.of(dense.units());
            }
        }
        return OptionalInt.empty();
    }

    /** E.g. {@code "the output layer (layer 2, Dense(1, sigmoid))"}. */
    public static String describe(List<Layer> layers) {
        return describe(outputLayerIndex(layers), layers);
    }

    private static String outputLayerIndex(List<Layer> layers) {
        return "layer " + (layers.size() - 1);
    }

    /** E.g. {@code "the output layer (digit, Dense(10, softmax))"}. */
    public static String describe(String name, List<Layer> layers) {
        return "the output layer (" + name + ", " + layers.get(layers.size() - 1) + ")";
    }
}
