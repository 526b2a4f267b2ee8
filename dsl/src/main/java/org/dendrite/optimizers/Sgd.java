package org.dendrite.optimizers;

import org.dendrite.runtime.Momentum;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * Stochastic gradient descent {@code w ← w - lr·g}, optionally with momentum (Keras defaults:
 * 0.01, momentum 0). With momentum {@code m}: {@code v ← m·v - lr·g; w ← w + v}; with
 * {@code nesterov}: {@code w ← w + m·v - lr·g} (DL4J's {@code Nesterovs}, the same rule).
 */
public record Sgd(double learningRate, double momentum, boolean nesterov) implements Optimizer {

    public Sgd {
        Optimizer.checkLearningRate(learningRate);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must lie in [0, 1), received momentum=" + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("nesterov needs a momentum above 0");
        }
    }

    @Override
    public Sgd withLearningRate(double learningRate) {
        return new Sgd(learningRate, momentum, nesterov);
    }

    @Override
    public IUpdater toDl4j() {
        if (nesterov) {
            return new Nesterovs(learningRate, momentum);
        }
        return momentum == 0
                ? new org.nd4j.linalg.learning.config.Sgd(learningRate)
                : new Momentum(learningRate, momentum);
    }

    @Override
    public String toString() {
        return "sgd(lr=" + learningRate + (momentum > 0 ? ", momentum=" + momentum : "")
                + (nesterov ? ", nesterov" : "") + ")";
    }
}
