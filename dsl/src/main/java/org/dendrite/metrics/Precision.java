package org.dendrite.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Of the outputs predicted positive (above 0.5), the fraction that are (Keras's {@code Precision}, counted over all outputs). */
public record Precision() implements Metric {

    @Override
    public String name() {
        return "precision";
    }

    @Override
    public void checkApplies(long outputs, INDArray labels) {
        Targets.requireClasses(name(), outputs, labels);
    }

    @Override
    public double compute(INDArray predictions, INDArray labels) {
        double[] c = Targets.counts(predictions, labels);
        return Targets.ratio(c[0], c[1]);
    }

    @Override
    public String toString() {
        return name();
    }
}
