package org.dendrite.runtime;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A DL4J loss averaged over an example's outputs instead of summed: Keras's
 * {@code binary_crossentropy}, {@code hinge} and {@code poisson} take the mean over the last axis,
 * DL4J's XENT, HINGE and POISSON the sum, so a model of 784 sigmoid outputs (an autoencoder) logged
 * and stepped 784 times Keras's loss. Score and gradient are DL4J's, divided by the number of
 * outputs. A Jackson bean (no-arg constructor, getters, setters) so that it travels in DL4J's JSON
 * configuration and saved models.
 */
public final class MeanOverOutputs implements ILossFunction {

    private ILossFunction of;
    private int outputs;

    /** For Jackson. */
    public MeanOverOutputs() {}

    /** {@code of}, averaged over {@code outputs} outputs per example. */
    public MeanOverOutputs(ILossFunction of, int outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be positive, received outputs=" + outputs);
        }
        this.of = of;
        this.outputs = outputs;
    }

    public ILossFunction getOf() {
        return of;
    }

    public void setOf(ILossFunction of) {
        this.of = of;
    }

    public int getOutputs() {
        return outputs;
    }

    public void setOutputs(int outputs) {
        this.outputs = outputs;
    }

    @Override
    public double computeScore(
            INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        return of.computeScore(labels, preOutput, activation, mask, average) / outputs;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        return of.computeScoreArray(labels, preOutput, activation, mask).divi(outputs);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        return of.computeGradient(labels, preOutput, activation, mask).divi(outputs);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(
            INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
        Pair<Double, INDArray> summed = of.computeGradientAndScore(labels, preOutput, activation, mask, average);
        return new Pair<>(summed.getFirst() / outputs, summed.getSecond().divi(outputs));
    }

    @Override
    public String name() {
        return of.name();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeanOverOutputs m && m.outputs == outputs && m.of.equals(of);
    }

    @Override
    public int hashCode() {
        return of.hashCode() * 31 + outputs;
    }

    /** E.g. {@code MeanOverOutputs(LossBinaryXENT(), 784)}. */
    @Override
    public String toString() {
        return "MeanOverOutputs(" + of + ", " + outputs + ")";
    }
}
