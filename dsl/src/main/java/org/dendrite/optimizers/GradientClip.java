package org.dendrite.optimizers;

import java.io.Serializable;
import org.deeplearning4j.nn.conf.GradientNormalization;

/**
 * Keras's optimiser arguments {@code clipnorm} and {@code clipvalue}, as DL4J gradient normalisation.
 *
 * <ul>
 * <li>{@code clipValue(v)}: every gradient value clipped to {@code [-v, v]} — DL4J's
 *     {@code ClipElementWiseAbsoluteValue}, the same rule exactly.</li>
 * <li>{@code clipNorm(c)}: each gradient tensor (a layer's kernel, its bias) rescaled to an L2
 *     norm of at most {@code c} — DL4J's {@code ClipL2PerParamType}, which clips each parameter
 *     type of each layer on its own, as Keras clips each variable. Keras's {@code global_clipnorm}
 *     (one norm over all gradients) has no DL4J counterpart and is not offered.</li>
 * </ul>
 * DL4J clips before the updater (Adam's moments see the clipped gradient), as Keras does.
 *
 * @param byValue   true for {@code clipValue}, false for {@code clipNorm}
 * @param threshold the bound, positive
 */
public record GradientClip(boolean byValue, double threshold) implements Serializable {

    public GradientClip {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException((byValue ? "clipValue" : "clipNorm") + " needs a positive bound, received " + threshold);
        }
    }

    public GradientNormalization toDl4j() {
        return byValue ? GradientNormalization.ClipElementWiseAbsoluteValue : GradientNormalization.ClipL2PerParamType;
    }

    @Override
    public String toString() {
        return (byValue ? "clipValue(" : "clipNorm(") + threshold + ")";
    }
}
