package org.dendrite.runtime;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A DL4J loss that reads a per-example label mask (a column) as each example's weight, Keras's
 * {@code sample_weight}: each example's loss and gradient scaled by its weight, the sum divided by
 * the batch size. DL4J means masks to be 0 or 1: its output layer multiplies the pre-activations by
 * the mask before the loss sees them, so a weight of 2 would also double an example's logits. This
 * loss divides them back out, computes the loss unmasked, and weighs it. A mask of another shape
 * (per output) goes to the loss as DL4J means it. A Jackson bean (no-arg constructor, getter,
 * setter) so that it travels in DL4J's JSON configuration and saved models.
 */
public final class WeightedExamples implements ILossFunction {

    private ILossFunction of;

    /** For Jackson. */
    public WeightedExamples() {}

    public WeightedExamples(ILossFunction of) {
        this.of = of;
    }

    public ILossFunction getOf() {
        return of;
    }

    public void setOf(ILossFunction of) {
        this.of = of;
    }

    /** Whether {@code mask} holds one weight per example. */
    private static boolean perExample(INDArray mask) {
        return mask != null && mask.rank() == 2 && mask.size(1) == 1;
    }

    /** The pre-activations before DL4J multiplied them by the weights (any value where a weight is 0). */
    private static INDArray unmasked(INDArray preOutput, INDArray weights) {
        INDArray divisor = weights.dup();
        BooleanIndexing.replaceWhere(divisor, 1.0, Conditions.equals(0));
        return preOutput.divColumnVector(divisor.castTo(preOutput.dataType()));
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        if (!perExample(mask)) {
            return of.computeScoreArray(labels, preOutput, activation, mask);
        }
        return of.computeScoreArray(labels, unmasked(preOutput, mask), activation, null)
                .muliColumnVector(mask.castTo(preOutput.dataType()));
    }

    @Override
    public double computeScore(
            INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        if (!perExample(mask)) {
            return of.computeScore(labels, preOutput, activation, mask, average);
        }
        double sum = computeScoreArray(labels, preOutput, activation, mask)
                .sumNumber()
                .doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        if (!perExample(mask)) {
            return of.computeGradient(labels, preOutput, activation, mask);
        }
        return of.computeGradient(labels, unmasked(preOutput, mask), activation, null)
                .muliColumnVector(mask.castTo(preOutput.dataType()));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(
            INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        return new Pair<>(
                computeScore(labels, preOutput, activation, mask, average),
                computeGradient(labels, preOutput, activation, mask));
    }

    @Override
    public String name() {
        return of.name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightedExamples w && w.of.equals(of);
    }

    @Override
    public int hashCode() {
        return of.hashCode() + 1;
    }

    @Override
    public String toString() {
        return "WeightedExamples(" + of + ")";
    }
}
