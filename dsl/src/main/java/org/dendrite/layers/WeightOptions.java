package org.dendrite.layers;

import org.dendrite.layers.options.LayerOption;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.dendrite.constraints.Constraint;
import org.dendrite.regularizers.Regularizer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;

/**
 * The options of a layer with weights (see {@link LayerOption}), and their one translation to
 * DL4J's layer builder. Every field may be null: not set.
 *
 * @param kernelRegularizer penalty on the kernel
 * @param biasRegularizer   penalty on the biases
 * @param kernelConstraint  rule the kernel satisfies after each update
 * @param inputDropout      dropout applied to the layer's input (DL4J's {@code dropOut}), the
 *                          same as a {@code dropout} layer right before this one
 */
public record WeightOptions(Regularizer kernelRegularizer, Regularizer biasRegularizer, Constraint kernelConstraint,
                            Dropout inputDropout) implements Serializable {

    /** No options. */
    public static final WeightOptions NONE = new WeightOptions(null, null, null, null);

    /** These options with one more; a later option of the same kind replaces an earlier one. */
    public WeightOptions with(LayerOption option) {
        if (option instanceof Regularizer r) {
            return new WeightOptions(r, biasRegularizer, kernelConstraint, inputDropout);
        }
        if (option instanceof Regularizer.BiasRegularizer b) {
            return new WeightOptions(kernelRegularizer, b.penalty(), kernelConstraint, inputDropout);
        }
        if (option instanceof Constraint c) {
            return new WeightOptions(kernelRegularizer, biasRegularizer, c, inputDropout);
        }
        if (option instanceof Dropout d) {
            return new WeightOptions(kernelRegularizer, biasRegularizer, kernelConstraint, d);
        }
        throw new IllegalArgumentException("unknown layer option " + option);
    }

    /** These options with {@code regularizer} on the kernel unless the layer has its own. */
    public WeightOptions withDefaultRegularizer(Regularizer regularizer) {
        return kernelRegularizer != null || regularizer == null ? this : with(regularizer);
    }

    /** Sets every option on a DL4J layer builder. */
    public void applyTo(BaseLayer.Builder<?> layer) {
        if (kernelRegularizer != null) {
            kernelRegularizer.applyToKernel(layer);
        }
        if (biasRegularizer != null) {
            biasRegularizer.applyToBias(layer);
        }
        if (kernelConstraint != null) {
            layer.constrainWeights(kernelConstraint.toDl4j());
        }
        if (inputDropout != null) {
            layer.dropOut(inputDropout.retainProbability());
        }
    }

    /** The options as Keras-style arguments, e.g. {@code ", l2(1.0E-4), maxNorm(3.0)"}; empty for none. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (kernelRegularizer != null) {
            parts.add(kernelRegularizer.toString());
        }
        if (biasRegularizer != null) {
            parts.add(biasRegularizer.onBias().toString());
        }
        if (kernelConstraint != null) {
            parts.add(kernelConstraint.toString());
        }
        if (inputDropout != null) {
            parts.add("dropout(" + inputDropout.rate() + ")");
        }
        return parts.stream().map(p -> ", " + p).reduce("", String::concat);
    }
}
