package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.dendrite.layers.options.LayerOption;

/**
 * Sets a random fraction {@code rate} of its inputs to 0 during training and scales the rest by
 * {@code 1 / (1 - rate)}; passes inputs through unchanged in predict and evaluate.
 *
 * <p>Also a {@link LayerOption}: {@code dense(64, RELU, HE, dropout(0.5))} reads as "a dense layer
 * with dropout" and is exactly {@code dense(64, RELU, HE).dropout(0.5)}: the layer's outputs are
 * dropped, by a Dropout layer placed right after it (Keras's idiom; {@code summary()} shows it).
 *
 * <p>Keras's {@code rate} is the fraction DROPPED; DL4J's {@code dropOut(p)} takes the fraction
 * RETAINED. This class is the one place that translates: {@code p = 1 - rate}.
 *
 * @param rate the fraction of inputs dropped, in {@code [0, 1)}
 */
public record Dropout(double rate) implements Layer, LayerOption {

    public Dropout {
        Noises.requireRate("Dropout", rate);
    }

    /** DL4J's retain probability for this rate. */
    public double retainProbability() {
        return 1 - rate;
    }

    @Override
    public String kind() {
        return "Dropout";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return new DropoutLayer.Builder(retainProbability()).build();
    }

    /** The shape is unchanged. */
    @Override
    public long[] outputShape(long[] input) {
        return input.clone();
    }

    @Override
    public String toString() {
        return "Dropout(" + rate + ")";
    }
}
