package org.dendrite.optimizers;

import org.nd4j.linalg.learning.config.IUpdater;

/** Adam: per-weight steps from running means of the gradient and its square (Keras defaults: 0.001, 0.9, 0.999, 1e-7). */
public record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {

    public Adam {
        Optimizer.checkLearningRate(learningRate);
        Optimizer.checkFraction("beta1", beta1);
        Optimizer.checkFraction("beta2", beta2);
        Optimizer.checkEpsilon(epsilon);
    }

    @Override
    public Adam withLearningRate(double learningRate) {
        return new Adam(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public IUpdater toDl4j() {
        return new org.nd4j.linalg.learning.config.Adam(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public String toString() {
        return "adam(lr=" + learningRate + ")";
    }
}
