package org.dendrite.optimizers;

import org.deeplearning4j.nn.conf.GradientNormalization;

/**
 * Keras's {@code clipnorm}: each gradient tensor (a layer's kernel, its bias) rescaled to an L2
 * norm of at most {@code threshold}. DL4J's {@code ClipL2PerParamType} clips each parameter type of
 * each layer on its own, as Keras clips each variable.
 *
 * @param threshold the largest norm, positive
 */
public record ClipNorm(double threshold) implements GradientClip {

    public ClipNorm {
        GradientClip.requirePositive("clipNorm", threshold);
    }

    @Override
    public GradientNormalization toDl4j() {
        return GradientNormalization.ClipL2PerParamType;
    }

    @Override
    public String toString() {
        return "clipNorm(" + threshold + ")";
    }
}
