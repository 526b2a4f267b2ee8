package org.dendrite.layers;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.dendrite.constraints.Constraint;
import org.dendrite.regularizers.Regularizer;

/**
 * The regularisers and constraint of a layer with weights, and their one translation to DL4J's
 * layer builder. Every field may be null: not set.
 *
 * @param kernelRegularizer penalty on the kernel
 * @param biasRegularizer   penalty on the biases
 * @param kernelConstraint  rule the kernel satisfies after each update
 */
public record WeightOptions(Regularizer kernelRegularizer, Regularizer biasRegularizer, Constraint kernelConstraint)
        implements Serializable {

    /** No options. */
    public static final WeightOptions NONE = new WeightOptions(null, null, null);

    /** These options with {@code constraint} on the kernel, replacing any other. */
    public WeightOptions withConstraint(Constraint constraint) {
        return new WeightOptions(kernelRegularizer, biasRegularizer, constraint);
    }

    /** These options with {@code regularizer} on the kernel unless the layer has its own. */
    public WeightOptions withDefaultRegularizer(Regularizer regularizer) {
        return kernelRegularizer != null || regularizer == null
                ? this
                : new WeightOptions(regularizer, biasRegularizer, kernelConstraint);
    }

    /**
     * Sets every option on a DL4J layer builder.
     *
     * @param unitAxes the kernel's axes that hold one unit's incoming weights, for norm constraints
     */
    public void applyTo(BaseLayer.Builder<?> layer, int... unitAxes) {
        if (kernelRegularizer != null) {
            kernelRegularizer.applyToKernel(layer);
        }
        if (biasRegularizer != null) {
            biasRegularizer.applyToBias(layer);
        }
        if (kernelConstraint != null) {
            layer.constrainWeights(kernelConstraint.toDl4j(unitAxes));
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
        return parts.stream().map(p -> ", " + p).reduce("", String::concat);
    }
}
