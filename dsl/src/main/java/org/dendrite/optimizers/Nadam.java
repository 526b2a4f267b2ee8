package org.dendrite.optimizers;

import org.nd4j.linalg.learning.config.IUpdater;

/** Nadam: Adam with Nesterov momentum (Keras defaults: 0.001, 0.9, 0.999, 1e-7). */
public record Nadam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {

    public Nadam {
        Optimizer.checkLearningRate(learningRate);
        Optimizer.checkFraction("beta1", beta1);
        Optimizer.checkFraction("beta2", beta2);
        Optimizer.checkEpsilon(epsilon);
    }

    @Override
    public Nadam withLearningRate(double learningRate) {
        return new Nadam(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public IUpdater toDl4j() {
        return new org.nd4j.linalg.learning.config.Nadam(learningRate, beta1, beta2, epsilon);
    }

    @Override
    public String toString() {
        return "nadam(lr=" + learningRate + ")";
    }
}
