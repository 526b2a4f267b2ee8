package org.dendrite.metrics;

import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Area under the ROC curve: the probability that a random positive output scores above a random
 * negative one. Computed exactly by DL4J's {@code ROC} (no threshold bins; Keras uses 200, so its
 * figure can differ in the third decimal). Several outputs are pooled into one binary problem, as
 * Keras's {@code AUC(multi_label=False)} does.
 */
public record Auc() implements Metric {

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public void checkApplies(long outputs, INDArray labels) {
        Targets.requireClasses(name(), outputs, labels);
    }

    @Override
    public double compute(INDArray predictions, INDArray labels) {
        INDArray y = Targets.like(labels, predictions);
        ROC roc = new ROC(0);
        roc.eval(y.reshape(y.length(), 1), predictions.reshape(predictions.length(), 1));
        return roc.calculateAUC();
    }

    @Override
    public String toString() {
        return name();
    }
}
