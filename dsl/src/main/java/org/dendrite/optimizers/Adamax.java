package org.dendrite.optimizers;

import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.IUpdater;

/** Adamax: Adam with the infinity norm (Keras defaults: 0.001, 0.9, 0.999, 1e-7). */
public record Adamax(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {

    public Adamax {
        Optimizer.checkLearningRate(learningRate);
        Optimizer.checkFraction("beta1", beta1);
        Optimizer.checkFraction("beta2", beta2);
        Optimizer.checkEpsilon(epsilon);
    }

    @Override
    public Adamax withLearningRate(double learningRate) {
        return new Adamax(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public IUpdater toDl4j() {
        return new AdaMax(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public String toString() {
        return "adamax(lr=" + learningRate + ")";
    }
}
