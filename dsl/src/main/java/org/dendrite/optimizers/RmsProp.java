package org.dendrite.optimizers;

import org.nd4j.linalg.learning.config.IUpdater;

/** RMSprop: steps divided by a running root-mean-square of the gradient (Keras defaults: 0.001, rho 0.9, 1e-7). */
public record RmsProp(double learningRate, double rho, double epsilon) implements Optimizer {

    public RmsProp {
        Optimizer.checkLearningRate(learningRate);
        Optimizer.checkFraction("rho", rho);
        Optimizer.checkEpsilon(epsilon);
    }

    @Override
    public RmsProp withLearningRate(double learningRate) {
        return new RmsProp(learningRate, rho, epsilon);
    }

    @Override
    public IUpdater toDl4j() {
        return new org.nd4j.linalg.learning.config.RmsProp(learningRate, rho, epsilon);
    }

    @Override
    public String toString() {
        return "rmsprop(lr=" + learningRate + ")";
    }
}
