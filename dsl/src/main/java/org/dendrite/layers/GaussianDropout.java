package org.dendrite.layers;

/**
 * Multiplies each input by N(1, rate / (1 - rate)) noise during training; unchanged in predict and
 * evaluate (Keras's {@code GaussianDropout}).
 *
 * @param rate in [0, 1), as Keras's dropout rate
 */
public record GaussianDropout(double rate) implements Layer {

    public GaussianDropout {
        Noises.requireRate("GaussianDropout", rate);
    }

    @Override
    public String kind() {
        return "GaussianDropout";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return Noises.layer(new org.deeplearning4j.nn.conf.dropout.GaussianDropout(rate));
    }

    /** The shape is unchanged. */
    @Override
    public long[] outputShape(long[] input) {
        return input.clone();
    }

    @Override
    public String toString() {
        return "GaussianDropout(" + rate + ")";
    }
}
