package org.dendrite.metrics;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A number computed from a model's predictions and the true labels, logged per epoch. */
public interface Metric extends Serializable {

    /** The name it is logged under, e.g. {@code "accuracy"} (validation adds {@code "val_"}). */
    String name();

    /**
     * Checks, before anything trains, that this metric means something for a model of
     * {@code outputs} units and these labels; nothing to check unless the metric says otherwise.
     *
     * @throws IllegalArgumentException saying why it cannot apply
     */
    default void checkApplies(long outputs, INDArray labels) {}

    /** The metric over all rows of {@code predictions} ({@code [n, outputs]}) and {@code labels}. */
    double compute(INDArray predictions, INDArray labels);
}
