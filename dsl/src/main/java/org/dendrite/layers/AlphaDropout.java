package org.dendrite.layers;

/**
 * Drops the fraction {@code rate} of its inputs during training while keeping SELU's mean and
 * variance (Keras's {@code AlphaDropout}); unchanged in predict and evaluate. DL4J's
 * {@code AlphaDropout} takes the retain probability, {@code 1 - rate}.
 *
 * @param rate the fraction dropped, in [0, 1)
 */
public record AlphaDropout(double rate) implements Layer {

    public AlphaDropout {
        Noises.requireRate("AlphaDropout", rate);
    }

    @Override
    public String kind() {
        return "AlphaDropout";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return Noises.layer(new org.deeplearning4j.nn.conf.dropout.AlphaDropout(1 - rate));
    }

    /** The shape is unchanged. */
    @Override
    public long[] outputShape(long[] input) {
        return input.clone();
    }

    @Override
    public String toString() {
        return "AlphaDropout(" + rate + ")";
    }
}
