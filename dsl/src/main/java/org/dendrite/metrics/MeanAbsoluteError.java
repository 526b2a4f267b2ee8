package org.dendrite.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The mean of {@code |prediction - label|} over all outputs, as a metric (Keras's {@code mae}). */
public record MeanAbsoluteError() implements Metric {

    @Override
    public String name() {
        return "mae";
    }

    @Override
    public double compute(INDArray predictions, INDArray labels) {
        return Transforms.abs(Targets.difference(predictions, labels), false).meanNumber().doubleValue();
    }

    @Override
    public String toString() {
        return name();
    }
}
