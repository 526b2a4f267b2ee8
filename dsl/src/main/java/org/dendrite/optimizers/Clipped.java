package org.dendrite.optimizers;

import java.util.Optional;
import org.nd4j.linalg.learning.config.IUpdater;

/** An optimiser whose gradients are clipped first: what {@code adam.clipNorm(1.0)} returns. */
public record Clipped(Optimizer base, GradientClip gradientClip) implements Optimizer {

    public Clipped {
        if (base instanceof Clipped) {
            throw new IllegalArgumentException("gradients are clipped once: " + base + " is already clipped");
        }
    }

    @Override
    public double learningRate() {
        return base.learningRate();
    }

    @Override
    public Clipped withLearningRate(double learningRate) {
        return new Clipped(base.withLearningRate(learningRate), gradientClip);
    }

    @Override
    public IUpdater toDl4j() {
        return base.toDl4j();
    }

    @Override
    public Optional<GradientClip> clip() {
        return Optional.of(gradientClip);
    }

    @Override
    public String toString() {
        return base + "." + gradientClip;
    }
}
