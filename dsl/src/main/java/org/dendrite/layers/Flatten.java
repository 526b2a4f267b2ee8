package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * Flattens each example to one row: {@code (batch, h, w, c)} → {@code (batch, h·w·c)}.
 *
 * Sequences too: {@code (batch, timesteps, features)} → {@code (batch, timesteps·features)}, step after step.
 *
 * <p>It compiles to an identity layer that keeps the layer list aligned with Keras's, and
 * {@code summary()} shows the flat shape. DL4J reshapes images before a dense layer by itself (a
 * preprocessor it inserts from the input types); sequences it would cut into one row per step, so
 * the builders give Flatten the runtime's {@code SequenceFlattening} there.
 */
public record Flatten() implements Layer {

    @Override
    public String kind() {
        return "Flatten";
    }

    @Override
    public org.deeplearning4j.nn.conf.layers.Layer toDl4j() {
        return new ActivationLayer.Builder().activation(Activation.IDENTITY).build();
    }

    @Override
    public long[] outputShape(long[] input) {
        return new long[] {Shapes.size(input)};
    }

    @Override
    public String toString() {
        return "Flatten()";
    }
}
