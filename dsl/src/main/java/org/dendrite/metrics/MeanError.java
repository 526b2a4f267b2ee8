package org.dendrite.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean squared or absolute error over all outputs, as a metric (Keras's {@code mse} / {@code mae}).
 *
 * @param squared true for MSE, false for MAE
 */
public record MeanError(boolean squared) implements Metric {

    @Override
    public String name() {
        return squared ? "mse" : "mae";
    }

    @Override
    public double compute(INDArray predictions, INDArray labels) {
        INDArray diff = predictions.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .sub(labels.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        return (squared ? diff.mul(diff) : Transforms.abs(diff)).meanNumber().doubleValue();
    }

    @Override
    public String toString() {
        return name();
    }
}
