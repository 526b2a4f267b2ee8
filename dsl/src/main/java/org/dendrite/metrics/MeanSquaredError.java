package org.dendrite.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The mean of {@code (prediction - label)²} over all outputs, as a metric (Keras's {@code mse}). */
public record MeanSquaredError() implements Metric {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double compute(INDArray predictions, INDArray labels) {
        INDArray diff = Targets.difference(predictions, labels);
        return diff.muli(diff).meanNumber().doubleValue();
    }

    @Override
    public String toString() {
        return name();
    }
}
