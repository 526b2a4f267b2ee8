package org.dendrite.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The harmonic mean of precision and recall, {@code 2·TP / (predicted + actual positives)}, counted over all outputs. */
public record F1() implements Metric {

    @Override
    public String name() {
        return "f1";
    }

    @Override
    public void checkApplies(long outputs, INDArray labels) {
        Targets.requireClasses(name(), outputs, labels);
    }

    @Override
    public double compute(INDArray predictions, INDArray labels) {
        double[] c = Targets.counts(predictions, labels);
        return Targets.ratio(2 * c[0], c[1] + c[2]);
    }

    @Override
    public String toString() {
        return name();
    }
}
