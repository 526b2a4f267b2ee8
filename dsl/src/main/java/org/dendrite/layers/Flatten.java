package org.dendrite.layers;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * Flattens each example to one row: {@code (batch, h, w, c)} → {@code (batch, h·w·c)}.
 *
 * <p>DL4J reshapes between convolutional and dense layers by itself (a preprocessor it inserts
 * from the input types), so Flatten needs no work of its own; it compiles to an identity layer
 * that keeps the layer list aligned with Keras's, and {@code summary()} shows the flat shape.
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
