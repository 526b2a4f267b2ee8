package org.dendrite.optimizers;

import java.io.Serializable;
import org.deeplearning4j.nn.conf.GradientNormalization;

/**
 * Keras's optimiser arguments {@code clipnorm} ({@link ClipNorm}) and {@code clipvalue}
 * ({@link ClipValue}), as DL4J gradient normalisation. DL4J clips before the updater (Adam's
 * moments see the clipped gradient), as Keras does. Keras's {@code global_clipnorm} (one norm
 * over all gradients) has no DL4J counterpart and is not offered.
 */
public sealed interface GradientClip extends Serializable permits ClipNorm, ClipValue {

    /** The bound: a norm or an absolute value. */
    double threshold();

    /** DL4J's gradient normalisation that applies this rule. */
    GradientNormalization toDl4j();

    /** Checks a bound as both kinds need it: positive and finite. */
    static void requirePositive(String kind, double threshold) {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException(kind + " needs a positive bound, received " + threshold);
        }
    }
}
