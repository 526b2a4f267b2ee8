package org.dendrite.optimizers;

import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Adadelta: steps scaled by running averages of past steps and gradients (rho 0.95, epsilon 1e-7).
 * DL4J's Adadelta has no learning rate: it behaves as Keras 2's {@code Adadelta(lr=1.0)}, the
 * setting of Keras's mnist_cnn example. Only 1.0 is accepted.
 */
public record Adadelta(double rho, double epsilon) implements Optimizer {

    public Adadelta {
        Optimizer.checkFraction("rho", rho);
        Optimizer.checkEpsilon(epsilon);
    }

    @Override
    public double learningRate() {
        return 1.0;
    }

    @Override
    public Adadelta withLearningRate(double learningRate) {
        if (learningRate != 1.0) {
            throw new IllegalArgumentException(
                    "DL4J's Adadelta has no learning rate (it acts as Keras's lr=1.0); received learningRate="
                            + learningRate);
        }
        return this;
    }

    @Override
    public IUpdater toDl4j() {
        return new AdaDelta(rho, epsilon);
    }

    @Override
    public String toString() {
        return "adadelta(rho=" + rho + ")";
    }
}
