package org.dendrite.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The fraction of examples whose true class is among the {@code k} most probable (Keras's {@code top_k_categorical_accuracy}). */
public record TopKAccuracy(int k) implements Metric {

    public TopKAccuracy {
        if (k < 1) {
            throw new IllegalArgumentException("top-k accuracy needs k ≥ 1, received k=" + k);
        }
    }

    @Override
    public String name() {
        return "top_" + k + "_accuracy";
    }

    @Override
    public void checkApplies(long outputs, INDArray labels) {
        if (k >= outputs) {
            throw new IllegalArgumentException(
                    name() + " over " + outputs + " classes is always 1: use k < " + outputs);
        }
        Targets.requireClasses(name(), outputs, labels);
    }

    @Override
    public double compute(INDArray predictions, INDArray labels) {
        long[] truth = Targets.like(labels, predictions).argMax(1).toLongVector();
        float[][] p = predictions.toFloatMatrix();
        int hits = 0;
        for (int row = 0; row < p.length; row++) {
            float target = p[row][(int) truth[row]];
            int above = 0;
            for (float v : p[row]) {
                above += v > target ? 1 : 0;
            }
            hits += above < k ? 1 : 0;
        }
        return (double) hits / p.length;
    }

    @Override
    public String toString() {
        return name();
    }
}
