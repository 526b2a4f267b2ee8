package org.dendrite.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fraction of examples classified right, read the way Keras reads {@code "accuracy"}:
 * one output unit means binary accuracy at threshold 0.5; several output units are compared by
 * arg-max, against one-hot label rows or against a column of integer class indices.
 */
public record Accuracy() implements Metric {

    @Override
    public String name() {
        return "accuracy";
    }

    @Override
    public void checkApplies(long outputs, INDArray labels) {
        Targets.requireClasses(name(), outputs, labels);
    }

    @Override
    public double compute(INDArray predictions, INDArray labels) {
        INDArray predicted;
        INDArray actual;
        if (predictions.size(1) == 1) {
            predicted = predictions.gt(0.5);
            actual = labels.gt(0.5);
        } else {
            predicted = predictions.argMax(1);
            actual = labels.size(1) == 1 ? labels.reshape(labels.size(0)).castTo(DataType.LONG) : labels.argMax(1);
        }
        return Targets.mean(predicted.eq(actual));
    }

    @Override
    public String toString() {
        return name();
    }
}
