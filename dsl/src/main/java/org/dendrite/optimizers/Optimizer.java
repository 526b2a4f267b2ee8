package org.dendrite.optimizers;

import java.io.Serializable;
import java.util.Optional;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * How gradients become weight updates, named and defaulted as in {@code keras.optimizers}.
 *
 * <p>Each optimiser is an immutable record whose components are Keras's arguments; the
 * {@code Dendrite} constants hold Keras's defaults and {@code adam(0.01)} style factories change
 * the learning rate.
 */
public sealed interface Optimizer extends Serializable
        permits Adam, Adamax, Nadam, RmsProp, Adagrad, Adadelta, Sgd, Clipped {

    /** The step size. */
    double learningRate();

    /** The same optimiser with another learning rate. */
    Optimizer withLearningRate(double learningRate);

    /** DL4J's updater with these hyper-parameters. */
    IUpdater toDl4j();

    /** Gradient clipping, if any (see {@link GradientClip}). */
    default Optional<GradientClip> clip() {
        return Optional.empty();
    }

    /** This optimiser with each gradient tensor's L2 norm clipped to {@code c} (Keras's {@code clipnorm}). */
    default Optimizer clipNorm(double c) {
        return new Clipped(this, new ClipNorm(c));
    }

    /** This optimiser with every gradient value clipped to {@code [-v, v]} (Keras's {@code clipvalue}). */
    default Optimizer clipValue(double v) {
        return new Clipped(this, new ClipValue(v));
    }

    /** Rejects a decay rate (a beta, rho) outside [0, 1), as Keras's optimisers would diverge or freeze. */
    static void checkFraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must lie in [0, 1), received " + name + "=" + value);
        }
    }

    /** Rejects an epsilon that is not a positive finite number (it keeps a division away from zero). */
    static void checkEpsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a positive number, received epsilon=" + epsilon);
        }
    }

    /** Rejects a learning rate that is not a positive finite number. */
    static double checkLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learning rate must be a positive number, received learningRate=" + learningRate);
        }
        return learningRate;
    }
}
