package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.BatchNormalization;

/**
 * Batch normalisation: {@code output = gamma · (x - mean) / sqrt(var + epsilon) + beta} per
 * feature, with the batch's statistics in training and running averages in inference. Keeps each
 * layer's inputs on a steady scale, which lets deep networks train faster and fights vanishing
 * and exploding gradients.
 *
 * <p>{@code 4 × features} parameters: {@code gamma} and {@code beta} are trained, the running
 * mean and variance are not (Keras counts them as non-trainable, and so does {@code summary()}).
 * Keras's momentum is DL4J's decay (same update rule); Keras's defaults replace DL4J's 0.9 and 1e-5.
 *
 * @param momentum weight of the old running average at each update, Keras default 0.99
 * @param epsilon  added to the variance, Keras default 1e-3
 */
public record BatchNorm(double momentum, double epsilon) implements Layer {

    /** Keras's defaults: momentum 0.99, epsilon 0.001, centre and scale. */
    public static final BatchNorm KERAS_DEFAULTS = new BatchNorm(0.99, 1e-3);

    public BatchNorm {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("BatchNorm expects a momentum in [0, 1), received momentum=" + momentum);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("BatchNorm expects a positive epsilon, received epsilon=" + epsilon);
        }
    }

    @Override
    public String kind() {
        return "BatchNormalization";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        // useLogStd(false): DL4J keeps the running variance itself, as Keras's moving_variance (get/setWeights)
        return new BatchNormalization.Builder()
                .decay(momentum)
                .eps(epsilon)
                .useLogStd(false)
                .build();
    }

    /** The shape is unchanged. */
    @Override
    public long[] outputShape(long[] input) {
        return input.clone();
    }

    @Override
    public String toString() {
        return equals(KERAS_DEFAULTS) ? "BatchNorm()" : "BatchNorm(momentum=" + momentum + ", epsilon=" + epsilon + ")";
    }
}
