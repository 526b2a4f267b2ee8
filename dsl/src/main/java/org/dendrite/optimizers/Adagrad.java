package org.dendrite.optimizers;

import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Adagrad: steps divided by the root of all past squared gradients (Keras defaults: 0.001, 1e-7).
 * DL4J starts the accumulator at 0, where Keras starts it at 0.1: the first steps are larger.
 */
public record Adagrad(double learningRate, double epsilon) implements Optimizer {

    public Adagrad {
        Optimizer.checkLearningRate(learningRate);
        Optimizer.checkEpsilon(epsilon);
    }

    @Override
    public Adagrad withLearningRate(double learningRate) {
        return new Adagrad(learningRate, epsilon);
    }

    @Override
    public IUpdater toDl4j() {
        return new AdaGrad(learningRate, epsilon);
    }

    @Override
    public String toString() {
        return "adagrad(lr=" + learningRate + ")";
    }
}
