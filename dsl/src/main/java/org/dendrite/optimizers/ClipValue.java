package org.dendrite.optimizers;

import org.deeplearning4j.nn.conf.GradientNormalization;

/**
 * Keras's {@code clipvalue}: every gradient value clipped to {@code [-threshold, threshold]}; DL4J's
 * {@code ClipElementWiseAbsoluteValue} is the same rule exactly.
 *
 * @param threshold the largest absolute value, positive
 */
public record ClipValue(double threshold) implements GradientClip {

    public ClipValue {
        GradientClip.requirePositive("clipValue", threshold);
    }

    @Override
    public GradientNormalization toDl4j() {
        return GradientNormalization.ClipElementWiseAbsoluteValue;
    }

    @Override
    public String toString() {
        return "clipValue(" + threshold + ")";
    }
}
