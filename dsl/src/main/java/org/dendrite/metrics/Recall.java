package org.dendrite.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Of the actual positives, the fraction predicted positive (above 0.5) (Keras's {@code Recall}, counted over all outputs). */
public record Recall() implements Metric {

    @Override
    public String name() {
        return "recall";
    }

    @Override
    public void checkApplies(long outputs, INDArray labels) {
        Targets.requireClasses(name(), outputs, labels);
    }

    @Override
    public double compute(INDArray predictions, INDArray labels) {
        double[] c = Targets.counts(predictions, labels);
        return Targets.ratio(c[0], c[2]);
    }

    @Override
    public String toString() {
        return name();
    }
}
