package org.dendrite.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The fraction of output values on the right side of {@code threshold}, over all outputs (Keras's {@code binary_accuracy}). */
public record BinaryAccuracy(double threshold) implements Metric {

    @Override
    public String name() {
        return "binary_accuracy";
    }

    @Override
    public void checkApplies(long outputs, INDArray labels) {
        Targets.requireClasses(name(), outputs, labels);
    }

    @Override
    public double compute(INDArray predictions, INDArray labels) {
        return Targets.mean(
                predictions.gt(threshold).eq(Targets.like(labels, predictions).gt(threshold)));
    }

    @Override
    public String toString() {
        return name();
    }
}
