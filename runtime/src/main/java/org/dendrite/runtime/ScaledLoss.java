package org.dendrite.runtime;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A DL4J loss times a factor: score and gradient are DL4J's, multiplied by {@code factor}. Two
 * uses: Keras's {@code binary_crossentropy}, {@code hinge} and {@code poisson} take the mean over an
 * example's outputs where DL4J's XENT, HINGE and POISSON take the sum (factor 1/outputs; a model of
 * 784 sigmoid outputs logged and stepped 784 times Keras's loss), and Keras's {@code loss_weights}
 * for a model of several outputs. A Jackson bean (no-arg constructor, getters, setters) so that it
 * travels in DL4J's JSON configuration and saved models.
 */
public final class ScaledLoss implements ILossFunction {

    private ILossFunction of;
    private double factor;

    /** For Jackson. */
    public ScaledLoss() {}

    /** {@code of}, times {@code factor}. */
    public ScaledLoss(ILossFunction of, double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException(
                    "a loss's factor must be positive and finite, received factor=" + factor);
        }
        this.of = of;
        this.factor = factor;
    }

    /** {@code loss} times {@code factor}: one scaling however often scaled. */
    public static ILossFunction of(ILossFunction loss, double factor) {
        if (factor == 1) {
            return loss;
        }
        return loss instanceof ScaledLoss scaled
                ? new ScaledLoss(scaled.of, scaled.factor * factor)
                : new ScaledLoss(loss, factor);
    }

    public ILossFunction getOf() {
        return of;
    }

    public void setOf(ILossFunction of) {
        this.of = of;
    }

    public double getFactor() {
        return factor;
    }

    public void setFactor(double factor) {
        this.factor = factor;
    }

    @Override
    public double computeScore(
            INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        return of.computeScore(labels, preOutput, activation, mask, average) * factor;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        return of.computeScoreArray(labels, preOutput, activation, mask).muli(factor);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        return of.computeGradient(labels, preOutput, activation, mask).muli(factor);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(
            INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        Pair<Double, INDArray> plain = of.computeGradientAndScore(labels, preOutput, activation, mask, average);
        return new Pair<>(plain.getFirst() * factor, plain.getSecond().muli(factor));
    }

    @Override
    public String name() {
        return of.name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScaledLoss s && s.factor == factor && s.of.equals(of);
    }

    @Override
    public int hashCode() {
        return of.hashCode() * 31 + Double.hashCode(factor);
    }

    /** E.g. {@code ScaledLoss(LossBinaryXENT(), 0.5)}. */
    @Override
    public String toString() {
        return "ScaledLoss(" + of + ", " + factor + ")";
    }
}
