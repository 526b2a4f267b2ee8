package org.dendrite.layers;

/**
 * Adds N(0, stddev²) noise to each input during training, as a regulariser; passes inputs through
 * unchanged in predict and evaluate (Keras's {@code GaussianNoise}).
 *
 * @param stddev the noise's standard deviation, finite and ≥ 0
 */
public record GaussianNoise(double stddev) implements Layer {

    public GaussianNoise {
        if (!(stddev >= 0) || Double.isInfinite(stddev)) {
            throw new IllegalArgumentException(
                    "GaussianNoise expects a finite standard deviation ≥ 0, received stddev=" + stddev);
        }
    }

    @Override
    public String kind() {
        return "GaussianNoise";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return Noises.layer(new org.deeplearning4j.nn.conf.dropout.GaussianNoise(stddev));
    }

    /** The shape is unchanged. */
    @Override
    public long[] outputShape(long[] input) {
        return input.clone();
    }

    @Override
    public String toString() {
        return "GaussianNoise(" + stddev + ")";
    }
}
